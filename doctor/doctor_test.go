package doctor

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
)

// TestDiagnoseKinds pins, for every kind, the inputs that lead to it and
// what the user is told: the missing permission, the concrete next step.
func TestDiagnoseKinds(t *testing.T) {
	useReference(t, reference)
	consent := globalProfile.AdminConsentURL()
	expired := appClaims("User.Read.All")
	expired.ExpiresAt = now.Add(-5 * time.Minute)
	otherAPI := appClaims("User.Read.All")
	otherAPI.Audience = "api://contoso-hr"
	chinaToken := appClaims("User.Read.All")
	chinaToken.Audience = "https://microsoftgraph.chinacloudapi.cn"
	chinaToken.Issuer = "https://sts.chinacloudapi.cn/" + testTenant + "/"
	noRolesAtAll := appClaims()

	cases := []struct {
		name    string
		in      Input
		kind    Kind
		missing []string
		says    []string // substrings of title, cause, next steps or evidence
	}{
		{
			name:    "no roles claim, 401",
			in:      input(401, "/users", graphError(401, "InvalidAuthenticationToken", "Either scp or roles claim need to be present in the token."), noRolesAtAll),
			kind:    KindNoRoles,
			missing: []string{"User.ReadBasic.All"},
			says:    []string{"no roles claim", consent, "graphtui token --refresh -p app"},
		},
		{
			name: "no roles claim, 403 from a workload",
			in:   input(403, "/users", graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."), noRolesAtAll),
			kind: KindNoRoles, missing: []string{"User.ReadBasic.All"},
			says: []string{consent},
		},
		{
			name:    "roles but none accepted",
			in:      input(403, "/users", graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."), appClaims("Group.Read.All")),
			kind:    KindMissingRole,
			missing: []string{"User.ReadBasic.All"},
			says:    []string{"Group.Read.All", "Add the application permission User.ReadBasic.All", consent, "graphtui token --refresh -p app"},
		},
		{
			name: "accepted mail role, Exchange refuses the mailbox",
			in: input(403, "/users/ava@contoso.com/messages", graphError(403, "ErrorAccessDenied", "Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings."),
				appClaims("Mail.Read", "User.ReadBasic.All")),
			kind: KindExchangePolicy,
			says: []string{"Test-ServicePrincipalAuthorization -Identity " + testClientID + " -Resource ava@contoso.com", "Test-ApplicationAccessPolicy -Identity ava@contoso.com -AppId " + testClientID},
		},
		{
			name: "mailbox path unknown to the reference, mail role, ErrorAccessDenied",
			in:   input(403, "/users/ava@contoso.com/mailFolders/inbox/childFolders", graphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."), appClaims("Mail.Read")),
			kind: KindExchangePolicy,
			says: []string{"Test-ServicePrincipalAuthorization"},
		},
		{
			name: "Sites.Selected without a grant",
			in:   input(403, "/sites/root", graphError(403, "accessDenied", "Access denied"), appClaims("Sites.Selected", "User.Read.All")),
			kind: KindSitesSelected,
			says: []string{"POST /sites/{site-id}/permissions", `"id":"` + testClientID + `"`, "GET /sites/root?$select=id", "Sites.Read.All"},
		},
		{
			name: "Sites.Selected on a site given by id",
			in:   input(403, "/sites/contoso.sharepoint.com,1,2/lists", graphError(403, "accessDenied", "Access denied"), appClaims("Sites.Selected")),
			kind: KindSitesSelected,
			says: []string{"POST /sites/contoso.sharepoint.com,1,2/permissions"},
		},
		{
			name:    "team without RSC and without a tenant-wide role",
			in:      input(403, "/teams/t1/channels", graphError(403, "Forbidden", "Forbidden"), appClaims("User.Read.All")),
			kind:    KindTeamsRSC,
			missing: []string{"ChannelSettings.Read.Group"},
			says:    []string{"resourceSpecific", "Channel.ReadBasic.All", consent},
		},
		{
			name: "team with an accepted role, still refused",
			in:   input(403, "/teams/t1/channels", graphError(403, "Forbidden", "Forbidden"), appClaims("Channel.ReadBasic.All")),
			kind: KindTeamsRSC,
			says: []string{"aka.ms/teamsgraph/requestaccess", "ChannelSettings.Read.Group"},
		},
		{
			name: "accepted role, object refuses",
			in:   input(403, "/administrativeUnits/au1/members", graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."), appClaims("Directory.Read.All")),
			kind: KindResourceScoped,
			says: []string{"Directory.Read.All", "request-id"},
		},
		{
			name: "online meetings need a Teams application access policy",
			in:   input(403, "/users/ava@contoso.com/onlineMeetings", graphError(403, "Forbidden", "No application access policy found for this app."), appClaims("OnlineMeetings.Read.All")),
			kind: KindResourceScoped,
			says: []string{"Grant-CsApplicationAccessPolicy", "-Identity ava@contoso.com", "-AppIds " + testClientID},
		},
		{
			name: "token for another API",
			in:   input(401, "/users", graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience."), otherAPI),
			kind: KindWrongAudience,
			says: []string{"api://contoso-hr", `scope = "https://graph.microsoft.com/.default"`},
		},
		{
			name: "expired token",
			in:   input(401, "/users", graphError(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired."), expired),
			kind: KindExpiredToken,
			says: []string{"5m0s ago", "graphtui token --refresh -p app"},
		},
		{
			name: "token from the China cloud sent to global Graph",
			in:   input(401, "/users", graphError(401, "InvalidAuthenticationToken", "Access token validation failure."), chinaToken),
			kind: KindWrongCloud,
			says: []string{"china", "global", "Set cloud"},
		},
		{
			name: "right audience and lifetime, still 401",
			in:   input(401, "/users", graphError(401, "InvalidAuthenticationToken", "Signature is invalid."), appClaims("User.Read.All")),
			kind: KindInvalidToken,
			says: []string{"signature", "graphtui token --refresh -p app"},
		},
		{
			name: "/me with an app token",
			in:   input(400, "/me/messages", graphError(400, "BadRequest", "/me request is only valid with delegated authentication flow."), appClaims("Mail.Read")),
			kind: KindMeWithAppToken,
			says: []string{"/users/{id or userPrincipalName}/messages"},
		},
		{
			name: "endpoint with no application permission",
			in:   input(403, "/users/ava@contoso.com/activities", graphError(403, "Forbidden", "Forbidden"), appClaims("User.Read.All")),
			kind: KindNotAppCallable,
			says: []string{"GET /users/{id}/activities", "delegated", "none: delegated only"},
		},
		{
			name: "a 401 without roles on an endpoint no app may call: consent would not help",
			in:   input(401, "/users/ava@contoso.com/activities", graphError(401, "InvalidAuthenticationToken", "Either scp or roles claim need to be present in the token."), noRolesAtAll),
			kind: KindNotAppCallable,
		},
		{
			name: "path unknown to the reference, no role named anywhere",
			in:   input(403, "/contoso/widgets", graphError(403, "Forbidden", "Forbidden"), appClaims("User.Read.All")),
			kind: KindUnknown,
			says: []string{"not in graphtui's permission reference", "HTTP 403 Forbidden"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Diagnose(c.in)
			if d == nil {
				t.Fatal("no diagnosis")
			}
			if d.Kind != c.kind {
				t.Fatalf("kind %s, want %s\n%s", d.Kind, c.kind, text(d))
			}
			if !slices.Equal(d.Missing, c.missing) {
				t.Errorf("missing %v, want %v", d.Missing, c.missing)
			}
			all := text(d)
			for _, s := range c.says {
				if !strings.Contains(all, s) {
					t.Errorf("diagnosis does not say %q:\n%s", s, all)
				}
			}
			for _, n := range d.Next {
				if words := strings.Fields(n); strings.HasPrefix(words[len(words)-1], "https://") && strings.HasSuffix(n, ".") {
					t.Errorf("a step ending in a URL must not end with a full stop (it gets copied): %q", n)
				}
			}
			if d.Title == "" || d.Cause == "" || len(d.Next) == 0 {
				t.Errorf("title, cause and next steps are all required:\n%s", all)
			}
			if c.in.Claims != nil && !slices.Equal(d.Has, c.in.Claims.Roles) {
				t.Errorf("Has = %v, want the token's roles %v", d.Has, c.in.Claims.Roles)
			}
			if d.ConsentURL != consent {
				t.Errorf("ConsentURL = %q, want %q", d.ConsentURL, consent)
			}
		})
	}
}

func TestDiagnoseHasNothingToSay(t *testing.T) {
	useReference(t, reference)
	for name, in := range map[string]Input{
		"200":                input(200, "/users", nil, appClaims("User.Read.All")),
		"404 object":         input(404, "/users/nobody", graphError(404, "Request_ResourceNotFound", "not found"), appClaims("User.Read.All")),
		"429":                input(429, "/users", graphError(429, "TooManyRequests", "slow down"), appClaims("User.Read.All")),
		"400 bad filter":     input(400, "/users", graphError(400, "Request_BadRequest", "Invalid filter clause"), appClaims("User.Read.All")),
		"no response no err": {Profile: globalProfile, URL: "/users", Now: now},
		"500 with no claims": input(500, "/users", graphError(500, "InternalServerError", "oops"), nil),
	} {
		if d := Diagnose(in); d != nil {
			t.Errorf("%s: got %s: %s", name, d.Kind, d.Title)
		}
	}
}

func TestDelegatedTokenOnMeIsNotBlamedOnAppOnly(t *testing.T) {
	useReference(t, reference)
	c := appClaims()
	c.IDType = "user"
	c.Other = []auth.Claim{{Name: "scp", Value: "Mail.ReadBasic"}}
	d := Diagnose(input(403, "/me/messages", graphError(403, "ErrorAccessDenied", "Access is denied."), c))
	if d == nil || d.Kind == KindMeWithAppToken || d.Kind == KindNoRoles {
		t.Fatalf("a delegated token on /me got %v", d)
	}
}

func TestEvidenceShowsClaimsEndpointAndErrorBody(t *testing.T) {
	useReference(t, reference)
	d := Diagnose(input(403, "/users?$top=5", graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."), appClaims("Group.Read.All")))
	want := map[string]string{
		"aud":              "https://graph.microsoft.com",
		"iss":              "https://sts.windows.net/" + testTenant + "/",
		"appid":            testClientID + " (Contoso Team Directory)",
		"roles":            "Group.Read.All",
		"exp":              "2026-05-04T12:50:00Z (in 50m0s)",
		"endpoint":         "GET /users",
		"least privileged": "User.ReadBasic.All",
		"accepted":         "User.ReadBasic.All, User.Read.All, Directory.Read.All",
		"error":            "HTTP 403 Authorization_RequestDenied",
		"message":          "Insufficient privileges to complete the operation.",
		"request-id":       "11111111-2222-3333-4444-555555555555",
		"date":             "2026-05-04T12:00:00",
	}
	for label, v := range want {
		if got := evidence(d, label); got != v {
			t.Errorf("evidence %q = %q, want %q", label, got, v)
		}
	}
	if d.Endpoint == nil || d.Endpoint.Pattern != "/users" {
		t.Errorf("Endpoint = %+v", d.Endpoint)
	}
}

// TestRolesFromGraphMessage: when the reference knows nothing of a path,
// the permissions named in Graph's message decide and become Missing.
func TestRolesFromGraphMessage(t *testing.T) {
	useReference(t, reference)
	msg := "Missing role permissions on the request. API requires one of 'ChannelMessage.Read.All, ChannelMessage.Read.Group'. Roles on the request 'User.Read.All'."
	d := Diagnose(input(403, "/teams/t9/channels/c1/messages", graphError(403, "Forbidden", msg), appClaims("User.Read.All")))
	if d == nil || d.Kind != KindTeamsRSC {
		t.Fatalf("got %+v", d)
	}
	if !slices.Equal(d.Missing, []string{"ChannelMessage.Read.All", "ChannelMessage.Read.Group"}) {
		t.Errorf("Missing = %v", d.Missing)
	}
	if evidence(d, "named in message") != "ChannelMessage.Read.All, ChannelMessage.Read.Group" {
		t.Errorf("evidence lacks the message's roles:\n%s", text(d))
	}

	d = Diagnose(input(403, "/deviceManagement/detectedApps", graphError(403, "Forbidden",
		"Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementApps.Read.All, DeviceManagementApps.ReadWrite.All"),
		appClaims("User.Read.All")))
	if d == nil || d.Kind != KindMissingRole || !slices.Equal(d.Missing, []string{"DeviceManagementApps.Read.All", "DeviceManagementApps.ReadWrite.All"}) {
		t.Fatalf("got %+v", d)
	}
	if !strings.Contains(text(d), "Graph's error message names it") {
		t.Errorf("the next step should say where the name came from:\n%s", text(d))
	}

	// The message says the token had a role the endpoint accepts: not a
	// missing role, whatever the reference lacks.
	d = Diagnose(input(403, "/deviceManagement/detectedApps", graphError(403, "Forbidden",
		"API requires one of 'DeviceManagementApps.Read.All'. Roles on the request 'DeviceManagementApps.Read.All'."), appClaims("DeviceManagementApps.Read.All")))
	if d == nil || d.Kind != KindResourceScoped {
		t.Fatalf("got %+v", d)
	}
}

func TestTokenErrors(t *testing.T) {
	p := globalProfile
	cause, next, _ := auth.Explain(7000215)
	secret := &auth.TokenError{Profile: "app", Status: 401, Code: 7000215, OAuthError: "invalid_client", Description: "AADSTS7000215: Invalid client secret provided.",
		TraceID: "trace-1", CorrelationID: "corr-1", Timestamp: "2026-05-04 12:00:00Z", Cause: cause, NextStep: next}
	d := Diagnose(Input{Profile: p, TokenErr: secret, Now: now})
	if d.Kind != KindTokenError || d.Cause != cause || d.Next[0] != next {
		t.Fatalf("got %+v", d)
	}
	for label, v := range map[string]string{"error": "AADSTS7000215 invalid_client", "trace id": "trace-1", "correlation id": "corr-1", "timestamp": "2026-05-04 12:00:00Z", "client_id": testClientID} {
		if evidence(d, label) != v {
			t.Errorf("evidence %q = %q, want %q", label, evidence(d, label), v)
		}
	}
	if d.ConsentURL != "" {
		t.Errorf("a wrong secret is not a consent problem, got %s", d.ConsentURL)
	}

	// Consent problems carry the consent URL.
	for _, code := range []int{700016, 65001} {
		c, n, _ := auth.Explain(code)
		d := Diagnose(Input{Profile: p, TokenErr: &auth.TokenError{Code: code, Cause: c, NextStep: n}, Now: now})
		if d.ConsentURL != p.AdminConsentURL() || !strings.Contains(strings.Join(d.Next, "\n"), p.AdminConsentURL()) {
			t.Errorf("AADSTS%d: no consent URL in %+v", code, d)
		}
	}

	// Wrapped, as the Graph client returns it when a refresh fails mid-way.
	wrapped := Diagnose(Input{Profile: p, TokenErr: errors.Join(errors.New("getting a token"), secret), Now: now})
	if wrapped.Kind != KindTokenError || wrapped.Cause != cause {
		t.Errorf("wrapped token error: %+v", wrapped)
	}

	cred := Diagnose(Input{Profile: p, TokenErr: &auth.CredentialError{Profile: "app", Err: errors.New(`environment variable "APP_SECRET" is not set`)}, Now: now})
	if cred.Kind != KindTokenError || !strings.Contains(cred.Cause, "APP_SECRET") || !strings.Contains(cred.Cause, "nothing was sent") {
		t.Errorf("credential error: %+v", cred)
	}
}

// TestWrongCloudNeedsEvidence: a custom Graph host (the demo, a proxy) has
// no cloud to compare with, and the US clouds share their issuer.
func TestWrongCloudNeedsEvidence(t *testing.T) {
	useReference(t, reference)
	ge := graphError(401, "InvalidAuthenticationToken", "Access token validation failure.")
	usToken := appClaims("User.Read.All")
	usToken.Audience = graphAppID
	usToken.Issuer = "https://login.microsoftonline.us/" + testTenant + "/v2.0"

	dod := input(401, "/users", ge, usToken)
	dod.Profile.Cloud = profiles.CloudUSGovDoD
	if d := Diagnose(dod); d.Kind == KindWrongCloud {
		t.Errorf("a .us issuer does not tell usgov from usgov-dod: %s", d.Cause)
	}
	global := input(401, "/users", ge, usToken)
	if d := Diagnose(global); d.Kind != KindWrongCloud {
		t.Errorf("a .us issuer at global Graph: got %s", d.Kind)
	}
	usAud := appClaims("User.Read.All")
	usAud.Audience = "https://graph.microsoft.us"
	dodAud := input(401, "/users", ge, usAud)
	dodAud.Profile.Cloud = profiles.CloudUSGovDoD
	if d := Diagnose(dodAud); d.Kind != KindWrongCloud {
		t.Errorf("a graph.microsoft.us token at dod-graph: got %s", d.Kind)
	}

	custom := input(401, "/users", ge, appClaims("User.Read.All"))
	custom.Profile.GraphHost = "https://127.0.0.1:8443"
	custom.Claims.Audience = "https://127.0.0.1:8443"
	if d := Diagnose(custom); d.Kind != KindInvalidToken {
		t.Errorf("token for the custom host itself: got %s", d.Kind)
	}
}
