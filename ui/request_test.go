package ui

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

func TestRequestTypingAPathAndEnterSends(t *testing.T) {
	b := rbBuilder(80, 8)
	if !b.Capturing() {
		t.Fatal("the path input should have the keyboard at start, so q types a q")
	}
	typeKeys(b, "/users/quinn")
	send := onlyMsg[sendMsg](t, pressKeys(b, "enter"))
	if send.Request.Path != "/users/quinn" || send.Request.Version != "v1.0" || len(send.Request.Query) != 0 || send.Request.Header != nil {
		t.Errorf("sent %+v", send.Request)
	}
}

func TestRequestQueryTypedInThePathMovesIntoRows(t *testing.T) {
	b := rbBuilder(80, 8)
	typeKeys(b, "/users?$top=5&$select=id,displayName&$filter=startswith(displayName,'A b')")
	before := rbURL(t, b)
	send := onlyMsg[sendMsg](t, pressKeys(b, "enter"))
	want := []graph.QueryParam{{Key: "$top", Value: "5"}, {Key: "$select", Value: "id,displayName"}, {Key: "$filter", Value: "startswith(displayName,'A b')"}}
	if send.Request.Path != "/users" || fmt.Sprint(send.Request.Query) != fmt.Sprint(want) {
		t.Errorf("sent %+v, want path /users and query %v", send.Request, want)
	}
	if b.path.Value() != "/users" || len(b.params) != 3 {
		t.Errorf("builder shows path %q and %d rows, want /users and 3 rows", b.path.Value(), len(b.params))
	}
	if after := rbURL(t, b); after != before {
		t.Errorf("moving the query changed the URL:\n%s\n%s", before, after)
	}

	// A raw '+' means something else once decoded: it stays in the path.
	b = rbBuilder(80, 8)
	typeKeys(b, "/users?$search=\"a+b\"")
	send = onlyMsg[sendMsg](t, pressKeys(b, "enter"))
	if send.Request.Path != "/users?$search=\"a+b\"" || len(send.Request.Query) != 0 {
		t.Errorf("sent %+v, want the query left in the path", send.Request)
	}
}

// rbURL is the URL the client will request for what the builder shows.
func rbURL(t *testing.T, b *RequestBuilder) string {
	t.Helper()
	u, err := graph.BuildURL(b.base, b.Request())
	if err != nil {
		t.Fatal(err)
	}
	return u.String()
}

func TestRequestVersionToggle(t *testing.T) {
	b := rbBuilder(80, 8)
	typeKeys(b, "/users")
	pressKeys(b, "ctrl+b")
	if got := b.Request().Version; got != "beta" {
		t.Fatalf("after ctrl+b version = %q, want beta", got)
	}
	if !strings.Contains(rbView(t, b), "https://graph.microsoft.com/beta/users") {
		t.Errorf("URL preview does not show beta:\n%s", rbView(t, b))
	}
	pressKeys(b, "ctrl+o", "v") // v works where letters are commands
	if got := b.Request().Version; got != "v1.0" {
		t.Errorf("after v in the rows area version = %q, want v1.0", got)
	}
	if b.path.Value() != "/users" {
		t.Errorf("toggling typed into the path: %q", b.path.Value())
	}

	// The profile's api_version is the default; a toggled version survives
	// a profile switch.
	b = rbBuilder(80, 8)
	b.SetProfile(profiles.Profile{Name: "beta-app", APIVersion: "beta"})
	if b.version != "beta" {
		t.Errorf("profile default beta: version = %q", b.version)
	}
	pressKeys(b, "ctrl+b")
	b.SetProfile(profiles.Profile{Name: "other"})
	if b.version != "v1.0" {
		t.Errorf("toggled to v1.0 then switched profile: version = %q, want v1.0 kept", b.version)
	}
}

func TestRequestAddEditDeleteQueryOptions(t *testing.T) {
	b := rbBuilder(80, 10)
	typeKeys(b, "/users")
	pressKeys(b, "ctrl+o")
	if b.Capturing() {
		t.Fatal("the rows area takes letters as commands: Capturing should be false")
	}
	pressKeys(b, "a")
	if !b.Capturing() {
		t.Fatal("the row editor types text: Capturing should be true")
	}
	typeKeys(b, "select=id,displayName") // the $ may be left out, as on the command line
	pressKeys(b, "enter")
	pressKeys(b, "a")
	typeKeys(b, "$top=5")
	pressKeys(b, "enter")
	pressKeys(b, "a")
	typeKeys(b, "$count=true")
	pressKeys(b, "esc") // cancelling a new row drops it
	want := []graph.QueryParam{{Key: "$select", Value: "id,displayName"}, {Key: "$top", Value: "5"}}
	if fmt.Sprint(b.Request().Query) != fmt.Sprint(want) {
		t.Fatalf("query = %v, want %v", b.Request().Query, want)
	}

	// Edit $top: the editor starts with the row's text.
	pressKeys(b, "enter")
	if b.editor.Value() != "$top=5" {
		t.Fatalf("editor holds %q, want $top=5", b.editor.Value())
	}
	pressKeys(b, "backspace")
	typeKeys(b, "10")
	pressKeys(b, "enter")
	pressKeys(b, "up", "d") // delete $select
	want = []graph.QueryParam{{Key: "$top", Value: "10"}}
	if fmt.Sprint(b.Request().Query) != fmt.Sprint(want) {
		t.Fatalf("query = %v, want %v", b.Request().Query, want)
	}

	// A row without = is refused and stays open for fixing.
	pressKeys(b, "a")
	typeKeys(b, "$expand")
	st := onlyMsg[statusMsg](t, pressKeys(b, "enter"))
	if !st.Err || !strings.Contains(st.Text, "NAME=VALUE") || b.mode != modeEdit {
		t.Errorf("got %+v in mode %v, want an error naming NAME=VALUE and the editor open", st, b.mode)
	}
	typeKeys(b, "=manager")
	pressKeys(b, "enter", "esc")
	if b.mode != modePath || !b.Capturing() {
		t.Errorf("esc in the rows area should return to the path input")
	}
	send := onlyMsg[sendMsg](t, pressKeys(b, "enter"))
	if got := rbURL(t, b); got != "https://graph.microsoft.com/v1.0/users?$top=10&$expand=manager" || len(send.Request.Query) != 2 {
		t.Errorf("URL = %s, sent %+v", got, send.Request)
	}
}

func TestRequestAddEditDeleteHeaders(t *testing.T) {
	b := rbBuilder(80, 10)
	typeKeys(b, "/users")
	pressKeys(b, "ctrl+o", "down") // from the query placeholder to the headers placeholder
	pressKeys(b, "enter")          // enter on a placeholder adds a row there
	typeKeys(b, "Prefer: outlook.timezone=\"UTC\"")
	pressKeys(b, "enter", "a")
	typeKeys(b, "Accept-Language: fr")
	pressKeys(b, "enter")
	r := b.Request()
	if r.Header.Get("Prefer") != `outlook.timezone="UTC"` || r.Header.Get("Accept-Language") != "fr" || len(r.Query) != 0 {
		t.Fatalf("request = %+v", r)
	}
	pressKeys(b, "x")
	if _, ok := b.Request().Header["Accept-Language"]; ok {
		t.Error("x did not delete the header row")
	}
	pressKeys(b, "e")
	if b.editor.Value() != `Prefer: outlook.timezone="UTC"` {
		t.Errorf("editing shows %q", b.editor.Value())
	}
}

func TestRequestConsistencyLevelToggle(t *testing.T) {
	b := rbBuilder(80, 8)
	typeKeys(b, "/users")
	pressKeys(b, "ctrl+e")
	if got := b.Request().Header.Get("ConsistencyLevel"); got != "eventual" {
		t.Fatalf("after ctrl+e ConsistencyLevel = %q", got)
	}
	if !strings.Contains(rbView(t, b), "[ConsistencyLevel: eventual]") {
		t.Errorf("no chip in the view:\n%s", rbView(t, b))
	}
	if b.path.Value() != "/users" {
		t.Errorf("ctrl+e moved or typed in the path: %q", b.path.Value())
	}
	pressKeys(b, "ctrl+e")
	if b.Request().Header != nil {
		t.Errorf("after a second ctrl+e headers = %v, want none", b.Request().Header)
	}

	// Typing the header as a row turns the chip on instead of a second copy.
	pressKeys(b, "ctrl+o", "down", "a")
	typeKeys(b, "consistencylevel: eventual")
	pressKeys(b, "enter")
	if !b.eventual || len(b.headers) != 0 || len(b.Request().Header["Consistencylevel"]) != 1 {
		t.Errorf("eventual=%v rows=%v header=%v", b.eventual, b.headers, b.Request().Header)
	}
	pressKeys(b, "c")
	if b.eventual {
		t.Error("c in the rows area did not switch the chip off")
	}
}

func TestRequestForeignHostIsRefused(t *testing.T) {
	b := rbBuilder(100, 8)
	typeKeys(b, "https://graph.evil.example/v1.0/users")
	view := rbView(t, b)
	if !strings.Contains(view, "not sent: graph.evil.example is not graph.microsoft.com") {
		t.Errorf("the URL line should say why there is no URL:\n%s", view)
	}
	rbRefuses(t, b, "only sent to graph.microsoft.com")

	// The profile's own host in an absolute URL is fine.
	b = rbBuilder(100, 8)
	typeKeys(b, "https://graph.microsoft.com/beta/users?$top=1")
	send := onlyMsg[sendMsg](t, pressKeys(b, "enter"))
	if got := rbURL(t, b); got != "https://graph.microsoft.com/beta/users?$top=1" {
		t.Errorf("sent %+v, URL %s", send.Request, got)
	}
}

func TestRequestHeaderInjectionIsRefused(t *testing.T) {
	b := rbBuilder(80, 8)
	// A replayed request (history file edited by hand) can hold anything.
	b.SetRequest(graph.Request{Path: "/users", Header: http.Header{"X-Note": {"a\r\nHost: evil.example"}}})
	rbRefuses(t, b, "line break")
	if strings.Contains(b.View(), "\r") {
		t.Error("the CR reached the screen")
	}

	b = rbBuilder(80, 8)
	typeKeys(b, "/users")
	pressKeys(b, "ctrl+o", "down", "a")
	typeKeys(b, "Bad Name: x")
	st := onlyMsg[statusMsg](t, pressKeys(b, "enter"))
	if !st.Err || !strings.Contains(st.Text, "not valid") || b.mode != modeEdit {
		t.Errorf("status = %+v mode %v, want the name refused and the editor open", st, b.mode)
	}
	pressKeys(b, "esc", "a")
	typeKeys(b, "Authorization: Bearer abc.def.ghi")
	rbRefuses(t, b, "sets Authorization itself")
}

func TestRequestNothingToSend(t *testing.T) {
	b := rbBuilder(80, 8)
	rbRefuses(t, b, "/users")
	b = NewRequestBuilder(testCommon())
	b.SetSize(80, 8)
	b.Focus()
	typeKeys(b, "/users")
	rbRefuses(t, b, "no profile")
}

func TestRequestKeysAreIgnoredWhenBlurred(t *testing.T) {
	b := rbBuilder(80, 8)
	b.Blur()
	typeKeys(b, "/users")
	if b.path.Value() != "" || b.Capturing() {
		t.Errorf("a blurred builder took keys: %q capturing=%v", b.path.Value(), b.Capturing())
	}
	// Focus comes back to browsing: a letter is a command, not text, until
	// i starts editing.
	b.Focus()
	typeKeys(b, "q")
	if b.path.Value() != "" || b.Capturing() {
		t.Errorf("back in focus, q was typed (%q) or an input has the keyboard (%v)", b.path.Value(), b.Capturing())
	}
	typeKeys(b, "iq")
	if b.path.Value() != "q" {
		t.Errorf("path = %q, want q typed after i", b.path.Value())
	}
}

func TestRequestSetRequestRoundTrip(t *testing.T) {
	b := rbBuilder(80, 8)
	in := graph.Request{Version: "beta", Path: "/groups", Query: []graph.QueryParam{{Key: "$top", Value: "3"}},
		Header: http.Header{"Consistencylevel": {"eventual"}, "Prefer": {"return=minimal"}}}
	b.SetRequest(in)
	out := b.Request()
	if out.Version != "beta" || out.Path != "/groups" || fmt.Sprint(out.Query) != fmt.Sprint(in.Query) ||
		fmt.Sprint(out.Header) != fmt.Sprint(in.Header) {
		t.Errorf("SetRequest then Request: %+v, want %+v", out, in)
	}
	if !b.eventual || len(b.headers) != 1 {
		t.Errorf("ConsistencyLevel should be the chip, not a row: eventual=%v rows=%v", b.eventual, b.headers)
	}
}

func TestRequestSuggestionsAreAcceptedWithRight(t *testing.T) {
	b := rbBuilder(80, 8)
	b.SetSuggestions([]string{"/users", "/users/delta", "/organization"})
	typeKeys(b, "/or")
	pressKeys(b, "right")
	if b.path.Value() != "/organization" {
		t.Errorf("path = %q, want the suggestion accepted", b.path.Value())
	}
}

func TestURLCutMiddle(t *testing.T) {
	u := "https://graph.microsoft.com/v1.0/users?$select=id,displayName&$top=5"
	for w := 0; w <= len(u)+2; w++ {
		got := urlCutMiddle(u, w)
		if n := len([]rune(got)); n != min(w, len(u)) {
			t.Fatalf("w=%d: %q is %d wide", w, got, n)
		}
	}
	if got := urlCutMiddle(u, 21); got != "https://gr…ame&$top=5" {
		t.Errorf("cut = %q, want the start and the end kept", got)
	}
}

// Rows sent with one path and kept for another say so on the rows' first
// line ("mb=20" from /me/messages would otherwise go to /users silently);
// sending, or editing the rows, makes them the new path's.
func TestRequestRowsKeptForANewPathAreFlagged(t *testing.T) {
	b := rbBuilder(80, 8)
	typeKeys(b, "/me/messages?mb=20")
	onlyMsg[sendMsg](t, pressKeys(b, "enter"))
	rbWantKept(t, b, "", "the rows are this path's, no badge")
	pressKeys(b, "ctrl+u")
	typeKeys(b, "/users")
	rbWantKept(t, b, "Query options  1 row kept from /me/messages", "want the carried row flagged")
	typeKeys(b, "?$top=5") // the same path with a query of its own
	rbWantKept(t, b, "1 row kept from /me/messages", "the path's own query does not make the row its own")
	send := onlyMsg[sendMsg](t, pressKeys(b, "enter"))
	if len(send.Request.Query) != 2 {
		t.Fatalf("sent %+v", send.Request)
	}
	rbWantKept(t, b, "", "sent with /users, the rows are its own")

	pressKeys(b, "ctrl+u")
	typeKeys(b, "/groups")
	rbWantKept(t, b, "2 rows kept from /users", "want two rows flagged")
	pressKeys(b, "ctrl+o", "down", "d") // deleting one: the user has looked at them
	rbWantKept(t, b, "", "after editing the rows for /groups they are its own")
}

// rbWantKept checks the rows' badge for rows kept from another path: the
// view shows want, or with want "" no badge at all.
func rbWantKept(t *testing.T, b *RequestBuilder, want, why string) {
	t.Helper()
	v := rbView(t, b)
	if want == "" && strings.Contains(v, "kept from") || want != "" && !strings.Contains(v, want) {
		t.Errorf("%s:\n%s", why, v)
	}
}

// Accepting a completion selects its {id}: what is typed replaces it,
// instead of being appended after a literal {id} that would be sent as
// %7Bid%7D.
func TestRequestCompletionSelectsThePlaceholder(t *testing.T) {
	b := rbBuilder(80, 8)
	typeKeys(b, "/users/")
	b.SetSuggestions([]string{"/users/{id}/messages", "/users/delta"})
	pressKeys(b, "right")
	typeKeys(b, "48d31887")
	if got := b.path.Value(); got != "/users/48d31887/messages" {
		t.Fatalf("path = %q, want the id typed in place of {id}", got)
	}
	send := onlyMsg[sendMsg](t, pressKeys(b, "enter"))
	if send.Request.Path != "/users/48d31887/messages" {
		t.Errorf("sent %+v", send.Request)
	}

	// Backspace takes the placeholder away whole.
	b = rbBuilder(80, 8)
	typeKeys(b, "/groups/")
	b.SetSuggestions([]string{"/groups/{id}"})
	pressKeys(b, "right", "backspace")
	if got := b.path.Value(); got != "/groups/" {
		t.Errorf("backspace on the placeholder: %q", got)
	}
}

// A path that still holds a placeholder is not sent: the URL line and the
// status say which one, and enter selects it for typing.
func TestRequestUnfilledPlaceholderIsRefused(t *testing.T) {
	b := rbBuilder(80, 8)
	typeKeys(b, "/users/")
	b.SetSuggestions([]string{"/users/{id}/messages/{message-id}"})
	pressKeys(b, "right")
	typeKeys(b, "ava")
	if v := rbView(t, b); !strings.Contains(v, "fill in {message-id} in the path first") {
		t.Errorf("the URL line should name the placeholder left:\n%s", v)
	}
	msgs := pressKeys(b, "end", "enter")
	if sends := msgsOf[sendMsg](msgs); len(sends) != 0 {
		t.Fatalf("sent a path with a placeholder: %+v", sends[0].Request)
	}
	if st := onlyMsg[statusMsg](t, msgs); !st.Err || !strings.Contains(st.Text, "{message-id}") {
		t.Errorf("status %+v should name {message-id}", st)
	}
	typeKeys(b, "AAMk")
	if got := b.path.Value(); got != "/users/ava/messages/AAMk" {
		t.Errorf("after the refusal, typing fills the placeholder: %q", got)
	}
	onlyMsg[sendMsg](t, pressKeys(b, "enter"))
}
