package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
)

// Rows and messages for the app identities that are not a secret or a
// certificate: a managed identity's app role assignment, a federated
// assertion's claims, a delegated token's label.

// roleAssignmentRows shows the app role assignment that grants a managed
// identity the missing permission.
func roleAssignmentRows(f *fieldLayout, x *Exchange, st *Styles) {
	if x == nil || x.Diagnosis == nil || x.Diagnosis.RoleAssignment == nil {
		return
	}
	ra := x.Diagnosis.RoleAssignment
	f.blank()
	f.heading("App role assignment (a managed identity has no consent URL)", st.Title)
	for _, kv := range [][2]string{
		{"permission", ra.Permission},
		{"app role id", ra.AppRoleID},
		{"principal", ra.PrincipalID}, // labels fit the tab's 12 cells
		{"request", ra.Request},
		{"body", ra.Body},
		// The az rest and PowerShell lines are among the next steps above.
	} {
		if kv[1] != "" {
			f.field(kv[0], kv[1], st.Value)
		}
	}
}

// noConsentText is what u and Q say when the response has no consent URL.
func noConsentText(x *Exchange) string {
	if x != nil && (x.Diagnosis != nil && x.Diagnosis.RoleAssignment != nil || x.Token != nil && x.Token.Kind == profiles.KindManagedIdentity) {
		return "no consent URL: a managed identity gets permissions by an app role assignment (see the Diagnosis tab)"
	}
	return "no consent URL for this response"
}

// identityTokenRows adds what the Token tab knows about how the token was
// had: the profile's kind, a federated assertion's iss/sub/aud (never the
// assertion) and the delegated label.
func identityTokenRows(f *fieldLayout, t *auth.Token, st *Styles) {
	if t.Kind != "" {
		f.field("kind", t.Kind, st.Value)
	}
	if a := t.Federated; a != nil {
		f.field("assertion iss", a.Issuer, st.Value)
		f.field("assertion sub", a.Subject, st.Value)
		f.field("assertion aud", a.Audience, st.Value)
	}
	if t.Delegated {
		f.field("note", auth.DelegatedLabel, st.BadgeWarn)
	}
}

// tokenWithNotice gets a token and, beside it, the token cache's one-time
// notice (no keyring: tokens in memory only) for the status bar. Both run
// as commands: opening the cache may ask the OS keyring.
func (b *Backend) tokenWithNotice(ctx context.Context, p profiles.Profile, force bool) tea.Cmd {
	return tea.Batch(b.token(ctx, p, force), func() tea.Msg {
		if n := b.CacheNotice(); n != "" {
			return statusMsg{Text: n}
		}
		return nil
	})
}
