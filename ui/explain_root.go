package ui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/session"
)

// The root's side of the explain dialog: opening it, running the doctor
// and showing the result in the viewer.

// openExplain opens the explain dialog, unless another dialog is open.
func (m *Model) openExplain() tea.Cmd {
	if m.dialog != nil {
		return nil
	}
	m.dialog = NewExplainDialog(m.common, m.current.Name)
	m.sizeDialog()
	return m.dialog.Focus()
}

// routeExplain handles the explain dialog's messages; ok is false for
// any other message.
func (m *Model) routeExplain(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case explainMsg:
		return m.explain(msg), true
	case explainedMsg:
		return m.explained(msg), true
	}
	return nil, false
}

func (m *Model) explain(msg explainMsg) tea.Cmd {
	if m.dialog != msg.dialog {
		return nil
	}
	if msg.None {
		return m.backend.explain(context.Background(), msg.dialog, nil, msg.In)
	}
	p, ok := m.profile(msg.dialog.profile)
	if !ok {
		msg.dialog.finished(fmt.Sprintf("The profile %s is gone: choose none under Roles from.", msg.dialog.profile))
		return nil
	}
	return m.backend.explain(context.Background(), msg.dialog, &p, msg.In)
}

func (m *Model) explained(msg explainedMsg) tea.Cmd {
	if m.dialog != msg.dialog {
		return nil // closed before the doctor answered
	}
	if msg.err != nil {
		text := m.backend.Auth.Redact(msg.err.Error())
		if session.IsTokenError(msg.err) {
			text = fmt.Sprintf("No token for %s: %s. Choose none under Roles from to explain without it.", msg.dialog.profile, text)
		}
		msg.dialog.finished(text)
		return nil
	}
	m.dialog = nil
	// The answer replaces what the viewer shows, as a new request would;
	// only the viewer sees it: no pane's state came from it.
	m.cancelInflight()
	m.seq++
	msg.x.Seq = m.seq
	cmd := m.handle(m.viewer.Update(exchangeMsg{msg.x}))
	m.setStatus(fmt.Sprintf("explained the pasted %d: %s; nothing was sent to Graph", msg.x.Response.Status, msg.x.Diagnosis.Kind), false)
	return tea.Batch(cmd, m.setFocus(focusViewer))
}

// notSent refuses to replay a pasted exchange: its request was never
// graphtui's to send (it may be a write), and the user sends it from the
// request pane when they mean to.
func (m *Model) notSent(x *Exchange) bool {
	if !x.Pasted {
		return false
	}
	m.setStatus("a pasted error is not replayed: send the request from the request pane (ctrl+l)", false)
	return true
}
