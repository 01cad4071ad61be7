package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/samples"
)

// The root's side of the sample catalogue: opening it and loading the
// chosen sample into the request builder.

// routeSamples handles the catalogue's intents; ok is false for any
// other message.
func (m *Model) routeSamples(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case openSamplesMsg:
		if m.dialog != nil {
			return nil, true
		}
		d := NewSamplesDialog(m.common)
		m.openDialog(d)
		return tea.Batch(d.Focus(), loadSamples), true
	case sampleChosenMsg:
		if _, open := m.dialog.(*SamplesDialog); !open {
			return nil, true
		}
		m.dialog = nil
		m.focused().Blur()
		m.focus = focusRequest
		return m.request.loadSample(msg.Sample), true
	}
	return nil, false
}

// loadSample replaces the request with s and gives the path input the
// keyboard with its first placeholder selected, so typing fills it in.
func (b *RequestBuilder) loadSample(s samples.Sample) tea.Cmd {
	b.SetRequest(graph.Request{Method: s.Method, Version: graph.VersionV1, Path: s.Path})
	cmd := b.FocusPath()
	b.selectPlaceholder()
	return cmd
}
