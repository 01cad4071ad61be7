package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/audit"
	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// audit computes the audit of p's calls for the view's computation gen.
// With tok (the last exchange's or the cached token) it makes no network
// call; without, it fetches p's token first. Either way it runs here, not
// in Update: the first audit loads the permission reference.
func (b *Backend) audit(p profiles.Profile, calls []audit.Call, tok *auth.Token, gen int) tea.Cmd {
	return func() tea.Msg {
		res := auditResultMsg{Profile: p.Name, Gen: gen}
		if tok == nil {
			t, err := b.Token(context.Background(), p, false)
			res.Fetched = &tokenMsg{Profile: p.Name, Token: t, Err: err}
			if err != nil {
				res.Err = errors.New(b.Redact(err.Error()))
				return res
			}
			tok = t
		}
		res.Report = session.AuditFor(p, tok.Claims, calls, b.Redact)
		return res
	}
}
