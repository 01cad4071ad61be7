package ui

import "testing"

// esc leaves the path input: letters are then commands (or nothing) and
// never typed; i and enter edit the path again, / starts a new one.
func TestRequestEscLeavesThePathInput(t *testing.T) {
	b := rbBuilder(80, 8)
	typeKeys(b, "/users")
	pressKeys(b, "esc")
	if b.Capturing() {
		t.Fatal("esc left the path input with the keyboard")
	}
	typeKeys(b, "xuq?")
	if b.path.Value() != "/users" {
		t.Fatalf("keys while browsing were typed: path %q", b.path.Value())
	}
	pressKeys(b, "enter")
	if !b.Capturing() {
		t.Fatal("enter while browsing did not edit the path")
	}
	typeKeys(b, "/42")
	if b.path.Value() != "/users/42" {
		t.Errorf("editing goes on at the end: path %q", b.path.Value())
	}
	pressKeys(b, "esc")
	typeKeys(b, "i")
	if !b.Capturing() {
		t.Error("i while browsing did not edit the path")
	}
	pressKeys(b, "esc")
	typeKeys(b, "/groups")
	if b.path.Value() != "/groups" {
		t.Errorf("/ while browsing should start a new path: %q", b.path.Value())
	}
}

// The pane wants the lines it shows: path and URL, one hint line for two
// empty sections while focused, none once another pane has the focus.
func TestRequestContentHeight(t *testing.T) {
	b := rbBuilder(80, 8)
	if got := b.ContentHeight(); got != 3 {
		t.Errorf("focused, no rows: %d lines, want 3", got)
	}
	b.Blur()
	if got := b.ContentHeight(); got != 2 {
		t.Errorf("blurred, no rows: %d lines, want 2", got)
	}
	b.Focus()
	pressKeys(b, "ctrl+o", "a")
	typeKeys(b, "$top=5")
	pressKeys(b, "enter")
	if got, want := b.ContentHeight(), 2+len(b.rowLines()); got != want {
		t.Errorf("with a row: %d lines, want %d", got, want)
	}
}
