package ui

import (
	"errors"

	"github.com/graphtui/graphtui/render"
)

// This file is the only place that knows how a body is highlighted in
// steps (render.Highlighter): the top for the first screen, then the rest.

// errStopped: the highlighting was abandoned.
var errStopped = errors.New("highlighting stopped")

// restStep is the lines highlighted between two progress reports and two
// looks at stop: a few milliseconds of work.
const restStep = 1 << 16

// highlightTop highlights at least n lines from the top of body. done says
// that was the whole body, in which case top is all of it.
func highlightTop(body []byte, p *render.Palette, n int) (h *render.Highlighter, top *render.Lines, done bool, err error) {
	h = render.NewHighlighter(body, p)
	done, err = h.Next(n)
	if err != nil {
		return nil, nil, false, err
	}
	return h, h.Lines(), done, nil
}

// highlightRest finishes what highlightTop started, calling progress with
// the body bytes done after every step. Closing stop abandons it.
func highlightRest(h *render.Highlighter, progress func(done int), stop <-chan struct{}) (*render.Lines, error) {
	for {
		select {
		case <-stop:
			return nil, errStopped
		default:
		}
		done, err := h.Next(restStep)
		if err != nil {
			return nil, err
		}
		if done {
			return h.Lines(), nil
		}
		progress(h.Consumed())
	}
}
