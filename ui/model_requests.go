package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The root's requests: starting, cancelling and reporting the one
// request in flight.

func (m *Model) startInflight(what string) (context.Context, tea.Cmd) {
	m.cancelInflight()
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.inflight = what
	m.started = time.Now()
	m.now = m.started
	m.seq++
	m.setStatus("", false)
	m.viewer.SetLoading(what, m.started)
	return ctx, m.spinner.Tick
}

func (m *Model) stopInflight() {
	if m.cancel != nil {
		m.cancel()
	}
	m.cancel = nil
	m.inflight = ""
	m.viewer.SetLoading("", time.Time{})
}

func (m *Model) cancelInflight() {
	if m.inflight == "" {
		return
	}
	what := m.inflight
	m.stopInflight()
	m.seq++ // whatever arrives for the cancelled request is dropped
	m.setStatus("cancelled: "+what, false)
}

func (m *Model) send(msg sendMsg) tea.Cmd {
	if m.current.Name == "" {
		m.setStatus("no profile selected: add one in the profile pane (tab, then a)", true)
		return nil
	}
	ctx, tick := m.startInflight(methodOf(msg.Request) + " " + msg.Request.Path)
	m.noteCall(m.current.Name, msg.Request)
	return tea.Batch(tick,
		m.backend.send(ctx, m.seq, m.current, msg.Request),
		m.backend.recordHistory(m.history, m.current.Name, msg.Request))
}

func (m *Model) nextPage() tea.Cmd {
	x := m.viewer.Exchange()
	if x == nil || !x.More || x.Response == nil {
		m.setStatus("there is no next page", false)
		return nil
	}
	p, ok := m.profile(x.Profile)
	if !ok {
		return nil
	}
	ctx, tick := m.startInflight(fmt.Sprintf("page %d", x.Page+1))
	return tea.Batch(tick, m.backend.next(ctx, m.seq, p, x))
}

func (m *Model) fetchAll() tea.Cmd {
	x := m.viewer.Exchange()
	if x == nil || x.Response == nil || (!x.More && x.Page <= 1) {
		m.setStatus("nothing more to fetch: the response has no next page", false)
		return nil
	}
	p, ok := m.profile(x.Profile)
	if !ok {
		return nil
	}
	ctx, tick := m.startInflight("fetching all pages")
	return tea.Batch(tick, m.backend.fetchAll(ctx, m.seq, p, x))
}

// recheck is the end of the consent round trip: a forced token refresh,
// the roles diff, and the failed request replayed.
func (m *Model) recheck(msg recheckMsg) tea.Cmd {
	x := m.viewer.Exchange()
	if x == nil || m.notSent(x) {
		return nil
	}
	p, ok := m.profile(x.Profile)
	if !ok {
		return nil
	}
	if msg.Confirmed {
		m.dialog = nil // the confirmation that asked
	} else if m.askWrite(p, x.Request, "Replay this write with a new token?", recheckMsg{Confirmed: true}) {
		return nil
	}
	m.picker.SetPending(p.Name)
	ctx, tick := m.startInflight("new token for " + p.Name + ", then " + methodOf(x.Request) + " " + x.Request.Path)
	return tea.Batch(tick, m.backend.recheck(ctx, m.seq, p, x))
}

// matrix runs the shown request under every profile.
func (m *Model) matrix(msg matrixMsg) tea.Cmd {
	x := m.viewer.Exchange()
	if x == nil || len(m.profiles) == 0 || m.notSent(x) {
		return nil
	}
	if msg.Confirmed {
		m.dialog = nil
	} else if m.askMatrixWrite(x.Request) {
		return nil
	}
	ctx, tick := m.startInflight(fmt.Sprintf("%s %s under %d profiles", methodOf(x.Request), x.Request.Path, len(m.profiles)))
	return tea.Batch(tick, m.backend.matrix(ctx, m.profiles, x.Request))
}

func (m *Model) reportExchange(x *Exchange) {
	switch {
	case x.TokenErr != nil:
		m.setStatus("token request failed: see the response pane", true)
	case x.Err != nil && x.Response == nil:
		m.setStatus("request failed: "+m.backend.Auth.Redact(x.Err.Error()), true)
	case x.Response != nil && x.Response.Error != nil:
		m.setStatus(fmt.Sprintf("%d %s", x.Response.Status, x.Response.Error.Code), true)
	case x.RolesDiff != nil:
		m.setStatus(fmt.Sprintf("fresh token: %d roles added, %d removed; the request now succeeds", len(x.RolesDiff.Added), len(x.RolesDiff.Removed)), false)
	}
}
