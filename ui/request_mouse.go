package ui

import tea "charm.land/bubbletea/v2"

// Lines of the builder's view, as View draws them.
const (
	requestPathLine = 0
	requestRowsTop  = 2 // under the path and the URL
)

// Click on the path line puts the keyboard in the path input; on a query
// option or header row it highlights that row, as up and down would. A
// row editor or the history list keeps the keyboard: a stray click must
// not throw away what is being typed.
func (b *RequestBuilder) Click(x, y int) (tea.Cmd, []Intent) {
	if x < 0 || x >= b.width || y < 0 || y >= b.height {
		return nil, nil
	}
	if b.mode == modeEdit || b.mode == modeHistory {
		return nil, nil
	}
	if y == requestPathLine {
		return b.FocusPath(), nil
	}
	lines := b.rowLines()
	i := b.rowScroll + y - requestRowsTop
	if y < requestRowsTop || y-requestRowsTop >= b.rowsFit() || i >= len(lines) || !lines[i].selectable() {
		return nil, nil
	}
	b.path.Blur()
	b.mode = modeRows
	b.rowCursor = i
	b.scrollRows()
	return nil, nil
}

// Wheel moves through the history list while it is open, else scrolls
// the rows when they do not all fit; one entry or row per notch.
func (b *RequestBuilder) Wheel(dy int) {
	step := 1
	if dy < 0 {
		step = -1
	}
	if b.mode == modeHistory {
		b.moveList(step) // the highlight follows, so enter loads what is seen
		return
	}
	b.rowScroll = clamp(b.rowScroll+step, 0, max(len(b.rowLines())-b.rowsFit(), 0))
}
