package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// rootFixtureProfiles are fixed profiles for root-level views.
func rootFixtureProfiles() []profiles.Profile {
	mk := func(name, tenant string) profiles.Profile {
		return profiles.Profile{Name: name, Tenant: tenant, ClientID: "c24b77a7-1f2c-43e5-b900-c406650b9dbd",
			ClientSecret: "env:X", Source: profiles.Position{File: "/cfg.toml", Line: 1}}
	}
	return []profiles.Profile{
		mk("contoso-reader", "contoso.onmicrosoft.com"),
		mk("no-consent", "b03b09d7-5f35-4001-9f99-2578e865f845"),
		mk("wrong-role", "b03b09d7-5f35-4001-9f99-2578e865f845"),
	}
}

func newRootForTest(t *testing.T, w, h int) *Model {
	t.Helper()
	m := New(Options{Backend: &Backend{Session: testSession(t, session.Options{Config: "/cfg.toml", Auth: auth.NewManager(auth.Options{})})}, Title: "demo tenant"})
	m.request.Focus() // as Init does, before the first size
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.route(profilesLoadedMsg{Profiles: rootFixtureProfiles()})
	return m
}

func TestRootGoldenViews(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(ansi.Strip(strings.Join([]string{itoaTest(size.w), "x", itoaTest(size.h)}, "")), func(t *testing.T) {
			m := newRootForTest(t, size.w, size.h)
			x := vwUsersExchange(t, 30, true)
			x.Seq = m.seq
			m.route(exchangeMsg{Exchange: x})
			view := ansi.Strip(m.render())
			assertScreenSize(t, view, size.w, size.h)
			golden.RequireEqual(t, []byte(view))
		})
	}
}

func TestRootGoldenNoConsent(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	x := vwNoConsent()
	x.Seq = m.seq
	m.route(exchangeMsg{Exchange: x})
	view := ansi.Strip(m.render())
	assertScreenSize(t, view, 80, 24)
	golden.RequireEqual(t, []byte(view))
}

func itoaTest(n int) string {
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func assertScreenSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("screen has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Errorf("line %d is %d cells wide, more than %d", i+1, ansi.StringWidth(l), w)
		}
	}
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestRootFocusCycles(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	if m.focus != focusRequest {
		t.Fatalf("focus starts in %v, want the request builder", m.focus)
	}
	press(m, "tab")
	if m.focus != focusViewer {
		t.Errorf("tab: focus %v", m.focus)
	}
	press(m, "tab")
	if m.focus != focusPicker {
		t.Errorf("tab wraps to the picker: focus %v", m.focus)
	}
	press(m, "shift+tab")
	if m.focus != focusViewer {
		t.Errorf("shift+tab: focus %v", m.focus)
	}
}

func TestRootQuitKeys(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	// The path input has focus: q is text, not quit.
	if isQuit(press(m, "q")) {
		t.Fatal("q quit while the path input had focus")
	}
	press(m, "tab") // viewer: no text input
	if !isQuit(press(m, "q")) {
		t.Error("q does not quit when no input has focus")
	}
	if !isQuit(press(m, "ctrl+c")) {
		t.Error("ctrl+c does not quit")
	}
}

func TestRootHelpToggle(t *testing.T) {
	m := newRootForTest(t, 120, 40)
	press(m, "tab")
	short := ansi.Strip(m.render())
	press(m, "?")
	full := ansi.Strip(m.render())
	if m.helpScr == nil || short == full {
		t.Fatal("? did not open the help")
	}
	assertScreenSize(t, full, 120, 40)
	press(m, "?")
	if m.helpScr != nil {
		t.Error("? did not close the help")
	}
}

func TestRootEscCancelsInflight(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	ctx, _ := m.startInflight("GET /users")
	seq := m.seq
	press(m, "esc")
	if ctx.Err() != context.Canceled {
		t.Error("esc did not cancel the request's context")
	}
	if m.inflight != "" || !strings.Contains(m.status, "cancelled") {
		t.Errorf("inflight %q status %q", m.inflight, m.status)
	}
	// A late answer of the cancelled request is dropped.
	late := vwUsersExchange(t, 3, false)
	late.Seq = seq
	m.route(exchangeMsg{Exchange: late})
	if m.viewer.Exchange() != nil {
		t.Error("a cancelled request's response was shown")
	}
}

func TestRootNeverPanicsOnOddSizes(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	for _, s := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {59, 15}, {60, 16}, {61, 17}, {300, 100}, {80, 1}, {1, 80}} {
		m.Update(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
		view := ansi.Strip(m.render())
		if s[0] >= minWidth && s[1] >= minHeight {
			assertScreenSize(t, view, s[0], s[1])
		} else if s[0] > 0 && s[1] > 0 && !strings.Contains(view, "too small") && s[0] > 20 && s[1] > 3 {
			t.Errorf("%dx%d: no too-small message:\n%s", s[0], s[1], view)
		}
	}
}

func TestRootDeleteAsksFirst(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	m.route(confirmDeleteMsg{Name: "wrong-role"})
	if m.dialog == nil || !strings.Contains(ansi.Strip(m.render()), "wrong-role") {
		t.Fatal("no confirmation dialog")
	}
	press(m, "n") // the root handles the confirm's answer at once
	if m.dialog != nil {
		t.Error("n did not close the dialog")
	}
}

// Two quick moves in the picker: each one's intent is handled before the
// next key is read, so the current profile is always the picker's
// selection, and the last move wins.
func TestRootHandlesIntentsInOrder(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	m.setFocus(focusPicker)
	for _, want := range []string{"no-consent", "wrong-role"} {
		press(m, "down")
		if sel, _ := m.picker.Selected(); sel.Name != want || m.current.Name != want {
			t.Fatalf("picker on %q, current profile %q; want both %q", sel.Name, m.current.Name, want)
		}
	}
	// One Update that returns several intents: they are handled in the
	// order given, so the first cannot land after the second.
	m.handle(nil, []Intent{profileSelectedMsg{Name: "contoso-reader"}, profileSelectedMsg{Name: "no-consent"}})
	if m.current.Name != "no-consent" {
		t.Fatalf("current profile %q after two intents, want the last one's no-consent", m.current.Name)
	}
}

func TestRootStatusIsOneLine(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	m.route(statusMsg{Text: "server response error:\n  AADSTS90002: tenant not found\r\n", Err: true})
	if m.status != "server response error: AADSTS90002: tenant not found" {
		t.Errorf("status = %q", m.status)
	}
	assertScreenSize(t, ansi.Strip(m.render()), 80, 24)
}
