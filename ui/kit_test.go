package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// The ui tests' kit: keys, running commands the way the program does, and
// checks every pane's tests share. Fixtures for one pane stay in that
// pane's helper file.

// namedKeys are the keys keyPress knows by the name msg.String() gives.
var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
	"f1": tea.KeyF1,
}

// keyPress builds the key press a terminal sends for a key as msg.String()
// spells it: "enter", "shift+tab", "shift+left", "ctrl+s", "pgdown",
// "space", or one printable character.
func keyPress(name string) tea.KeyPressMsg {
	if name == "space" {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	var mod tea.KeyMod
	if rest, ok := strings.CutPrefix(name, "shift+"); ok {
		mod, name = tea.ModShift, rest
	} else if rest, ok := strings.CutPrefix(name, "ctrl+"); ok {
		mod, name = tea.ModCtrl, rest
	}
	if code, ok := namedKeys[name]; ok {
		return tea.KeyPressMsg{Code: code, Mod: mod}
	}
	r := []rune(name)
	if len(r) != 1 {
		panic("keyPress: unknown key " + name)
	}
	if mod != 0 { // a modified letter carries no text
		return tea.KeyPressMsg{Code: r[0], Mod: mod}
	}
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// press sends keys to the root in order and returns the last one's
// command.
func press(m *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		_, cmd = m.Update(keyPress(k))
	}
	return cmd
}

// typeKeys sends text to c one key at a time, as typing does. What the
// keys return (cursor blink, intents) is dropped.
func typeKeys(c Component, text string) {
	for _, r := range text {
		c.Update(keyPress(string(r)))
	}
}

// pressKeys sends keys to c in order and returns what the last one
// produced (see updateMsgs).
func pressKeys(c Component, keys ...string) []tea.Msg {
	var cmd tea.Cmd
	var intents []Intent
	for _, k := range keys {
		cmd, intents = c.Update(keyPress(k))
	}
	return updateMsgs(cmd, intents)
}

// updateMsgs is what an Update produced: its intents, in order, then what
// its command produced once run; nil for neither.
func updateMsgs(cmd tea.Cmd, intents []Intent) []tea.Msg {
	var out []tea.Msg
	for _, in := range intents {
		out = append(out, in)
	}
	return append(out, cmdMsgs(cmd)...)
}

// cmdMsgs runs a command (and any batch in it) on this goroutine and
// returns the messages.
func cmdMsgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, cmdMsgs(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// firstMsg is what an Update produced: its first intent, else its
// command's message (nil for neither).
func firstMsg(cmd tea.Cmd, intents []Intent) tea.Msg {
	if len(intents) > 0 {
		return intents[0]
	}
	if cmd == nil {
		return nil
	}
	return cmd()
}

// noIntents is the command of an Update that must ask nothing of the root.
func noIntents(cmd tea.Cmd, intents []Intent) tea.Cmd {
	if len(intents) > 0 {
		panic(fmt.Sprintf("unexpected intents %#v", intents))
	}
	return cmd
}

// onlyMsg requires exactly one message, of type T, in msgs.
func onlyMsg[T any](t *testing.T, msgs []tea.Msg) T {
	t.Helper()
	if len(msgs) != 1 {
		t.Fatalf("want one %T, got %d messages: %#v", *new(T), len(msgs), msgs)
	}
	m, ok := msgs[0].(T)
	if !ok {
		t.Fatalf("want %T, got %#v", *new(T), msgs[0])
	}
	return m
}

// dialogOf requires the root's open dialog to be a T; what says what
// opened it.
func dialogOf[T Dialog](t testing.TB, m *Model, what string) T {
	t.Helper()
	d, ok := m.dialog.(T)
	if !ok {
		t.Fatalf("%s opened %T, want %T", what, m.dialog, *new(T))
	}
	return d
}

// msgsOf keeps the messages of type T.
func msgsOf[T any](msgs []tea.Msg) []T {
	var out []T
	for _, m := range msgs {
		if t, ok := m.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// requireSize checks that view fills exactly w x h cells (a pane with no
// height draws nothing) and returns it without colours.
func requireSize(t *testing.T, view string, w, h int) string {
	t.Helper()
	if h <= 0 {
		if view != "" {
			t.Fatalf("%dx%d: want an empty view, got %q", w, h, view)
		}
		return ""
	}
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("%dx%d: view has %d lines:\n%s", w, h, len(lines), ansi.Strip(view))
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != max(w, 0) {
			t.Fatalf("%dx%d: line %d is %d cells wide: %q", w, h, i, got, ansi.Strip(l))
		}
	}
	return ansi.Strip(view)
}

// testCommon is what the root would share with a pane, in colour.
func testCommon() *Common { return &Common{Styles: NewStyles(true)} }

// testSession opens a session for a test's Backend; an unset LookupEnv is
// an empty environment.
func testSession(t testing.TB, o session.Options) *session.Session {
	t.Helper()
	s, err := session.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// pickProfile is the profile name from s's config.
func pickProfile(t testing.TB, s *session.Session, name string) profiles.Profile {
	t.Helper()
	ps, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	p, err := ps.Pick(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// drain runs a command the way the program does (batches concurrently)
// and follows streams the way the root does (a streamMsg's message, then
// the next wait), and returns every message in the order they were
// produced. It returns when every command has.
func drain(cmd tea.Cmd) []tea.Msg {
	var mu sync.Mutex
	var out []tea.Msg
	var wg sync.WaitGroup
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		defer wg.Done()
		if c == nil {
			return
		}
		msg := c()
		switch m := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range m {
				wg.Add(1)
				go run(c)
			}
		case streamMsg:
			mu.Lock()
			out = append(out, m.Msg)
			mu.Unlock()
			if _, final := m.Msg.(exchangeMsg); !final {
				wg.Add(1)
				go run(waitStream(m.ch))
			}
		default:
			mu.Lock()
			out = append(out, msg)
			mu.Unlock()
		}
	}
	wg.Add(1)
	run(cmd)
	wg.Wait()
	return out
}

// eventLoop is a small program loop: it runs cmd and every command started
// after it on its own goroutine, splits batches, and hands each message to
// deliver on this goroutine. It returns when no command is left.
func eventLoop(cmd tea.Cmd, deliver func(msg tea.Msg, start func(tea.Cmd))) {
	type done struct{}
	msgs := make(chan tea.Msg, 64)
	pending := 0
	start := func(c tea.Cmd) {
		if c == nil {
			return
		}
		pending++
		go func() {
			msgs <- c()
			msgs <- done{}
		}()
	}
	start(cmd)
	for pending > 0 {
		switch m := (<-msgs).(type) {
		case done:
			pending--
		case nil:
		case tea.BatchMsg:
			for _, c := range m {
				start(c)
			}
		default:
			deliver(m, start)
		}
	}
}

// pumpRoot runs cmd for the root model: every message goes through
// Model.Update, which handles streams itself.
func pumpRoot(m *Model, cmd tea.Cmd) {
	eventLoop(cmd, func(msg tea.Msg, start func(tea.Cmd)) {
		_, next := m.Update(msg)
		start(next)
	})
}

// pump is the event loop for one viewer: each message reaches v on this
// goroutine (a streamMsg as the root does: its message, then the next
// wait), and what v returns runs. seen, if set, sees each message after v
// took it.
func pump(v *Viewer, cmd tea.Cmd, seen func(tea.Msg)) { pumpDropping(v, cmd, nil, seen) }

// pumpDropping is pump with the root's filter: messages drop reports true
// for never reach v (a cancelled request's answer).
func pumpDropping(v *Viewer, cmd tea.Cmd, drop func(tea.Msg) bool, seen func(tea.Msg)) {
	// feed gives msg to v as the root does: its command runs later, its
	// intents reach v at once, in order.
	var feed func(tea.Msg, func(tea.Cmd))
	feed = func(msg tea.Msg, start func(tea.Cmd)) {
		if drop != nil && drop(msg) {
			return
		}
		c, intents := v.Update(msg)
		start(c)
		if seen != nil {
			seen(msg)
		}
		for _, in := range intents {
			feed(in, start)
		}
	}
	eventLoop(cmd, func(msg tea.Msg, start func(tea.Cmd)) {
		if m, ok := msg.(streamMsg); ok {
			if _, final := m.Msg.(exchangeMsg); !final {
				start(waitStream(m.ch))
			}
			msg = m.Msg
		}
		feed(msg, start)
	})
}
