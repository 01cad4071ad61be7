package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The hit test and the drawing read one geometry: each pane's frame
// corner is drawn where paneAt says the pane starts.
func TestRootMouseHitsWhatIsDrawn(t *testing.T) {
	eachMouseSize(t, func(t *testing.T, w, h int) {
		m := newRootForTest(t, w, h)
		lines := strings.Split(ansi.Strip(m.render()), "\n")
		for f, r := range m.geometry().panes() {
			if got := ansi.Cut(lines[r.y], r.x, r.x+1); got != "╭" && got != "┏" { // thick: the focused pane
				t.Errorf("%s: no frame corner at (%d, %d): %q", paneTitles[f], r.x, r.y, got)
			}
			if got, _, ok := m.paneAt(r.x+r.w-1, r.y+r.h-1); !ok || got != focus(f) {
				t.Errorf("%s: its bottom-right cell hits pane %d (%v)", paneTitles[f], got, ok)
			}
		}
		if _, _, ok := m.paneAt(0, h-1); ok {
			t.Error("the footer hits a pane")
		}
	})
}

// A dialog is modal for the mouse as for keys: a click outside it neither
// moves the focus nor picks a profile.
func TestRootMouseClickOutsideDialogDoesNothing(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	m.route(confirmDeleteMsg{Name: "no-consent"})
	x, y := cellOf(t, ansi.Strip(m.render()), "no-consent") // the picker entry, above the box
	m.Update(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
	if m.dialog == nil || m.focus != focusRequest || m.current.Name != "contoso-reader" {
		t.Errorf("dialog open %v, focus %d, current %q: want the dialog open, focus on the request, contoso-reader", m.dialog != nil, m.focus, m.current.Name)
	}
}

func TestRootMouseWheelScrollsMatrix(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	var res matrixResultMsg
	for i := range 40 {
		res.Rows = append(res.Rows, MatrixRow{Profile: fmt.Sprintf("profile-%02d", i), Status: 200})
	}
	m.route(res)
	mx := m.dialog.(*Matrix)
	m.Update(tea.MouseWheelMsg{X: 40, Y: 10, Button: tea.MouseWheelDown})
	if mx.top != wheelLines {
		t.Fatalf("wheel over the matrix: top %d, want %d", mx.top, wheelLines)
	}
	m.Update(tea.MouseWheelMsg{X: 0, Y: 10, Button: tea.MouseWheelDown}) // left of the box
	if mx.top != wheelLines {
		t.Errorf("wheel outside the matrix scrolled it to %d", mx.top)
	}
	m.Update(tea.MouseWheelMsg{X: 40, Y: 10, Button: tea.MouseWheelUp})
	if mx.top != 0 {
		t.Errorf("wheel up over the matrix: top %d, want 0", mx.top)
	}
}

// A click on a query option row highlights it, as the keys would; a click
// on the path line gives the keyboard back to the path.
func TestRequestClickRowThenPath(t *testing.T) {
	b := rbFilled(70, 10)
	x, y := cellOf(t, rbView(t, b), "$filter")
	b.Click(x, y)
	if b.mode != modeRows || b.cursorRow() != (rowLine{kind: rowParam, i: 1}) {
		t.Fatalf("after a click on $filter: mode %d, row %+v", b.mode, b.cursorRow())
	}
	b.Click(10, 0)
	if b.mode != modePath || !b.Capturing() {
		t.Errorf("after a click on the path: mode %d, capturing %v", b.mode, b.Capturing())
	}
}

// The picker's hit test follows its layout: a filter line on top and
// entries three lines high, so every line of an entry picks it.
func TestPickerClickUnderFilter(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	p := m.picker
	p.Update(keyPress("/"))
	typeKeys(p, "o") // matches all three: the filter line is shown
	screen := ansi.Strip(p.View())
	_, y := cellOf(t, screen, "wrong-role")
	for dy := range pickerEntryHeight {
		p.cursor = 0
		_, intents := p.Click(3, y+dy)
		if sel := onlyMsg[profileSelectedMsg](t, updateMsgs(nil, intents)); sel.Name != "wrong-role" {
			t.Errorf("line %d of the entry selected %q", dy, sel.Name)
		}
	}
	if p.filtering {
		t.Error("a click on a profile should close the filter input, as enter does")
	}
}
