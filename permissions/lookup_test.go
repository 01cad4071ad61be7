package permissions

import (
	"regexp"
	"strings"
	"testing"
)

// Each case is a URL a user pastes and the reference pattern its
// permissions come from.
var lookupCases = []struct {
	name, in, pattern string
}{
	// literal segments beat placeholders
	{"collection", "/users", "/users"},
	{"delta is not an id", "/users/delta", "/users/delta"},
	{"delta() is delta", "/users/delta()", "/users/delta"},
	{"guid id", "/users/0b3f1b5e-3a8e-4b8a-9f0e-6c2d1f4e9a77", "/users/{id}"},
	{"upn id", "/users/adele.vance@contoso.onmicrosoft.com", "/users/{id}"},
	{"upn id then child", "/users/adele.vance@contoso.com/messages", "/users/{id}/messages"},
	{"well-known folder name falls back to id", "/users/x/mailFolders/inbox/messages", "/users/{id}/mailfolders/{id}/messages"},
	{"teams chat id with colon", "/chats/19:abc123@thread.v2/members", "/chats/{id}/members"},
	// key syntax
	{"key syntax", "/users('0b3f1b5e-3a8e-4b8a-9f0e-6c2d1f4e9a77')", "/users/{id}"},
	{"alternate key upn", "/users(userPrincipalName='adele@contoso.com')/messages", "/users/{id}/messages"},
	{"key syntax on a child", "/users/x/mailFolders('Inbox')/messages", "/users/{id}/mailfolders/{id}/messages"},
	{"reference's own key pattern", "/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')", "/serviceprincipals(appid={value})"},
	{"own key pattern, child", "/servicePrincipals(appId='abc')/appRoleAssignments", "/serviceprincipals(appid={value})/approleassignments"},
	{"bare key is the object id", "/servicePrincipals('abc')", "/serviceprincipals/{id}"},
	{"bare key pattern", "/identityGovernance/lifecycleWorkflows/workflows('x')/previewScope", "/identitygovernance/lifecycleworkflows/workflows({id})/previewscope"},
	// function calls
	{"function, any parameter value", "/reports/getOffice365ActiveUserDetail(period='D7')", "/reports/getoffice365activeuserdetail(period={value})"},
	{"function overload by parameter name", "/reports/getOffice365ActiveUserDetail(date=2024-01-31)", "/reports/getoffice365activeuserdetail(date={value})"},
	{"function written without parameters", "/reports/getRelyingPartyDetailedSummary(period='D7')", "/reports/getrelyingpartydetailedsummary"},
	{"function called with parameters", "/teams/t/channels/c/doesUserHaveAccess(userId='u')", "/teams/{id}/channels/{id}/doesuserhaveaccess"},
	{"function parameters in the query", "/sites/s/pages/p/microsoft.graph.sitePage/getWebPartsByPosition?isInVerticalSection=true",
		"/sites/{id}/pages/{id}/getwebpartsbyposition(horizontalsectionid={value},columnid={value},webpartindex={value},isinverticalsection={value})"},
	// $value, $count, $ref and casts
	{"own $value pattern", "/chats/c/messages/m/hostedContents/h/$value", "/chats/{id}/messages/{id}/hostedcontents/{id}/$value"},
	{"$value falls back to parent", "/users/x/messages/m/$value", "/users/{id}/messages/{id}"},
	{"own $count pattern", "/users/x/transitiveReports/$count", "/users/{id}/transitivereports/$count"},
	{"$count falls back to parent", "/users/$count", "/users"},
	{"$ref falls back to parent", "/groups/g/members/$ref", "/groups/{id}/members"},
	{"encoded $value", "/users/x/messages/m/%24value", "/users/{id}/messages/{id}"},
	{"type cast", "/groups/g/members/microsoft.graph.user", "/groups/{id}/members"},
	{"type cast then $count", "/groups/g/members/microsoft.graph.user/$count", "/groups/{id}/members"},
	// hosts, versions, query, case, encoding, slashes
	{"global cloud", "https://graph.microsoft.com/v1.0/users/x/messages", "/users/{id}/messages"},
	{"us government", "https://graph.microsoft.us/v1.0/users/x/messages", "/users/{id}/messages"},
	{"us dod", "https://dod-graph.microsoft.us/beta/users/x/messages", "/users/{id}/messages"},
	{"china", "https://microsoftgraph.chinacloudapi.cn/v1.0/users/x/messages", "/users/{id}/messages"},
	{"loopback demo host", "https://127.0.0.1:8443/v1.0/users/x", "/users/{id}"},
	{"graph host without scheme", "graph.microsoft.com/v1.0/users", "/users"},
	{"no leading slash", "users/delta", "/users/delta"},
	{"beta prefix", "/beta/users", "/users"},
	{"case", "/USERS/X/MESSAGES", "/users/{id}/messages"},
	{"query string", "/users?$select=id,displayName&$top=5", "/users"},
	{"slash inside the query", "/v1.0/users/x/messages?$filter=from/emailAddress/address eq 'a@b.c'", "/users/{id}/messages"},
	{"fragment", "/users#top", "/users"},
	{"trailing slash", "/users/", "/users"},
	{"double slash", "/users//x/messages", "/users/{id}/messages"},
	{"percent-encoded upn", "/users/adele%40contoso.com/messages", "/users/{id}/messages"},
	// OneDrive and SharePoint path syntax
	{"item path with colons", "/me/drive/root:/Documents/Q1 report.docx:/content", "/me/drive/root:/{id}:/content"},
	{"item path to the end", "/drives/d/root:/Documents/report.docx", "/drives/{id}/root:/{id}"},
	{"site by server-relative path", "/sites/contoso.sharepoint.com:/sites/marketing", "/sites/{id}:/{id}"},
	{"drive root is an item", "/me/drive/root/workbook/worksheets", "/me/drive/items/{id}/workbook/worksheets"},
	// slashes the reference lost
	{"lost slash before a placeholder", "/privacy/subjectRightsRequests/x/getFinalReport", "/privacy/subjectrightsrequests/{subjectrightsrequestid}/getfinalreport"},
}

func TestLookupMatchesPattern(t *testing.T) {
	for _, c := range lookupCases {
		t.Run(c.name, func(t *testing.T) {
			m, ok := Lookup(c.in)
			if !ok {
				t.Fatalf("Lookup(%q): no match, want %s", c.in, c.pattern)
			}
			if m.Pattern != c.pattern {
				t.Errorf("Lookup(%q).Pattern = %s, want %s", c.in, m.Pattern, c.pattern)
			}
		})
	}
}

func TestLookupPath(t *testing.T) {
	for in, want := range map[string]string{
		"https://graph.microsoft.com/v1.0/users/adele%40contoso.com/messages?$top=1": "/users/adele@contoso.com/messages",
		"/beta/Users/":                          "/Users",
		"users/delta?$top=1":                    "/users/delta",
		"/nosuch/thing?$top=1":                  "/nosuch/thing",
		"https://127.0.0.1:1/":                  "/",
		"  /users  ":                            "/users",
		"/v1.0/me/drive/root:/a b.txt:/content": "/me/drive/root:/a b.txt:/content",
	} {
		m, _ := Lookup(in)
		if m.Path != want {
			t.Errorf("Lookup(%q).Path = %q, want %q", in, m.Path, want)
		}
	}
}

func TestLookupUnknown(t *testing.T) {
	for _, in := range []string{
		"", "/", "https://graph.microsoft.com/v1.0/", "/nosuchresource",
		"/users/x/nosuchrelation", "/users/x/messages/y/z/w/v",
		"/$metadata", "/users/$value/messages",
		strings.Repeat("/users", maxSegments+1),
	} {
		m, ok := Lookup(in)
		if ok {
			t.Errorf("Lookup(%q) matched %s, want no match", in, m.Pattern)
		}
		if m.Least == nil || m.All == nil || m.AppOnly {
			t.Errorf("Lookup(%q) = %+v, want empty non-nil lists and AppOnly false", in, m)
		}
	}
}

func TestNotCallableAppOnly(t *testing.T) {
	for in, pattern := range map[string]string{
		"/me":                                   "/me",
		"/me/messages":                          "/me/messages",
		"/users/x/pendingAccessReviewInstances": "/users/{id}/pendingaccessreviewinstances",
	} {
		m, ok := Lookup(in)
		if !ok || m.Pattern != pattern {
			t.Fatalf("Lookup(%q) = %q %v, want %s", in, m.Pattern, ok, pattern)
		}
		if m.AppOnly || len(m.Least) != 0 || len(m.All) != 0 {
			t.Errorf("Lookup(%q): AppOnly %v Least %v All %v; the reference has no Application permission", in, m.AppOnly, m.Least, m.All)
		}
		if m.Least == nil || m.All == nil {
			t.Errorf("Lookup(%q): nil lists would print as JSON null", in)
		}
	}
}

// Every pattern in the index, its placeholders filled with a value, finds
// itself again with each method it is listed for: no pattern is shadowed
// or unreachable.
func TestEveryPatternFindsItself(t *testing.T) {
	placeholder := regexp.MustCompile(`\{[^}]*\}`)
	// The reference writes a few drive item paths without the closing
	// colon (root:/{item-path}/media); a real URL has it, and matches.
	openItemPath := regexp.MustCompile(`root:/\{[^}]*\}/`)
	// A few PUT patterns name an example file (root:/foldera/fileb.txt:);
	// such a URL addresses an item, found as items/{id}.
	exampleItemPath := regexp.MustCompile(`root:/[^{}:]+:`)
	for _, e := range get().entries {
		url := placeholder.ReplaceAllString(e.pattern, "v1")
		if openItemPath.MatchString(e.pattern) {
			url = strings.Replace(url, "root:/v1/", "root:/v1:/", 1)
		}
		for _, method := range e.methods.names() {
			m, ok := LookupMethod(method, url)
			if exampleItemPath.MatchString(e.pattern) && ok && strings.Contains(m.Pattern, "/items/{id}") {
				continue
			}
			if !ok || m.Pattern != e.pattern || m.Method != method {
				t.Errorf("LookupMethod(%s, %q) = %q %v, want %s", method, url, m.Pattern, ok, e.pattern)
			}
		}
	}
}
