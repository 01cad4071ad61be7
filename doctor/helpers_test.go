package doctor

import (
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// now is the fixed clock of the table tests.
var now = time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)

const (
	testTenant   = "b03b09d7-5f35-4001-9f99-2578e865f845"
	testClientID = "10ce19aa-b3d7-4c92-9651-6f2659908000"
)

// globalProfile is a profile on the global cloud's real hosts.
var globalProfile = profiles.Profile{Name: "app", Tenant: testTenant, ClientID: testClientID, Cloud: profiles.CloudGlobal}

// reference is a hand-built slice of the permission reference, so each
// rule is tested against known facts whatever the real index says.
var reference = map[string]permissions.Match{
	"/users": {Pattern: "/users", AppOnly: true,
		Least: []string{"User.ReadBasic.All"}, All: []string{"User.ReadBasic.All", "User.Read.All", "Directory.Read.All"}},
	"/users/ava@contoso.com/messages": {Pattern: "/users/{id}/messages", AppOnly: true,
		Least: []string{"Mail.ReadBasic.All"}, All: []string{"Mail.ReadBasic.All", "Mail.Read", "Mail.ReadWrite"}},
	"/users/ava@contoso.com/onlinemeetings": {Pattern: "/users/{id}/onlineMeetings", AppOnly: true,
		Least: []string{"OnlineMeetings.Read.All"}, All: []string{"OnlineMeetings.Read.All"}},
	"/sites/root": {Pattern: "/sites/root", AppOnly: true,
		Least: []string{"Sites.Read.All"}, All: []string{"Sites.Read.All", "Sites.ReadWrite.All"}},
	"/teams/t1/channels": {Pattern: "/teams/{id}/channels", AppOnly: true,
		Least: []string{"ChannelSettings.Read.Group"}, All: []string{"ChannelSettings.Read.Group", "Channel.ReadBasic.All"}},
	"/me/messages":                      {Pattern: "/me/messages", AppOnly: true, Least: []string{"Mail.ReadBasic"}, All: []string{"Mail.ReadBasic"}},
	"/users/ava@contoso.com/activities": {Pattern: "/users/{id}/activities"}, // delegated only
	"/administrativeunits/au1/members": {Pattern: "/administrativeUnits/{id}/members", AppOnly: true,
		Least: []string{"AdministrativeUnit.Read.All"}, All: []string{"AdministrativeUnit.Read.All", "Directory.Read.All"}},
}

// useReference makes Diagnose look paths up in ref for the test's duration.
func useReference(t *testing.T, ref map[string]permissions.Match) {
	t.Helper()
	saved := lookup
	t.Cleanup(func() { lookup = saved })
	lookup = func(pathOrURL string) (permissions.Match, bool) {
		p := strings.ToLower(pathOrURL)
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		for _, v := range []string{"/v1.0", "/beta"} {
			p = strings.TrimPrefix(p, v)
		}
		m, ok := ref[p]
		m.Path = p
		return m, ok
	}
}

// appClaims are the claims of a global-cloud app-only token.
func appClaims(roles ...string) *auth.Claims {
	return &auth.Claims{
		Audience:       "https://graph.microsoft.com",
		Issuer:         "https://sts.windows.net/" + testTenant + "/",
		TenantID:       testTenant,
		AppID:          testClientID,
		AppDisplayName: "Contoso Team Directory",
		IDType:         "app",
		Roles:          roles,
		IssuedAt:       now.Add(-10 * time.Minute),
		NotBefore:      now.Add(-10 * time.Minute),
		ExpiresAt:      now.Add(50 * time.Minute),
	}
}

func graphError(status int, code, message string) *graph.GraphError {
	return &graph.GraphError{Status: status, Code: code, Message: message, RequestID: "11111111-2222-3333-4444-555555555555", Date: "2026-05-04T12:00:00"}
}

// input builds a Graph failure seen by profile globalProfile.
func input(status int, path string, ge *graph.GraphError, c *auth.Claims) Input {
	return Input{Profile: globalProfile, URL: "https://graph.microsoft.com/v1.0" + path, Status: status, GraphError: ge, Claims: c, Now: now}
}

// text is everything a diagnosis says, for substring checks.
func text(d *Diagnosis) string {
	var b strings.Builder
	b.WriteString(d.Title + "\n" + d.Cause + "\n")
	for _, n := range d.Next {
		b.WriteString(n + "\n")
	}
	for _, e := range d.Evidence {
		b.WriteString(e.Label + ": " + e.Value + "\n")
	}
	return b.String()
}

func evidence(d *Diagnosis, label string) string {
	for _, e := range d.Evidence {
		if e.Label == label {
			return e.Value
		}
	}
	return ""
}
