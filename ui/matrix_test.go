package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// The matrix dialog says what the CLI's matrix says: a credential that
// cannot be loaded is "credential not loaded", not a bare "credential".
func TestMatrixSaysCredentialNotLoaded(t *testing.T) {
	b, p := demoBackend(t, 0)
	unloadable := p
	unloadable.Name, unloadable.ClientSecret = "unloadable", "env:GRAPHTUI_TEST_UNSET"
	msg := b.matrix(context.Background(), []profiles.Profile{p, unloadable}, graph.Request{Path: "/users"})()
	m := NewMatrix(&Common{Styles: NewStyles(true), Presenter: &Presenter{}}, msg.(matrixResultMsg))
	m.SetSize(100, 10)
	screen := ansi.Strip(m.View())
	var row string
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, "unloadable") {
			row = l
			break // the grid's row; the diagnosis follows below
		}
	}
	if !strings.Contains(row, "credential not loaded") || !strings.Contains(row, "token-error") {
		t.Errorf("the unloadable profile's row: %q\n%s", row, screen)
	}
}

func ptMatrixResult() matrixResultMsg {
	n := func(i int) *int { return &i }
	need := []string{"User.ReadBasic.All", "User.Read.All"}
	return matrixResultMsg{Path: "/users", Rows: []MatrixRow{
		{Profile: "contoso-reader", Status: 200, Roles: n(8)},
		{Profile: "no-consent", Status: 401, Error: "InvalidAuthenticationToken", Roles: n(0), Kind: "no-roles", Missing: need, Title: "The token has no application permissions"},
		{Profile: "wrong-role", Status: 403, Error: "Authorization_RequestDenied", Roles: n(1), Kind: "missing-role", Missing: need, Title: "The token has no permission this endpoint accepts"},
		{Profile: "wrong-secret", Error: "AADSTS7000215", Kind: "token-error", Title: "The identity platform refused the token request (AADSTS7000215)"},
	}}
}

// The matrix takes the width the screen gives it: at 80 columns the
// missing permissions wrap instead of being cut, and the diagnosis kind
// has its column, as in the CLI; at 160 every row is one line.
func TestMatrixFitsTheScreen(t *testing.T) {
	for _, screen := range []struct{ w, h int }{{80, 24}, {160, 50}, {60, 16}} {
		m := NewMatrix(testCommon(), ptMatrixResult())
		w, h, full := m.Size(screen.w, screen.h)
		if full || w > screen.w-4 || h > screen.h-4 {
			t.Fatalf("%dx%d: dialog %dx%d (full %v) does not fit with its frame", screen.w, screen.h, w, h, full)
		}
		m.SetSize(w, h)
		view := m.View()
		requireSize(t, view, w, h)
		text := ansi.Strip(view)
		words := strings.Fields(text)
		for strings.Contains(ansi.Strip(m.View()), "more lines below") {
			m.Update(keyPress("down")) // a small screen shows the rest by scrolling
			words = append(words, strings.Fields(ansi.Strip(m.View()))...)
		}
		for _, want := range []string{"DIAGNOSIS", "no-roles", "missing-role", "token-error", "User.ReadBasic.All", "User.Read.All", "AADSTS7000215"} {
			if !slices.Contains(words, want) {
				t.Errorf("%dx%d: %q is missing or cut:\n%s", screen.w, screen.h, want, text)
			}
		}
		if screen.w < 160 {
			continue
		}
		if w < 90 {
			t.Errorf("at %d columns the dialog stays %d wide", screen.w, w)
		}
		for _, l := range strings.Split(text, "\n") {
			if strings.HasPrefix(l, "wrong-role ") {
				if !strings.Contains(l, "missing-role  User.ReadBasic.All or User.Read.All") {
					t.Errorf("the wrong-role row is not one line: %q\n%s", l, text)
				}
				break // the grid's row; its diagnosis follows below
			}
		}
	}
}

// Rows that do not fit scroll; the hint says how much is hidden.
func TestMatrixScrolls(t *testing.T) {
	m := NewMatrix(testCommon(), ptMatrixResult())
	m.SetSize(76, 7)
	first := ansi.Strip(m.View())
	if !strings.Contains(first, "contoso-reader") || !strings.Contains(first, "more lines") {
		t.Fatalf("want the first row and a hint:\n%s", first)
	}
	for range 40 {
		m.Update(keyPress("down"))
	}
	last := ansi.Strip(m.View())
	if strings.Contains(last, "more lines") || !strings.Contains(last, "AADSTS7000215)") {
		t.Errorf("scrolled to the end, want the last diagnosis and no hint:\n%s", last)
	}
	m.Update(keyPress("up"))
	if got := ansi.Strip(m.View()); !strings.Contains(got, "1 more lines below") {
		t.Errorf("one line up hides one line:\n%s", got)
	}
}
