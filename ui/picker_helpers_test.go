package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
)

// Test helpers for the picker, the profile form and the confirm dialog.
// Names start with pt to stay clear of other panes' test helpers.

// ptKey builds the key press a terminal sends for s ("enter", "ctrl+s",
// "shift+tab", or one printable character).
func ptKey(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	}
	r := []rune(s)
	if len(r) != 1 {
		panic("ptKey: unknown key " + s)
	}
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

type ptUpdater interface {
	Update(tea.Msg) (tea.Cmd, []Intent)
}

// ptType sends text one key at a time, as typing does. The commands typing
// returns (cursor blink) are not run.
func ptType(u ptUpdater, text string) {
	for _, r := range text {
		u.Update(ptKey(string(r)))
	}
}

// ptMsgs is what an Update produced: its intents, in order, then what its
// command produced once run; nil for neither.
func ptMsgs(cmd tea.Cmd, intents []Intent) []tea.Msg {
	var out []tea.Msg
	for _, in := range intents {
		out = append(out, in)
	}
	return append(out, ptRun(cmd)...)
}

// ptRun runs a command (and any batch in it) and returns the messages.
func ptRun(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, ptRun(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// ptOne requires exactly one message, of type T, in msgs (see ptMsgs).
func ptOne[T any](t *testing.T, msgs []tea.Msg) T {
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

// ptRequireSize checks that view fills exactly w x h cells.
func ptRequireSize(t *testing.T, view string, w, h int) {
	t.Helper()
	if h == 0 {
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
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("%dx%d: line %d is %d cells wide: %q", w, h, i, got, ansi.Strip(l))
		}
	}
}

const ptConfig = "/home/dev/.config/graphtui/config.toml"

// ptProfiles are shaped like the demo tenant's story profiles.
func ptProfiles() []profiles.Profile {
	src := func(line int) profiles.Position { return profiles.Position{File: ptConfig, Line: line} }
	return []profiles.Profile{
		{Name: "contoso-reader", Tenant: "contoso.onmicrosoft.com", ClientID: "c24b77a7-1f2c-43e5-b900-c406650b9dbd", ClientSecret: "file:/tmp/demo/contoso-reader.secret", Source: src(6)},
		{Name: "contoso-cert", Tenant: "8d0a3f3e-5b7c-4f0e-9a61-2c4e7b1d9f52", ClientID: "7781e3dd-c8a3-4b96-887c-0b1372b2dcc1", Certificate: "/tmp/demo/contoso-cert.pem", Source: src(14)},
		{Name: "no-consent", Tenant: "8d0a3f3e-5b7c-4f0e-9a61-2c4e7b1d9f52", ClientID: "97d6378b-68c1-4916-ab56-b42687a1f46d", ClientSecret: "env:NO_CONSENT_SECRET", Source: src(22)},
		{Name: "wrong-role", Tenant: "fabrikam.onmicrosoft.us", ClientID: "10ce19aa-b3d7-4c92-9651-6f2659908000", ClientSecret: "keyring:wrong-role", Cloud: profiles.CloudUSGov, Source: src(30)},
		{Name: "mail-blocked", Tenant: "5e1f7a2b-0c3d-4e5f-8a9b-1c2d3e4f5a6b", ClientID: "05720cbf-8558-4206-a146-95246d496703", ClientSecret: "cmd:pass show mail", Cloud: profiles.CloudChina, Source: src(38)},
		{Name: "wrong-secret", Tenant: "8d0a3f3e-5b7c-4f0e-9a61-2c4e7b1d9f52", ClientID: "63599341-76ac-48f9-9759-26c154632cc4", ClientSecret: "file:/tmp/demo/wrong-secret.secret", Source: src(46)},
	}
}

// ptEnvProfile is the implicit profile built from AZURE_* variables.
func ptEnvProfile() profiles.Profile {
	return profiles.Profile{Name: profiles.EnvProfileName, Tenant: "contoso.onmicrosoft.com", ClientID: "c24b77a7-1f2c-43e5-b900-c406650b9dbd", ClientSecret: "env:AZURE_CLIENT_SECRET"}
}

// ptNow is the clock the picker tests read: 14:10 local time.
var ptNow = time.Date(2025, 3, 14, 14, 10, 0, 0, time.Local)

func ptToken(name string, expires time.Time, roles ...string) *auth.Token {
	return &auth.Token{Profile: name, ExpiresOn: expires, Claims: auth.Claims{Roles: roles}}
}

func ptCommon() *Common { return &Common{Styles: NewStyles(true)} }
