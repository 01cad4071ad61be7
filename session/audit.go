package session

import (
	"context"

	"github.com/graphtui/graphtui/audit"
	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/profiles"
)

// Audit compares the permissions the calls need with the roles in p's
// token (cached, or fetched: the one network call an audit makes) and
// says what to remove and add. URLs in the report are redacted. Its error
// is the token's: see IsTokenError.
//
// It blocks on the token request, so the TUI runs it in a tea.Cmd:
//
//	func() tea.Msg { r, err := s.Audit(ctx, p, calls); return auditMsg{r, err} }
func (s *Session) Audit(ctx context.Context, p profiles.Profile, calls []audit.Call) (*audit.Report, error) {
	tok, err := s.Auth.Token(ctx, p)
	if err != nil {
		return nil, err
	}
	return AuditFor(p, tok.Claims, calls, s.Redact), nil
}

// AuditHistory is Audit over p's requests in the TUI's history (GETs: the
// history keeps no method).
func (s *Session) AuditHistory(ctx context.Context, p profiles.Profile, h *history.Store) (*audit.Report, error) {
	return s.Audit(ctx, p, audit.FromHistory(h.For(p.Name)))
}

// AuditFor is an audit against known claims, without any network call: for
// a token already at hand (the TUI's last exchange). redact, if not nil,
// is applied to every URL (a recorded URL may carry a signature or code).
func AuditFor(p profiles.Profile, c auth.Claims, calls []audit.Call, redact func(string) string) *audit.Report {
	in := audit.Input{Profile: p, Granted: c.Roles, Calls: make([]audit.Call, len(calls))}
	for _, o := range c.Other {
		if o.Name == "oid" {
			in.PrincipalID = o.Value
		}
	}
	for i, call := range calls {
		if redact != nil {
			call.URL = redact(call.URL)
		}
		in.Calls[i] = call
	}
	return audit.Build(in)
}
