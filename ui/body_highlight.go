package ui

import (
	"errors"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/render"
)

// Bodies larger than progressiveMin show their top first: topLines lines
// are highlighted and delivered (Partial), the rest follows from a command
// the viewer starts once it shows the top.
const (
	progressiveMin = 2 << 20
	topLines       = 200
)

// palette is the body colours for the backend's style and colour mode.
func (b *Backend) palette() *render.Palette {
	st, err := render.LookupStyle(b.Style)
	if err != nil {
		st, _ = render.LookupStyle("")
	}
	return render.NewPalette(st, b.Color)
}

// highlight fills x.Lines from a JSON body; a large body gets only its top
// now (x.Partial, x.Shown) and a command for the rest.
func (b *Backend) highlight(x *Exchange, body []byte) {
	p := b.palette()
	if len(body) <= progressiveMin {
		lines := &render.Lines{}
		if err := render.Highlight(lines, body, p); err != nil {
			x.BodyErr = err
			return
		}
		x.Lines = lines
		return
	}
	h, top, done, err := highlightTop(body, p, topLines)
	switch {
	case err != nil:
		x.BodyErr = err
	case done:
		x.Lines = top
	default:
		stop := make(chan struct{})
		x.Partial, x.Shown = true, top
		x.stopBody = sync.OnceFunc(func() { close(stop) })
		x.rest = highlightRestCmd(x, h, len(body), stop)
	}
}

// highlightRestCmd highlights the rest of a Partial exchange's body,
// streaming bodyProgressMsgs, and ends with the complete exchange under the
// same Seq. Closing stop abandons it (a newer exchange is on screen).
func highlightRestCmd(x *Exchange, h *render.Highlighter, size int, stop <-chan struct{}) tea.Cmd {
	ch := make(chan tea.Msg, 1)
	send := latestOnly(ch)
	run := func() tea.Msg {
		defer close(ch)
		full := *x // the UI only reads x; the copy is ours
		full.Partial, full.Shown, full.rest = false, nil, nil
		lines, err := highlightRest(h, func(done int) {
			send(bodyProgressMsg{Seq: x.Seq, Done: done, Total: size})
		}, stop)
		switch {
		case errors.Is(err, errStopped):
			return nil
		case err != nil:
			full.BodyErr = err // shown as text, with the reason, like any invalid JSON
		default:
			full.Lines = lines
		}
		send(exchangeMsg{&full})
		return nil
	}
	return tea.Batch(run, waitStream(ch))
}
