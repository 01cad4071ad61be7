package ui

import tea "charm.land/bubbletea/v2"

// Click on a profile selects it as enter does; on the filter line it
// opens the filter for typing.
func (p *Picker) Click(x, y int) (tea.Cmd, []Intent) {
	if x < 0 || x >= p.width || y < 0 || y >= p.height {
		return nil, nil // the border
	}
	if p.filterShown() {
		if y == 0 {
			p.filtering = true
			return p.filter.Focus(), nil
		}
		y--
	}
	row, ok := p.rowAt(y)
	if !ok {
		return nil, nil
	}
	if p.filtering {
		p.stopFiltering(false) // as enter in the filter does
	}
	p.cursor = row
	p.scrollToCursor()
	return p.out.done(p.choose())
}

// rowAt is the entry drawn on line y of the list (below the filter line),
// laid out as View lays it out.
func (p *Picker) rowAt(y int) (int, bool) {
	if len(p.shown) == 0 || y < 0 {
		return 0, false
	}
	n, _ := p.capacity()
	off := min(p.offset, max(len(p.shown)-n, 0))
	end := min(off+n, len(p.shown))
	step := p.entryStep()
	if y%step >= pickerEntryHeight {
		return 0, false // the blank line between entries
	}
	row := off + y/step
	if row >= end {
		return 0, false // below the last entry, or the "more" line
	}
	return row, true
}

// Wheel scrolls the list by whole entries; the selection stays where it
// is, as in a file manager.
func (p *Picker) Wheel(dy int) {
	if len(p.shown) == 0 || dy == 0 {
		return
	}
	n, _ := p.capacity()
	step := 1
	if dy < 0 {
		step = -1
	}
	p.offset = clamp(p.offset+step, 0, max(len(p.shown)-n, 0))
}
