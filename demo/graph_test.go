package demo

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestUsersPageWithAbsoluteNextLinks(t *testing.T) {
	tn := startTenant(t, Options{Users: 95}) // 10 story users + 95 = 105
	token := tokenFor(t, tn, ProfileReader)

	for _, tc := range []struct {
		query string
		pages []int
	}{
		{"", []int{100, 5}}, // Graph's default page size
		{"?$top=40&$select=id,displayName", []int{40, 40, 25}},
	} {
		seen := map[string]bool{}
		var sizes []int
		next := "/v1.0/users" + tc.query
		for next != "" {
			body := graphJSONBody(t, tn, token, next, http.StatusOK)
			for _, u := range values(t, body) {
				seen[u["id"].(string)] = true
			}
			sizes = append(sizes, len(values(t, body)))
			link, _ := body["@odata.nextLink"].(string)
			if link != "" {
				u, err := url.Parse(link)
				if err != nil || "https://"+u.Host != tn.GraphURL() || u.Path != "/v1.0/users" {
					t.Fatalf("nextLink %q is not an absolute link to /v1.0/users on the Graph host", link)
				}
				q := u.Query()
				if q.Get("$skiptoken") == "" {
					t.Errorf("nextLink %q has no $skiptoken", link)
				}
				if tc.query != "" && (q.Get("$top") != "40" || q.Get("$select") != "id,displayName") {
					t.Errorf("nextLink %q lost the request's query options", link)
				}
			}
			next = link
		}
		if !slices.Equal(sizes, tc.pages) {
			t.Errorf("%q: page sizes %v, want %v", tc.query, sizes, tc.pages)
		}
		if len(seen) != 105 {
			t.Errorf("%q: %d distinct users over all pages, want 105", tc.query, len(seen))
		}
	}
}

func TestDefaultUsersNeedTwoPages(t *testing.T) {
	tn := startTenant(t, Options{})
	body := graphJSONBody(t, tn, tokenFor(t, tn, ProfileReader), "/v1.0/users", http.StatusOK)
	if body["@odata.nextLink"] == nil {
		t.Fatal("with default options /users fits one page; the demo should show paging")
	}
}

func TestSelectReturnsOnlyNamedProperties(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	body := graphJSONBody(t, tn, token, "/v1.0/users?$select=displayName,MAIL&$top=3", http.StatusOK)
	if ctx := body["@odata.context"]; ctx != tn.GraphURL()+"/v1.0/$metadata#users(displayName,mail)" {
		t.Errorf("@odata.context = %v", ctx)
	}
	for _, u := range values(t, body) {
		if len(u) != 2 || u["displayName"] == nil || u["mail"] == nil {
			t.Errorf("user with $select=displayName,mail: %v", u)
		}
	}
	// Without $select: Graph's default set, which leaves out department.
	u := values(t, graphJSONBody(t, tn, token, "/v1.0/users?$top=1", http.StatusOK))[0]
	if _, ok := u["department"]; ok || u["userPrincipalName"] == nil {
		t.Errorf("default user properties: %v", u)
	}
	// A single user honours $select too.
	one := graphJSONBody(t, tn, token, "/v1.0/users/"+MailboxBlocked+"?$select=department,jobTitle", http.StatusOK)
	if one["department"] != "Executive" || one["@odata.context"] != tn.GraphURL()+"/v1.0/$metadata#users(department,jobTitle)/$entity" {
		t.Errorf("single user with $select: %v", one)
	}

	resp, raw := graphGet(t, tn, token, "/v1.0/users?$select=shoeSize")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(raw), "shoeSize") {
		t.Errorf("unknown property in $select: %d %s", resp.StatusCode, raw)
	}
}

func TestFilter(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	names := func(filter string) []string {
		body := graphJSONBody(t, tn, token, "/v1.0/users?$select=displayName&$filter="+url.QueryEscape(filter), http.StatusOK)
		var out []string
		for _, u := range values(t, body) {
			out = append(out, u["displayName"].(string))
		}
		return out
	}
	if got := names("mail eq 'AVA.THOMPSON@contoso.com'"); !slices.Equal(got, []string{"Ava Thompson"}) {
		t.Errorf("eq ignoring case: %v", got)
	}
	if got := names("startswith(displayName,'Ch')"); !slices.Equal(got, []string{"Chloe Martin"}) {
		t.Errorf("startswith: %v", got)
	}
	if got := names("department eq 'Engineering' and startswith(jobTitle,'Head')"); !slices.Equal(got, []string{"Chloe Martin"}) {
		t.Errorf("and: %v", got)
	}
	if got := names("userType eq 'Guest' or (jobTitle eq 'CFO' or jobTitle eq 'Chief Financial Officer')"); !slices.Equal(got, []string{"Ben Okafor", "Isabel Rossi"}) {
		t.Errorf("or with parentheses: %v", got)
	}
	if got := names("accountEnabled eq false and userType eq 'Member' and mail in ('support@contoso.com', 'x@y.z')"); !slices.Equal(got, []string{"Contoso Support"}) {
		t.Errorf("bool and in: %v", got)
	}

	for filter, code := range map[string]string{
		"displayName gt 'A'":     "Request_UnsupportedQuery",
		"displayName eq 'open":   "BadRequest",
		"nickname eq 'x'":        "BadRequest",
		"displayName eq Ava":     "BadRequest",
		"startswith(displayName": "BadRequest",
	} {
		resp, raw := graphGet(t, tn, token, "/v1.0/users?$filter="+url.QueryEscape(filter))
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(raw), `"code":"`+code+`"`) {
			t.Errorf("$filter=%s: %d %s, want 400 %s", filter, resp.StatusCode, raw, code)
		}
	}
}

func TestCountNeedsConsistencyLevel(t *testing.T) {
	tn := startTenant(t, Options{Users: 20})
	token := tokenFor(t, tn, ProfileReader)

	body := graphJSONBody(t, tn, token, "/v1.0/users?$count=true", http.StatusBadRequest)
	if code, msg := graphErrorOf(t, body); code != "Request_BadRequest" || !strings.Contains(msg, "ConsistencyLevel") {
		t.Errorf("$count without ConsistencyLevel: %s %s", code, msg)
	}
	body = graphJSONBody(t, tn, token, "/v1.0/users?$count=true&$top=5", http.StatusOK, "ConsistencyLevel", "eventual")
	if body["@odata.count"] != 30.0 || len(values(t, body)) != 5 {
		t.Errorf("@odata.count = %v with %d values, want 30 and 5", body["@odata.count"], len(values(t, body)))
	}

	resp, raw := graphGet(t, tn, token, "/v1.0/users/$count?$filter="+url.QueryEscape("department eq 'Finance'"), "ConsistencyLevel", "eventual")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/users/$count: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if n, err := strconv.Atoi(string(raw)); err != nil || n < 1 {
		t.Errorf("/users/$count body %q is not a positive count", raw)
	}
	if resp, _ := graphGet(t, tn, token, "/v1.0/users/$count"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("/users/$count without ConsistencyLevel: %d, want 400", resp.StatusCode)
	}
}

func TestNoConsentGets401WithGraphsMessage(t *testing.T) {
	tn := startTenant(t, Options{})
	resp, _ := graphGet(t, tn, tokenFor(t, tn, ProfileNoConsent), "/v1.0/users")
	if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer ") {
		t.Errorf("status %d, WWW-Authenticate %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	body := graphJSONBody(t, tn, tokenFor(t, tn, ProfileNoConsent), "/v1.0/users", http.StatusUnauthorized)
	code, msg := graphErrorOf(t, body)
	if code != "InvalidAuthenticationToken" || msg != "Either scp or roles claim need to be present in the token." {
		t.Errorf("got %s %q", code, msg)
	}
}

func TestWrongRoleGets403OnUsersButReadsGroups(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileWrongRole)
	body := graphJSONBody(t, tn, token, "/v1.0/users", http.StatusForbidden)
	if code, msg := graphErrorOf(t, body); code != "Authorization_RequestDenied" || msg != "Insufficient privileges to complete the operation." {
		t.Errorf("got %s %q", code, msg)
	}
	groups := graphJSONBody(t, tn, token, "/v1.0/groups", http.StatusOK)
	if len(values(t, groups)) == 0 {
		t.Error("no groups")
	}
	members := graphJSONBody(t, tn, token, "/v1.0/groups/"+groupMailAccessID+"/members?$select=userPrincipalName", http.StatusOK)
	var upns []string
	for _, m := range values(t, members) {
		if m["@odata.type"] != "#microsoft.graph.user" {
			t.Errorf("member without @odata.type: %v", m)
		}
		upns = append(upns, m["userPrincipalName"].(string))
	}
	if !slices.Contains(upns, MailboxOpen) || slices.Contains(upns, MailboxBlocked) {
		t.Errorf("members of the mail access group: %v", upns)
	}
}

func TestApplicationAccessPolicyBlocksOneMailbox(t *testing.T) {
	tn := startTenant(t, Options{})
	blocked := tokenFor(t, tn, ProfileMailBlocked)

	body := graphJSONBody(t, tn, blocked, "/v1.0/users/"+MailboxOpen+"/messages", http.StatusOK)
	if len(values(t, body)) == 0 {
		t.Error("support mailbox has no messages")
	}
	body = graphJSONBody(t, tn, blocked, "/v1.0/users/"+MailboxBlocked+"/messages", http.StatusForbidden)
	if code, _ := graphErrorOf(t, body); code != "ErrorAccessDenied" {
		t.Errorf("blocked mailbox: code %s, want ErrorAccessDenied", code)
	}
	// The same mailbox is open to an app without a policy.
	graphJSONBody(t, tn, tokenFor(t, tn, ProfileReader), "/v1.0/users/"+MailboxBlocked+"/messages", http.StatusOK)
	// No mail permission at all is also Exchange's ErrorAccessDenied.
	body = graphJSONBody(t, tn, tokenFor(t, tn, ProfileWrongRole), "/v1.0/users/"+MailboxOpen+"/messages", http.StatusForbidden)
	if code, _ := graphErrorOf(t, body); code != "ErrorAccessDenied" {
		t.Errorf("no mail role: code %s", code)
	}
}

func TestMessagesPageBySkip(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	body := graphJSONBody(t, tn, token, "/v1.0/users/"+MailboxBlocked+"/messages?$select=subject", http.StatusOK)
	if n := len(values(t, body)); n != 10 {
		t.Errorf("first page has %d messages, want Exchange's default 10", n)
	}
	next, _ := body["@odata.nextLink"].(string)
	if !strings.Contains(next, "$skip=10") || !strings.Contains(next, "$select=subject") {
		t.Fatalf("nextLink %q", next)
	}
	rest := graphJSONBody(t, tn, token, next, http.StatusOK)
	if n := len(values(t, rest)); n != 2 || rest["@odata.nextLink"] != nil {
		t.Errorf("second page: %d messages, nextLink %v", n, rest["@odata.nextLink"])
	}

	folders := graphJSONBody(t, tn, token, "/v1.0/users/"+MailboxBlocked+"/mailFolders", http.StatusOK)
	if values(t, folders)[0]["displayName"] != "Inbox" {
		t.Errorf("first folder %v", values(t, folders)[0])
	}
	inbox := graphJSONBody(t, tn, token, "/v1.0/users/"+MailboxBlocked+"/mailFolders/inbox/messages?$top=50", http.StatusOK)
	if n := len(values(t, inbox)); n != 11 {
		t.Errorf("inbox has %d messages, want 11", n)
	}
	guest := graphJSONBody(t, tn, token, "/v1.0/users/"+url.PathEscape("isabel.rossi_fabrikam.com#EXT#@"+TenantDomain)+"/messages", http.StatusNotFound)
	if code, _ := graphErrorOf(t, guest); code != "MailboxNotEnabledForRESTAPI" {
		t.Errorf("guest without mailbox: %s", code)
	}
}

func TestMeIsRefusedForAppTokens(t *testing.T) {
	tn := startTenant(t, Options{})
	body := graphJSONBody(t, tn, tokenFor(t, tn, ProfileReader), "/v1.0/me", http.StatusBadRequest)
	if code, msg := graphErrorOf(t, body); code != "BadRequest" || !strings.Contains(msg, "delegated") {
		t.Errorf("got %s %q", code, msg)
	}
}

func TestUnknownIDsAndPaths(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	body := graphJSONBody(t, tn, token, "/v1.0/users/11111111-2222-4333-8444-555555555555", http.StatusNotFound)
	if code, _ := graphErrorOf(t, body); code != "Request_ResourceNotFound" {
		t.Errorf("unknown user: %s", code)
	}
	body = graphJSONBody(t, tn, token, "/v1.0/groups/nope/members", http.StatusNotFound)
	if code, _ := graphErrorOf(t, body); code != "Request_ResourceNotFound" {
		t.Errorf("unknown group: %s", code)
	}
	body = graphJSONBody(t, tn, token, "/v1.0/users/"+MailboxOpen+"/calendars", http.StatusBadRequest)
	if code, msg := graphErrorOf(t, body); code != "BadRequest" || !strings.Contains(msg, "'calendars'") {
		t.Errorf("unknown segment: %s %q", code, msg)
	}
	graphJSONBody(t, tn, token, "/v2.0/users", http.StatusBadRequest)
}

func TestLookupByIDUPNAndKeySyntax(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	byUPN := graphJSONBody(t, tn, token, "/v1.0/users/"+strings.ToUpper(MailboxBlocked), http.StatusOK)
	id := byUPN["id"].(string)
	for _, path := range []string{"/v1.0/users/" + id, "/beta/users('" + MailboxBlocked + "')", "/v1.0/Users/" + strings.ToUpper(id)} {
		if got := graphJSONBody(t, tn, token, path, http.StatusOK); got["id"] != id {
			t.Errorf("%s: id %v, want %s", path, got["id"], id)
		}
	}
	beta := graphJSONBody(t, tn, token, "/beta/users/"+id, http.StatusOK)
	if !strings.Contains(beta["@odata.context"].(string), "/beta/$metadata#users/$entity") {
		t.Errorf("beta context %v", beta["@odata.context"])
	}
	app := graphJSONBody(t, tn, token, "/v1.0/applications(appId='"+ClientIDNoConsent+"')", http.StatusOK)
	if app["displayName"] != "Contoso Onboarding Bot" {
		t.Errorf("application by appId: %v", app["displayName"])
	}
}

func TestThrottlingPathAlternates429(t *testing.T) {
	tn := startTenant(t, Options{ThrottleRetryAfter: 3 * time.Second})
	token := tokenFor(t, tn, ProfileReader)
	for i, want := range []int{http.StatusTooManyRequests, http.StatusOK, http.StatusTooManyRequests, http.StatusOK} {
		resp, raw := graphGet(t, tn, token, "/v1.0/auditLogs/signIns")
		if resp.StatusCode != want {
			t.Fatalf("call %d: status %d, want %d: %s", i+1, resp.StatusCode, want, raw)
		}
		if want == http.StatusTooManyRequests {
			if resp.Header.Get("Retry-After") != "3" {
				t.Errorf("call %d: Retry-After %q, want 3", i+1, resp.Header.Get("Retry-After"))
			}
			if !strings.Contains(string(raw), `"code":"TooManyRequests"`) {
				t.Errorf("call %d: body %s", i+1, raw)
			}
		}
	}
}

func TestGraphRejectsBadTokens(t *testing.T) {
	var ahead atomic.Int64 // how far the tenant's clock runs ahead, in ns
	tn := startTenant(t, Options{Now: func() time.Time { return time.Now().Add(time.Duration(ahead.Load())) }})
	good := tokenFor(t, tn, ProfileReader)

	other := startTenant(t, Options{})
	foreign := tokenFor(t, other, ProfileReader) // another demo tenant's key ID and Graph audience

	// A token for another API of the tenant.
	status, hr := postToken(t, tn, TenantGUID, secretForm(ClientIDReader, tn.Secret(ProfileReader), HRAPIResource+"/.default"))
	if status != http.StatusOK {
		t.Fatalf("HR API token: %d %v", status, hr)
	}
	parts := strings.Split(good, ".")
	tampered := parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))

	for name, token := range map[string]string{
		"missing":        "",
		"not a JWT":      "abc.def",
		"bad signature":  tampered,
		"wrong audience": hr["access_token"].(string),
		"foreign tenant": foreign,
	} {
		resp, raw := graphGet(t, tn, token, "/v1.0/users")
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(string(raw), `"InvalidAuthenticationToken"`) {
			t.Errorf("%s token: %d %s", name, resp.StatusCode, raw)
		}
	}

	graphJSONBody(t, tn, good, "/v1.0/users?$top=1", http.StatusOK)
	ahead.Store(int64(2 * time.Hour))
	body := graphJSONBody(t, tn, good, "/v1.0/users?$top=1", http.StatusUnauthorized)
	if code, msg := graphErrorOf(t, body); code != "InvalidAuthenticationToken" || !strings.Contains(msg, "expired") {
		t.Errorf("expired token: %s %q", code, msg)
	}
}

func TestGraphResponseHeaders(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	resp, _ := graphGet(t, tn, token, "/v1.0/organization", "client-request-id", "5b1c7e0a-4a57-4d2b-9f3e-2f1d0c9b8a76")
	h := resp.Header
	if !strings.HasPrefix(h.Get("Content-Type"), "application/json;odata.metadata=minimal") {
		t.Errorf("Content-Type %q", h.Get("Content-Type"))
	}
	if h.Get("client-request-id") != "5b1c7e0a-4a57-4d2b-9f3e-2f1d0c9b8a76" || !isGUID(h.Get("request-id")) {
		t.Errorf("request-id %q, client-request-id %q", h.Get("request-id"), h.Get("client-request-id"))
	}
	if h.Get("Date") == "" || !strings.Contains(h.Get("x-ms-ags-diagnostic"), "ServerInfo") {
		t.Errorf("Date %q, x-ms-ags-diagnostic %q", h.Get("Date"), h.Get("x-ms-ags-diagnostic"))
	}
	// Without a client-request-id, Graph reuses the request-id.
	resp, _ = graphGet(t, tn, token, "/v1.0/organization")
	if resp.Header.Get("client-request-id") != resp.Header.Get("request-id") {
		t.Errorf("client-request-id %q should equal request-id %q", resp.Header.Get("client-request-id"), resp.Header.Get("request-id"))
	}
}

func TestSitesSelectedOpensOnlyTheGrantedSite(t *testing.T) {
	tn := startTenant(t, Options{})
	cert, key := certAndKey(t, tn, ProfileCert)
	status, body := postToken(t, tn, TenantGUID, assertionForm(ClientIDCert,
		clientAssertion(t, cert, key, ClientIDCert, tn.TokenEndpoint(), time.Now(), "PS256"), graphScope(tn)))
	if status != http.StatusOK {
		t.Fatalf("cert token: %d %v", status, body)
	}
	token := body["access_token"].(string)

	site := graphJSONBody(t, tn, token, "/v1.0/sites/"+SiteIDHR, http.StatusOK)
	if site["displayName"] != "Human Resources" {
		t.Errorf("HR site: %v", site)
	}
	graphJSONBody(t, tn, token, "/v1.0/sites/"+SiteIDHR+"/lists", http.StatusOK)
	for _, path := range []string{"/v1.0/sites/root", "/v1.0/sites/" + SiteIDEngineering} {
		body := graphJSONBody(t, tn, token, path, http.StatusForbidden)
		if code, _ := graphErrorOf(t, body); code != "accessDenied" {
			t.Errorf("%s: code %s, want accessDenied", path, code)
		}
	}
	// Sites.Read.All opens every site.
	root := graphJSONBody(t, tn, tokenFor(t, tn, ProfileReader), "/v1.0/sites/root", http.StatusOK)
	if root["id"] != SiteIDRoot {
		t.Errorf("root site id %v", root["id"])
	}
}

func TestAppRoleAssignmentsMatchGrantedRoles(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	sp := graphJSONBody(t, tn, token, "/v1.0/servicePrincipals(appId='"+ClientIDWrongRole+"')", http.StatusOK)
	body := graphJSONBody(t, tn, token, "/v1.0/servicePrincipals/"+sp["id"].(string)+"/appRoleAssignments", http.StatusOK)
	got := values(t, body)
	if len(got) != 1 || got[0]["appRoleId"] != graphAppRoles["Group.Read.All"] || got[0]["resourceDisplayName"] != "Microsoft Graph" {
		t.Errorf("assignments of the wrong-role app: %v", got)
	}
	none := graphJSONBody(t, tn, token, "/v1.0/servicePrincipals(appId='"+ClientIDNoConsent+"')", http.StatusOK)
	body = graphJSONBody(t, tn, token, "/v1.0/servicePrincipals/"+none["id"].(string)+"/appRoleAssignments", http.StatusOK)
	if len(values(t, body)) != 0 {
		t.Errorf("the unconsented app has assignments: %v", body)
	}
}

func TestStatsCountGraphRequestsPerPath(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	graphGet(t, tn, token, "/v1.0/users?$top=1")
	graphGet(t, tn, token, "/v1.0/users?$top=2")
	graphGet(t, tn, token, "/v1.0/groups")
	s := tn.Stats()
	if s.GraphRequests["/v1.0/users"] != 2 || s.GraphRequests["/v1.0/groups"] != 1 || s.GraphTotal() != 3 {
		t.Errorf("graph requests %v", s.GraphRequests)
	}
	if s.TokenRequests[ClientIDReader].Succeeded != 1 {
		t.Errorf("token requests %v", s.TokenRequests)
	}
}
