package ui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// wheelLines is how far one wheel notch scrolls, as in most terminals'
// own scrollback.
const wheelLines = 3

// clicker is a pane or dialog that acts on a left click. x and y are
// cells inside its content, (0, 0) being the top-left cell inside the
// border; a click on the border gives -1 or the content's size.
type clicker interface {
	Click(x, y int) (tea.Cmd, []Intent)
}

// wheeler is a pane or dialog that scrolls with the wheel: dy lines,
// negative for up.
type wheeler interface {
	Wheel(dy int)
}

// rect is a box of cells on screen.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// panes is where each pane's frame sits, from the same geometry render
// draws with: the picker down the left, the request builder above the
// response viewer on the right.
func (g geometry) panes() [paneCount]rect {
	return [paneCount]rect{
		focusPicker:  {x: 0, y: 0, w: g.leftW, h: g.bodyH},
		focusRequest: {x: g.leftW, y: 0, w: g.rightW, h: g.requestH},
		focusViewer:  {x: g.leftW, y: g.requestH, w: g.rightW, h: g.viewerH},
	}
}

// paneAt is the pane whose frame holds the cell (x, y).
func (m *Model) paneAt(x, y int) (focus, rect, bool) {
	g := m.geometry()
	if g.tooSmall {
		return 0, rect{}, false
	}
	for f, r := range g.panes() {
		if r.contains(x, y) {
			return focus(f), r, true
		}
	}
	return 0, rect{}, false // the status bar or the footer
}

// dialogRect is where overlay draws the open dialog, frame included.
func (m *Model) dialogRect() rect {
	if m.dialogFull {
		return rect{w: m.width, h: m.height}
	}
	d := m.common.Styles.Dialog.Render(m.dialog.View())
	w, h := lipgloss.Width(d), lipgloss.Height(d)
	return rect{x: max(0, (m.width-w)/2), y: max(0, (m.geometry().bodyH-h)/2), w: w, h: h}
}

// handleMouse takes clicks and the wheel: a left click focuses the pane
// under the pointer and hands it the click; the wheel scrolls whatever is
// under the pointer without moving the focus. While a dialog is open only
// the wheel over the dialog does anything: it is modal, as for keys.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	ev := msg.Mouse()
	var dy int
	switch msg.(type) {
	case tea.MouseClickMsg:
		if ev.Button != tea.MouseLeft {
			return nil
		}
	case tea.MouseWheelMsg:
		switch ev.Button {
		case tea.MouseWheelUp:
			dy = -wheelLines
		case tea.MouseWheelDown:
			dy = wheelLines
		default:
			return nil // sideways scrolling is left to < and >
		}
	default:
		return nil // releases and motion: nothing is dragged
	}
	if m.width == 0 || m.geometry().tooSmall {
		return nil
	}
	if m.dialog != nil {
		if w, ok := m.dialog.(wheeler); ok && dy != 0 && m.dialogRect().contains(ev.X, ev.Y) {
			w.Wheel(dy)
		}
		return nil
	}
	f, r, ok := m.paneAt(ev.X, ev.Y)
	if !ok {
		return nil
	}
	pane := m.panes()[f]
	if dy != 0 {
		if w, ok := pane.(wheeler); ok {
			w.Wheel(dy)
		}
		return nil
	}
	var cmd tea.Cmd
	if f != m.focus {
		cmd = m.setFocus(f)
	}
	if c, ok := pane.(clicker); ok {
		// Content starts inside the border.
		cmd = tea.Batch(cmd, m.handle(c.Click(ev.X-r.x-1, ev.Y-r.y-1)))
	}
	return cmd
}
