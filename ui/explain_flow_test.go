package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/session"
)

// explainFlow runs the TUI on the demo tenant and, through the same
// session, the live GET /users as wrong-role: its 403 is what the tests
// paste.
func explainFlow(t *testing.T, w, h int) (*flow, *session.Exchange) {
	t.Helper()
	tenant, cfg := demotest.Start(t, demo.Options{})
	backend := flowBackend(t, cfg, "")
	p := pickProfile(t, backend.Session, demo.ProfileWrongRole)
	live := backend.Send(context.Background(), p, graph.Request{Path: "/users"}, sendOptions)
	if live.Response == nil || live.Response.Status != 403 || live.Diagnosis == nil {
		t.Fatalf("the live GET /users as wrong-role: %+v", live)
	}
	f := newFlow(t, Options{Backend: backend, Title: "demo tenant"}, w, h, nil)
	f.tenant = tenant
	return f, live
}

// openExplainAs selects profile in the picker, then opens the dialog with
// ctrl+x from the request pane, where typing goes to the path.
func (f *flow) openExplainAs(downs int, profile string) {
	f.t.Helper()
	f.waitFor("contoso-reader")
	f.press("tab", "tab") // request → response → profiles
	for range downs {
		f.press("down")
	}
	f.waitFor("▸ " + profile)
	f.press("tab") // profiles → request: a text input has the keyboard
	f.press("ctrl+x")
	f.waitFor("Explain a failure from elsewhere")
}

// fillExplain types the URL and status and pastes the body, as a
// terminal's bracketed paste delivers it.
func (f *flow) fillExplain(url, status, body string) {
	f.typeText(url)
	f.press("tab", "tab") // method stays GET
	f.typeText(status)
	f.press("tab")
	f.tm.Send(tea.PasteMsg{Content: body})
}

// The 403 of GET /users as wrong-role, pasted with wrong-role selected:
// the Diagnosis tab shows what the live call showed, says it was not
// sent, and nothing reaches Graph, R included.
func TestFlowExplainPasted403(t *testing.T) {
	f, live := explainFlow(t, 120, 40)
	if live.Diagnosis.Kind != doctor.KindMissingRole || !strings.Contains(strings.Join(live.Diagnosis.Missing, ","), "User.ReadBasic.All") {
		t.Fatalf("live diagnosis: %s %v", live.Diagnosis.Kind, live.Diagnosis.Missing)
	}
	sent := f.tenant.Stats().GraphTotal()

	f.openExplainAs(3, demo.ProfileWrongRole)
	f.waitFor("the token of wrong-role")
	f.fillExplain("/users", "403", string(live.Response.Body))
	f.press("ctrl+s")
	s := f.waitFor("Explained from a pasted error, not sent by graphtui", "pasted, not sent by graphtui")
	for _, want := range []string{string(live.Diagnosis.Kind), strings.Join(live.Diagnosis.Missing, ", "), live.Diagnosis.Title, "Next steps"} {
		if !strings.Contains(s, want) {
			t.Errorf("the Diagnosis tab lacks %q, which the live call showed:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Explain a failure from elsewhere") {
		t.Errorf("the dialog stayed open:\n%s", s)
	}

	// R would replay a request graphtui never sent: it says so instead.
	f.typeText("R")
	f.waitFor("a pasted error is not replayed")
	f.noGraphSince(sent, "explaining")
}

// An SDK exception that wraps the JSON, explained from the error alone:
// Graph's words and the reference name the missing permission.
func TestFlowExplainSDKExceptionWithoutToken(t *testing.T) {
	f, live := explainFlow(t, 120, 40)
	sent := f.tenant.Stats().GraphTotal()
	f.openExplainAs(0, demo.ProfileReader)
	text := "Unhandled exception. Microsoft.Graph.Models.ODataErrors.ODataError: Insufficient privileges to complete the operation.\n" +
		"   Response body: " + string(live.Response.Body) + "\n   at Daemon.Program.Main(String[] args) in Program.cs:line 42\n"
	f.fillExplain("https://graph.microsoft.com/v1.0/users", "403", text)
	f.press("tab") // body → roles
	f.press("right")
	f.waitFor("none: from Graph's words")
	f.press("enter") // the last field runs it
	s := f.waitFor("Explained from a pasted error", "missing-role")
	if !regexp.MustCompile(`missing +User\.ReadBasic\.All`).MatchString(s) || strings.Contains(s, "R new token") {
		t.Errorf("want the least permission missing, and no R (nothing to replay):\n%s", s)
	}
	f.noGraphSince(sent, "explaining")
}

// A paste without Graph's error object is refused in the dialog, which
// stays open with what was typed.
func TestFlowExplainNoJSON(t *testing.T) {
	f, _ := explainFlow(t, 80, 24)
	sent := f.tenant.Stats().GraphTotal()
	f.openExplainAs(0, demo.ProfileReader)
	f.fillExplain("/users", "403", "System.UnauthorizedAccessException: Access denied.\n   at Daemon.Main()")
	f.press("ctrl+s")
	s := f.waitFor(`No JSON object with an "error"`, "Explain a failure from elsewhere", "/users")
	if strings.Contains(s, "Explained from a pasted error") {
		t.Errorf("a paste without JSON was explained:\n%s", s)
	}
	// A wrong status is refused the same way.
	f.press("shift+tab", "shift+tab") // body → status... → method
	f.press("tab")
	f.press("backspace", "backspace", "backspace")
	f.typeText("40")
	f.press("ctrl+s")
	f.waitFor("Give the HTTP status that was logged")
	f.noGraphSince(sent, "refusing the paste")
}
