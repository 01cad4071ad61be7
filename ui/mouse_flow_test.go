package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Mouse flows run at the smallest usual terminal and a large one: the
// hit test must agree with the layout at both.
var mouseSizes = []struct{ w, h int }{{80, 24}, {160, 48}}

func eachMouseSize(t *testing.T, run func(t *testing.T, w, h int)) {
	for _, s := range mouseSizes {
		t.Run(fmt.Sprintf("%dx%d", s.w, s.h), func(t *testing.T) { run(t, s.w, s.h) })
	}
}

// paneRects is where the root lays its panes out on a w x h screen.
func paneRects(t *testing.T, w, h int) [paneCount]rect {
	t.Helper()
	g := newRootForTest(t, w, h).geometry()
	if g.tooSmall {
		t.Fatalf("%dx%d is too small for panes", w, h)
	}
	return g.panes()
}

func (f *flow) click(x, y int) {
	f.tm.Send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
}

func (f *flow) wheel(x, y int, b tea.MouseButton) {
	f.tm.Send(tea.MouseWheelMsg{X: x, Y: y, Button: b})
}

// cellOf is where text first appears on screen, top to bottom, left to
// right: where a user would click to hit it.
func cellOf(t *testing.T, screen, text string) (x, y int) {
	t.Helper()
	for y, line := range strings.Split(screen, "\n") {
		if i := strings.Index(line, text); i >= 0 {
			return ansi.StringWidth(line[:i]), y
		}
	}
	t.Fatalf("%q is not on screen:\n%s", text, screen)
	return 0, 0
}

func TestFlowMouseClickFocusesPane(t *testing.T) {
	eachMouseSize(t, func(t *testing.T, w, h int) {
		f := startFlow(t, w, h)
		f.waitFor("contoso-reader", "8 roles")
		panes := paneRects(t, w, h)
		// The Profiles frame's top edge: it focuses without picking a
		// profile. Then down is the picker's, not the path input's.
		p := panes[focusPicker]
		f.click(p.x+p.w/2, p.y)
		f.press("down")
		f.waitFor("demo tenant · contoso-cert")

		// Back to the request pane by its title, where it is drawn now (the
		// pane's height follows its content): / then starts a new path.
		s := f.waitFor("demo tenant · contoso-cert")
		x, y := cellOf(t, s, "Request")
		f.click(x, y)
		f.typeText("/groups")
		f.waitFor("/v1.0/groups")
	})
}

func TestFlowMouseClickSelectsProfile(t *testing.T) {
	eachMouseSize(t, func(t *testing.T, w, h int) {
		f := startFlow(t, w, h)
		s := f.waitFor("contoso-reader", "8 roles")
		x, y := cellOf(t, s, "no-consent")
		f.click(x+1, y)
		f.waitFor("demo tenant · no-consent", "no roles")
	})
}

func TestFlowMouseClickTabAndWheelBody(t *testing.T) {
	eachMouseSize(t, func(t *testing.T, w, h int) {
		f := startFlow(t, w, h)
		f.waitFor("contoso-reader", "8 roles")
		f.typeText("/users")
		f.press("enter")
		s := f.waitFor("200 OK", "ln 1/")

		// The wheel scrolls the body under the pointer without taking the
		// focus: back in the path input (ctrl+l), typing still goes there.
		f.press("ctrl+l")
		x, y := cellOf(t, s, `"value"`)
		f.wheel(x, y, tea.MouseWheelDown)
		f.waitFor("ln 4/")
		f.wheel(x, y, tea.MouseWheelUp)
		f.waitFor("ln 1/")
		f.typeText("/me")
		s = f.waitFor("/v1.0/users/me")

		x, y = cellOf(t, s, "Diagnosis")
		f.click(x+2, y)
		f.waitFor("Permissions for GET /users")
	})
}
