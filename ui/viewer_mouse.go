package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// viewerTabLine is the viewer's line that holds the tab labels, under the
// status line.
const viewerTabLine = 1

// Click on a tab label shows that tab.
func (v *Viewer) Click(x, y int) (tea.Cmd, []Intent) {
	if y != viewerTabLine || v.h < 3 {
		return nil, nil
	}
	if t, ok := v.tabAt(x); ok {
		return v.showTab(t), nil
	}
	return nil, nil
}

// tabAt is the tab whose label covers column x. The labels are found in
// the tab line as drawn, so the hit test follows whatever tabsLine does
// (padding, hidden tabs) without repeating it.
func (v *Viewer) tabAt(x int) (viewerTab, bool) {
	line := ansi.Strip(v.tabRows[v.tab])
	from := 0 // byte offset: the labels are in tab order
	for t, name := range viewerTabNames {
		if !v.hasTab(viewerTab(t)) {
			continue
		}
		i := strings.Index(line[from:], name)
		if i < 0 {
			return 0, false // cut off on a narrow pane
		}
		start := ansi.StringWidth(line[:from+i])
		// A label's padding is part of what looks clickable.
		if x >= start-1 && x <= start+ansi.StringWidth(name) {
			return viewerTab(t), true
		}
		from += i + len(name)
	}
	return 0, false
}

// Wheel scrolls the tab on screen: the body, its table, or a text tab.
func (v *Viewer) Wheel(dy int) {
	switch {
	case v.tab != tabBody:
		v.texts[v.tab].scroll(dy, v.contentHeight())
	case v.tableOnScreen():
		v.table.scroll(dy)
	case dy > 0:
		v.body.scrollDown(dy)
	default:
		v.body.scrollUp(-dy)
	}
}
