package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/internal/refdata"
	"github.com/graphtui/graphtui/internal/refdata/refdatatest"
	"github.com/graphtui/graphtui/permissions"
)

// loadMocks reads the docs' examples beside the repository; the test is
// skipped where they are absent.
func loadMocks(t *testing.T) []refdata.Request {
	t.Helper()
	return requests(refdatatest.Mocks(t))
}

// The committed catalogue is what the generator makes of the examples.
func TestCommittedCatalogueIsGenerated(t *testing.T) {
	list, _ := collect(loadMocks(t))
	var got bytes.Buffer
	write(&got, list)
	refdatatest.Committed(t, "../../index.gen.txt.gz", got.Bytes(), "go generate ./samples")
}

// Over the real examples: no /me form is left, and every sample is a GET
// an application permission allows.
func TestEverySampleIsCallableAppOnly(t *testing.T) {
	list, st := collect(loadMocks(t))
	if len(list) < 1000 || st.me == 0 {
		t.Fatalf("%d samples, %d /me rewritten: the examples were not read as expected", len(list), st.me)
	}
	for _, s := range list {
		path, _, _ := strings.Cut(s.url, "?")
		lower := strings.ToLower(path) + "/"
		if strings.HasPrefix(lower, "/me/") || strings.HasPrefix(lower, "/education/me/") {
			t.Errorf("%s: a /me form is left", s.url)
		}
		m, ok := permissions.LookupMethod(s.method, s.url)
		if s.method != "GET" || !ok || !m.AppOnly || len(m.Pick()) == 0 {
			t.Errorf("%s %s: not callable app-only (found %v, app-only %v)", s.method, s.url, ok, m.AppOnly)
		}
	}
}

func TestCollect(t *testing.T) {
	reqs := []refdata.Request{
		{Method: "GET", URL: v1 + "me/messages", ExampleURL: v1 + "me/messages"},
		{Method: "GET", URL: v1 + "users/*/messages", ExampleURL: v1 + "users/adele@contoso.com/messages"}, // the same once rewritten
		{Method: "GET", URL: v1 + "users?$filter=startswith(displayName,*)", ExampleURL: v1 + "users?$filter=startswith(displayName,'a')"},
		{Method: "POST", URL: v1 + "users/*/sendMail"},
		{Method: "GET", URL: "https://graph.microsoft.com/beta/users"},
		{Method: "GET", URL: v1 + "me/joinedTeams"}, // callable only as /users/{id}/joinedTeams
		{Method: "GET", URL: v1 + "no/such/thing"},
	}
	list, st := collect(reqs)
	var got []string
	for _, s := range list {
		got = append(got, s.method+" "+s.url)
	}
	want := []string{
		"GET /users/{id}/joinedTeams",
		"GET /users/{id}/messages",
		"GET /users?$filter=startswith(displayName,'a')",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("samples:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st != (stats{gets: 6, me: 2, otherHost: 1, notAppOnly: 1, duplicates: 1}) {
		t.Errorf("stats = %+v", st)
	}
}

func TestRewrite(t *testing.T) {
	for _, c := range []struct {
		url, example, want string
		me, ok             bool
	}{
		{"/me", "", "/users/{id}", true, true},
		{"/ME/events/*", "", "/users/{id}/events/{id}", true, true},
		{"/education/me/classes", "", "/education/users/{id}/classes", true, true},
		{"/sites/*/lists/*/items/*?expand=*", "expand=fields", "/sites/{id}/lists/{id}/items/{id}?expand=fields", false, true},
		{"/teams?$filter=startswith(displayName,*)", "", "/teams?$filter=startswith(displayName,{value})", false, true},
		{"/drives/*/items/*/workbook/worksheets/*/range(address=*)", "", "/drives/{id}/items/{id}/workbook/worksheets/{id}/range(address={address})", false, true},
		{"/users/*/drive/items/*/", "", "/users/{id}/drive/items/{id}", false, true},
		{"/solutions/virtualEvents/townhalls/getByUserIdAndRole(userId=*,*=*)", "", "", false, false},
		{"/users//messages", "", "", false, false},
		{"/users\x1b[2J", "", "", false, false},
		{"/users", "$filter=displayName eq '\u009b'", "", false, false},
	} {
		got, me, ok := rewrite(c.url, c.example)
		if got != c.want || me != c.me || ok != c.ok {
			t.Errorf("rewrite(%q, %q) = %q, %v, %v; want %q, %v, %v", c.url, c.example, got, me, ok, c.want, c.me, c.ok)
		}
	}
}
