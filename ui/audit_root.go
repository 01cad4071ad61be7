package ui

import (
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/audit"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/history"
)

// The root's side of the audit view: which calls a profile made, opening
// the view, and recomputing it when the profile's next exchange arrives.

// routeAudit handles the audit's messages; done is false for any other.
func (m *Model) routeAudit(msg tea.Msg) (cmd tea.Cmd, done bool) {
	switch msg := msg.(type) {
	case auditMsg:
		return m.openAudit(msg.Profile), true
	case auditResultMsg:
		if f := msg.Fetched; f != nil {
			if f.Token != nil {
				m.common.Presenter.AddTenants(f.Token.Claims.TenantID)
			}
			m.picker.Update(*f)
		}
		if v, ok := m.dialog.(*AuditView); ok {
			v.setResult(msg)
		}
		return nil, true
	}
	return nil, false
}

// noteCall remembers a request sent as profile, for the audit: the demo
// keeps no history file, and the file's copy is written in a command that
// may not have run yet. Equal calls are kept once.
func (m *Model) noteCall(profile string, r graph.Request) {
	c := audit.FromHistory([]history.Entry{history.NewEntry(profile, r, time.Time{})})[0]
	if r.Method != "" {
		c.Method = r.Method
	}
	if m.auditRun == nil {
		m.auditRun = map[string][]audit.Call{}
	}
	if !slices.Contains(m.auditRun[profile], c) {
		m.auditRun[profile] = append(m.auditRun[profile], c)
	}
}

// auditCalls are the profile's calls: its history (earlier sessions, when
// there is a history file), then this session's. The audit drops repeats.
func (m *Model) auditCalls(profile string) []audit.Call {
	return append(audit.FromHistory(m.historyFor(profile)), m.auditRun[profile]...)
}

// openAudit opens the audit view for a profile. The audit runs in a
// command: with the cached token if there is one, else after fetching it.
func (m *Model) openAudit(name string) tea.Cmd {
	p, ok := m.profile(name)
	if !ok {
		return nil
	}
	v := NewAuditView(m.common, name)
	m.dialog = v
	m.sizeDialog()
	return m.backend.audit(p, m.auditCalls(name), m.backend.Auth.Cached(name), v.begin())
}

// auditExchange recomputes the open audit view when an exchange of its
// profile arrives, with that exchange's token: the view follows the
// requests as they are sent.
func (m *Model) auditExchange(x *Exchange) tea.Cmd {
	v, ok := m.dialog.(*AuditView)
	if !ok || x.Profile != v.Profile() || x.Token == nil {
		return nil
	}
	p, ok := m.profile(x.Profile)
	if !ok {
		return nil
	}
	return m.backend.audit(p, m.auditCalls(p.Name), x.Token, v.begin())
}
