package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/profiles"
)

// Test helpers for the request builder. Names start with rb to stay clear
// of other panes' test helpers.

// rbKey builds the key press a terminal sends: "enter", "ctrl+b", "up",
// or one printable character.
func rbKey(s string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "end": tea.KeyEnd, "backspace": tea.KeyBackspace,
	}
	if code, ok := named[s]; ok {
		return tea.KeyPressMsg{Code: code}
	}
	if c, ok := strings.CutPrefix(s, "ctrl+"); ok && len(c) == 1 {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	r := []rune(s)
	if len(r) != 1 {
		panic("rbKey: unknown key " + s)
	}
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

// rbPress sends keys in order and returns the last one's intents and the
// messages its command produced.
func rbPress(b *RequestBuilder, keys ...string) []tea.Msg {
	var cmd tea.Cmd
	var intents []Intent
	for _, k := range keys {
		cmd, intents = b.Update(rbKey(k))
	}
	return ptMsgs(cmd, intents)
}

// rbType types text one key at a time.
func rbType(b *RequestBuilder, text string) {
	for _, r := range text {
		b.Update(rbKey(string(r)))
	}
}

// rbOnly requires exactly one message of type T among msgs.
func rbOnly[T any](t *testing.T, msgs []tea.Msg) T {
	t.Helper()
	var found []T
	for _, m := range msgs {
		if v, ok := m.(T); ok {
			found = append(found, v)
		}
	}
	if len(found) != 1 || len(msgs) != 1 {
		t.Fatalf("want one %T, got %#v", *new(T), msgs)
	}
	return found[0]
}

// rbBuilder is a focused builder for the global cloud at w x h.
func rbBuilder(w, h int) *RequestBuilder {
	b := NewRequestBuilder(&Common{Styles: NewStyles(true)})
	b.SetProfile(profiles.Profile{Name: "contoso-reader", Tenant: "contoso.onmicrosoft.com"})
	b.SetSize(w, h)
	b.Focus()
	return b
}

// rbView is the view without styles, as golden files hold it.
func rbView(t *testing.T, b *RequestBuilder) string {
	t.Helper()
	v := b.View()
	rbRequireSize(t, v, b.width, b.height)
	return ansi.Strip(v)
}

// rbRequireSize checks that a view fills exactly w x h cells.
func rbRequireSize(t *testing.T, view string, w, h int) {
	t.Helper()
	if h <= 0 {
		if view != "" {
			t.Fatalf("%dx%d: want an empty view, got %q", w, h, view)
		}
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("%dx%d: view has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != max(w, 0) {
			t.Fatalf("%dx%d: line %d is %d cells wide: %q", w, h, i, got, ansi.Strip(l))
		}
	}
}
