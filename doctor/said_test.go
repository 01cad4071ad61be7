package doctor

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/permissions"
)

// TestGraphsOwnWords: the error's code and message decide before the
// token's claims, which may be missing or look right by this machine's
// clock. One case per message Graph (or the service behind it) sends.
func TestGraphsOwnWords(t *testing.T) {
	ref := maps.Clone(reference)
	ref["/users/ava@contoso.com/chats"] = permissions.Match{Pattern: "/users/{id}/chats", AppOnly: true,
		Least: []string{"Chat.ReadBasic.All"}, All: []string{"Chat.ReadBasic.All", "Chat.Read.All"}}
	ref["/teams/t1/channels/c1/messages"] = permissions.Match{Pattern: "/teams/{id}/channels/{id}/messages", AppOnly: true,
		Least: []string{"ChannelMessage.Read.All"}, All: []string{"ChannelMessage.Read.All", "ChannelMessage.Read.Group"}}
	ref["/education/me/classes"] = permissions.Match{Pattern: "/education/me/classes"}
	useReference(t, ref)
	valid := appClaims("User.Read.All") // audience, lifetime and issuer all look right
	const (
		lifetime = "Lifetime validation failed, the token is expired."
		audience = "Access token validation failure. Invalid audience."
		license  = "Failed to get license information for the user. Ensure user has a valid Office365 license assigned to them."
		teams    = "Missing role permissions on the request. API requires one of 'ChannelMessage.Read.All, ChannelMessage.Read.Group'. Roles on the request 'User.Read.All'."
		me       = "/me request is only valid with delegated authentication flow."
	)
	cases := []struct {
		name   string
		status int
		path   string
		code   string
		msg    string
		claims *auth.Claims
		kind   Kind
		says   string
	}{
		{"expired by Graph's clock, valid by ours", 401, "/users", "InvalidAuthenticationToken", lifetime, valid, KindExpiredToken, "clock"},
		{"expired, no token at hand", 401, "/users", "InvalidAuthenticationToken", lifetime, nil, KindExpiredToken, "graphtui token --refresh -p app"},
		{"invalid audience, claims look right", 401, "/users", "InvalidAuthenticationToken", audience, valid, KindWrongAudience, `scope = "https://graph.microsoft.com/.default"`},
		{"invalid audience, no token at hand", 401, "/users", "InvalidAuthenticationToken", audience, nil, KindWrongAudience, "not known"},
		{"invalid signature, no token at hand", 401, "/users", "InvalidAuthenticationToken", "Signature validation failed.", nil, KindInvalidToken, "signature or issuer"},
		{"invalid issuer", 401, "/users", "InvalidAuthenticationToken", "IDX10205: Issuer validation failed.", valid, KindInvalidToken, "issuer"},
		{"no licence, accepted role", 403, "/users/ava@contoso.com/chats", "Forbidden", license, appClaims("Chat.Read.All"), KindNoLicense, "ava@contoso.com"},
		{"no licence, no token at hand", 403, "/users/ava@contoso.com/chats", "Forbidden", license, nil, KindNoLicense, "Licenses"},
		{"API requires one of, Teams", 403, "/teams/t1/channels/c1/messages", "Forbidden", teams, appClaims("User.Read.All"), KindTeamsRSC, "ChannelMessage.Read.Group"},
		{"API requires one of, elsewhere", 403, "/deviceManagement/detectedApps", "Forbidden", "Application must have one of the following scopes: DeviceManagementApps.Read.All", appClaims("User.Read.All"), KindMissingRole, "DeviceManagementApps.Read.All"},
		{"Exchange ErrorAccessDenied", 403, "/users/ava@contoso.com/messages", "ErrorAccessDenied", "Access to OData is disabled.", appClaims("Mail.Read"), KindExchangePolicy, "Test-ServicePrincipalAuthorization"},
		{"SharePoint accessDenied", 403, "/sites/root", "accessDenied", "Access denied", appClaims("Sites.Selected"), KindSitesSelected, "POST /sites/{site-id}/permissions"},
		{"/me, message only", 400, "/me/messages", "BadRequest", me, nil, KindMeWithAppToken, "/users/{id or userPrincipalName}/messages"},
		{"/education/me", 403, "/education/me/classes", "Forbidden", "Forbidden", appClaims("EduRoster.Read.All"), KindMeWithAppToken, "/education/users/{id or userPrincipalName}/classes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Diagnose(input(c.status, c.path, graphError(c.status, c.code, c.msg), c.claims))
			if d == nil {
				t.Fatal("no diagnosis")
			}
			if d.Kind != c.kind {
				t.Fatalf("kind %s, want %s\n%s", d.Kind, c.kind, text(d))
			}
			if !strings.Contains(text(d), c.says) {
				t.Errorf("diagnosis does not say %q:\n%s", c.says, text(d))
			}
		})
	}
}

// A token past its exp is explained by the claims when Graph's words are
// generic, as before.
func TestExpiredByClaims(t *testing.T) {
	useReference(t, reference)
	c := appClaims("User.Read.All")
	c.ExpiresAt = now.Add(-time.Minute)
	d := Diagnose(input(401, "/users", graphError(401, "InvalidAuthenticationToken", "Access token validation failure."), c))
	if d == nil || d.Kind != KindExpiredToken || !strings.Contains(d.Cause, "1m0s ago") {
		t.Fatalf("got %+v", d)
	}
}
