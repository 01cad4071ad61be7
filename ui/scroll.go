package ui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// bind is a binding for keys, listed in help as help: desc.
func bind(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// ScrollKeyMap is the keys of every view that scrolls or moves a cursor:
// a line, a page, either end. A key map embeds it; move reads it.
type ScrollKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// defaultScrollKeyMap is the arrows, vi's and less's keys.
func defaultScrollKeyMap() ScrollKeyMap {
	return ScrollKeyMap{
		Up:       bind([]string{"up", "k"}, "↑/k", "up"),
		Down:     bind([]string{"down", "j"}, "↓/j", "down"),
		PageUp:   bind([]string{"pgup", "ctrl+b", "ctrl+u"}, "pgup", "page up"),
		PageDown: bind([]string{"pgdown", "space", "ctrl+f", "ctrl+d"}, "pgdn", "page down"),
		Top:      bind([]string{"g", "home"}, "g", "top"),
		Bottom:   bind([]string{"G", "end"}, "G", "bottom"),
	}
}

// scrollMove is what a scroll key asks for: to move by some lines (up is
// negative), or to one end.
type scrollMove struct {
	by  int
	end int // -1 the top, 1 the bottom, 0 neither: move by
}

// move reads k as a scroll key in a view of page lines; ok is false for
// any other key.
func (s ScrollKeyMap) move(k tea.KeyPressMsg, page int) (m scrollMove, ok bool) {
	switch {
	case key.Matches(k, s.Up):
		return scrollMove{by: -1}, true
	case key.Matches(k, s.Down):
		return scrollMove{by: 1}, true
	case key.Matches(k, s.PageUp):
		return scrollMove{by: -page}, true
	case key.Matches(k, s.PageDown):
		return scrollMove{by: page}, true
	case key.Matches(k, s.Top):
		return scrollMove{end: -1}, true
	case key.Matches(k, s.Bottom):
		return scrollMove{end: 1}, true
	}
	return scrollMove{}, false
}

// from is where the move takes a position that goes from 0 to last.
func (m scrollMove) from(pos, last int) int {
	switch m.end {
	case -1:
		return 0
	case 1:
		return last
	}
	return clamp(pos+m.by, 0, last)
}

// showing is the first line of a list n lines high that keeps line
// cursor on screen: top, moved only as far as it must.
func showing(top, cursor, n int) int {
	if cursor < top {
		return cursor
	}
	if n > 0 && cursor >= top+n {
		return cursor - n + 1
	}
	return top
}

// pageRoom is how many body lines fit in a page h lines high under a head
// of n lines: a blank line and the hint take the rest.
func pageRoom(h, n int) int { return max(h-n-2, 0) }

// scrolledPage is a dialog's lines, h high: a head that stays, the body
// from line top as far as it fits, then a blank line and the hint. The
// hint names the scroll keys when the body does not fit, and says how many
// lines are hidden below.
func scrolledPage(st *Styles, head, body []string, top, h int, hint, scrollKeys string) []string {
	top = min(top, len(body))
	shown := body[top:min(top+pageRoom(h, len(head)), len(body))]
	lines := append(append([]string{}, head...), shown...)
	for len(lines) < h-2 {
		lines = append(lines, "")
	}
	if len(shown) < len(body) {
		hint += " · " + scrollKeys
	}
	if below := len(body) - top - len(shown); below > 0 {
		hint += " · " + strconv.Itoa(below) + " more lines below"
	}
	return append(lines, "", st.Dim.Render(hint))
}
