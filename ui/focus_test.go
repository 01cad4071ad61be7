package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// lastLine is the footer of a rendered screen.
func lastLine(screen string) string {
	lines := strings.Split(screen, "\n")
	return lines[len(lines)-1]
}

// After a send the response has the keyboard: u copies the consent URL of
// the 401 instead of being typed into the path. esc leaves the path input
// (a letter is then not typed), i returns to it.
func TestFlowFocusMovesToTheResponseAfterASend(t *testing.T) {
	f := startFlow(t, 80, 24)
	f.waitFor("contoso-reader", "typing in the path")
	f.typeText("/us")
	f.press("esc")
	f.waitUntil("esc did not leave the path input", func(s string) bool {
		return !strings.Contains(lastLine(s), "typing in the path")
	})
	f.typeText("x") // not for the path: dropped, never typed
	f.typeText("i")
	f.waitFor("typing in the path")
	f.typeText("ers")
	f.waitFor("GET v1.0 /users")

	f.press("shift+tab") // → profiles
	f.press("down", "down")
	f.waitFor("no roles")
	f.press("tab", "i", "enter") // → request, edit, send
	f.waitFor("401", "no-roles") // the Diagnosis tab opened by itself
	f.typeText("u")
	s := f.waitFor("sent the admin-consent URL as OSC 52") // no clipboard tool in tests
	if strings.Contains(s, "/usersu") || strings.Contains(s, "/usersx") || strings.Contains(s, "/usx") {
		t.Errorf("a key for the response or a browsing key was typed into the path:\n%s", s)
	}
	if strings.Contains(lastLine(s), "typing") {
		t.Errorf("the footer says keys go to a text input after the send:\n%s", s)
	}
}

// F1 opens the help while the path input has the keyboard, without typing
// into it; esc closes it and typing goes on where it was.
func TestFlowHelpOpensWhileTyping(t *testing.T) {
	f := startFlow(t, 80, 24)
	f.waitFor("contoso-reader", "typing in the path")
	f.typeText("/us")
	f.press("f1")
	f.waitFor("Keys of every pane")
	f.press("esc")
	f.waitUntil("esc did not close the help", func(s string) bool { return !strings.Contains(s, "Keys of every pane") })
	f.typeText("ers")
	f.waitFor("GET v1.0 /users")
	f.press("ctrl+_") // ctrl+/ as most terminals send it
	f.waitFor("Keys of every pane")
}

// At 80x24 every key of every pane can be read in the help, by scrolling:
// the doctor, paging, copy and save keys were cut off before.
func TestRootHelpShowsEveryKeyAt80x24(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	press(m, "esc", "?") // browsing: ? is a command
	var seen strings.Builder
	for range 12 {
		screen := ansi.Strip(m.render())
		assertScreenSize(t, screen, 80, 24)
		seen.WriteString(screen)
		press(m, "pgdown")
	}
	all := seen.String()
	for _, want := range []string{
		"Profiles", "refresh token", "filter", // picker
		"Request · typing", "cycle completions", "→", "leave", // path input
		"type a new path", "edit path", // browsing
		"options & headers", "save row", // rows
		"Response", "copy consent URL", "new token + retry", "consent URL as QR code", "profile matrix", // doctor
		"next page", "fetch all pages", "copy body", "copy as curl", "save body", "support bundle", // pages, copy, save
		"presenter mode", "last message in full", "quit", "F1/ctrl+/", // everywhere
	} {
		if !strings.Contains(all, want) {
			t.Errorf("help never shows %q", want)
		}
	}
	press(m, "esc")
	if strings.Contains(ansi.Strip(m.render()), "Keys of every pane") {
		t.Error("esc did not close the help")
	}
}

// The footer always names the help key, at 80 and 120 columns, whatever
// has the focus; while typing it says so.
func TestRootFooterKeepsHelp(t *testing.T) {
	for _, w := range []int{80, 120} {
		m := newRootForTest(t, w, 24)
		check := func(state string) {
			t.Helper()
			screen := ansi.Strip(m.render())
			assertScreenSize(t, screen, w, 24)
			if foot := lastLine(screen); !strings.Contains(foot, "help") {
				t.Errorf("%d columns, %s: no help key in the footer %q", w, state, foot)
			}
		}
		if foot := lastLine(ansi.Strip(m.render())); !strings.Contains(foot, "typing in the path") {
			t.Errorf("%d columns: the footer does not say keys go to the path: %q", w, foot)
		}
		check("typing the path")
		press(m, "esc")
		check("browsing the request")
		press(m, "tab")
		x := vwNoConsent()
		x.Seq = m.seq
		m.route(exchangeMsg{Exchange: x})
		check("response with a diagnosis")
		press(m, "tab")
		check("profiles")
		m.startInflight("GET /users")
		check("request in flight")
	}
}

// The views of the focus model, at 80x24 and 160x48 (dark): at start the
// path is being typed; after a send the response has the focus; the help.
func TestRootGoldenFocus(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		name := itoaTest(size.w) + "x" + itoaTest(size.h)
		t.Run("start/"+name, func(t *testing.T) {
			m := newRootForTest(t, size.w, size.h)
			golden.RequireEqual(t, []byte(goldenScreen(t, m, size.w, size.h)))
		})
		t.Run("sent/"+name, func(t *testing.T) {
			m := rootAfterSend(t, size.w, size.h)
			golden.RequireEqual(t, []byte(goldenScreen(t, m, size.w, size.h)))
		})
		t.Run("help/"+name, func(t *testing.T) {
			m := newRootForTest(t, size.w, size.h)
			press(m, "f1")
			golden.RequireEqual(t, []byte(goldenScreen(t, m, size.w, size.h)))
		})
	}
}

func goldenScreen(t *testing.T, m *Model, w, h int) string {
	t.Helper()
	s := ansi.Strip(m.render())
	assertScreenSize(t, s, w, h)
	return s
}

// rootAfterSend types /users, sends it and shows its response, as the
// program would (the request's command is not run).
func rootAfterSend(t *testing.T, w, h int) *Model {
	t.Helper()
	m := newRootForTest(t, w, h)
	for _, r := range "/users" {
		press(m, string(r))
	}
	press(m, "enter")
	x := vwUsersExchange(t, 30, true)
	x.Seq = m.seq
	m.Update(exchangeMsg{Exchange: x})
	return m
}

var numberedLine = regexp.MustCompile(`[│┃]\s*\d+ `)

// At 80x24 the response body shows at least 13 lines after a send (9
// before the request pane was sized to its content).
func TestRootBodyLinesAt80x24(t *testing.T) {
	m := rootAfterSend(t, 80, 24)
	screen := ansi.Strip(m.render())
	n := len(numberedLine.FindAllString(screen, -1))
	if n < 13 {
		t.Errorf("%d body lines at 80x24, want at least 13:\n%s", n, screen)
	}
	if m.focus != focusViewer {
		t.Errorf("focus after a send: %v, want the response", m.focus)
	}
	// Typing the path again needs no tab: ctrl+l goes there.
	press(m, "ctrl+l")
	if m.focus != focusRequest || !m.capturing() {
		t.Errorf("ctrl+l: focus %v capturing %v, want the path input", m.focus, m.capturing())
	}
}
