package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// statusLine is the status bar of a rendered screen.
func statusLine(m *Model) string {
	lines := strings.Split(ansi.Strip(m.render()), "\n")
	return lines[len(lines)-2]
}

// expiries makes the root's status expiries visible: each one a message
// to deliver, with how long it would have waited.
func expiries(m *Model) *[]statusExpiredMsg {
	var got []statusExpiredMsg
	m.statusMeta.timer = func(_ time.Duration, msg tea.Msg) tea.Cmd {
		got = append(got, msg.(statusExpiredMsg))
		return nil
	}
	return &got
}

// A message ("copied …") goes away by itself; the expiry of an older one
// does not remove a newer one.
func TestRootStatusExpires(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	got := expiries(m)
	m.Update(statusMsg{Text: "copied the body to the clipboard"})
	if len(*got) != 1 || !strings.Contains(statusLine(m), "copied the body") {
		t.Fatalf("expiries %v, status %q", *got, statusLine(m))
	}
	first := (*got)[0]
	m.Update(statusMsg{Text: "saved response.json"})
	m.Update(first)
	if !strings.Contains(statusLine(m), "saved response.json") {
		t.Fatalf("an old expiry removed the newer message: %q", statusLine(m))
	}
	m.Update((*got)[1])
	if s := statusLine(m); strings.Contains(s, "saved") {
		t.Errorf("the message outlived its expiry: %q", s)
	}
}

// A token error goes with its profile: when the profile is deleted (the
// config reloads without it), so does the message.
func TestRootStatusGoesWithItsProfile(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	expiries(m)
	m.Update(tokenMsg{Profile: "wrong-role", Err: errors.New("AADSTS7000215 invalid secret")})
	if !strings.Contains(statusLine(m), "token for wrong-role failed") {
		t.Fatalf("status %q", statusLine(m))
	}
	m.Update(profilesLoadedMsg{Profiles: rootFixtureProfiles()[:2]})
	if s := statusLine(m); strings.Contains(s, "wrong-role") {
		t.Errorf("the deleted profile's token error is still shown: %q", s)
	}
}

// Fetch-all says "esc cancels" once, and a cancelled one does not repeat it.
func TestRootFetchAllStatusNotDoubled(t *testing.T) {
	m := newRootForTest(t, 120, 24)
	x := vwUsersExchange(t, 30, true)
	x.Seq = m.seq
	m.route(exchangeMsg{Exchange: x})
	m.route(fetchAllMsg{})
	if s := statusLine(m); strings.Count(s, "esc cancels") != 1 {
		t.Errorf("status while fetching: %q", s)
	}
	m.cancelInflight()
	if s := statusLine(m); !strings.Contains(s, "cancelled: fetching all pages") || strings.Contains(s, "esc cancels") {
		t.Errorf("status after cancelling: %q", s)
	}
}

// A message longer than the status bar says where the rest is, and ! shows
// all of it, its next step included.
func TestRootLongMessageInFull(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	long := "copy failed: the system clipboard is not available: no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set); install xclip or wl-clipboard, or copy from the terminal with OSC 52"
	m.Update(statusMsg{Text: long, Err: true})
	if s := statusLine(m); !strings.Contains(s, "! shows all") {
		t.Errorf("a cut message does not say how to read the rest: %q", s)
	}
	press(m, "esc", "!") // leave the path input; ! is a command there
	screen := ansi.Strip(m.render())
	assertScreenSize(t, screen, 80, 24)
	flat := strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╰", " ", "─", " ", "╮", " ", "╯", " ").Replace(screen)), " ")
	for _, want := range []string{"DBUS_SESSION_BUS_ADDRESS is not set", "install xclip or wl-clipboard", "OSC 52"} {
		if !strings.Contains(flat, want) {
			t.Errorf("! does not show %q:\n%s", want, screen)
		}
	}
	press(m, "esc")
	if m.dialog != nil {
		t.Error("esc did not close the message")
	}
}
