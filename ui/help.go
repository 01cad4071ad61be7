package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The help screen: every key of every pane, grouped, over the panes. It
// scrolls when the groups do not fit, so nothing is cut at 80x24.

// helpSection is one group of keys under a title.
type helpSection struct {
	title string
	keys  []key.Binding
}

// helpKeyMap is the help screen's own keys.
type helpKeyMap struct {
	ScrollKeyMap
	Close key.Binding
}

func defaultHelpKeyMap() helpKeyMap {
	return helpKeyMap{
		ScrollKeyMap: defaultScrollKeyMap(),
		Close:        bind([]string{"esc", "?", "q", "f1", "ctrl+/", "ctrl+_"}, "esc/?", "close help"),
	}
}

// helpScreen lays the sections out in as many columns as the width allows
// and scrolls by rows.
type helpScreen struct {
	c        *Common
	keys     helpKeyMap
	sections []helpSection
	w, h     int
	rows     []string // laid out for w
	top      int
}

func newHelpScreen(c *Common, sections []helpSection) *helpScreen {
	return &helpScreen{c: c, keys: defaultHelpKeyMap(), sections: sections}
}

// SetSize lays the sections out for w x h cells (the title line included).
func (s *helpScreen) SetSize(w, h int) {
	s.w, s.h = max(w, 0), max(h, 0)
	s.rows = s.layout()
	s.top = min(s.top, s.maxTop())
}

func (s *helpScreen) pageRows() int { return max(s.h-1, 1) }
func (s *helpScreen) maxTop() int   { return max(len(s.rows)-s.pageRows(), 0) }

// update handles a key; it reports false when the key closes the help.
func (s *helpScreen) update(k tea.KeyPressMsg) bool {
	if key.Matches(k, s.keys.Close) {
		return false
	}
	if m, ok := s.keys.move(k, s.pageRows()); ok {
		s.top = m.from(s.top, s.maxTop())
	}
	return true
}

// View is a title line that says where the view is, then the rows.
func (s *helpScreen) View() string {
	st := s.c.Styles
	where := "all keys shown"
	if len(s.rows) > s.pageRows() {
		where = fmt.Sprintf("rows %d-%d of %d · j/k pgup/pgdn scroll", s.top+1, min(s.top+s.pageRows(), len(s.rows)), len(s.rows))
	}
	lines := []string{st.TitleActive.Render("Keys of every pane") + st.Dim.Render(" · "+where+" · esc closes")}
	for i := s.top; i < len(s.rows) && len(lines) < s.h; i++ {
		lines = append(lines, s.rows[i])
	}
	return sizedBlock(lines, s.w, s.h)
}

// helpColumnGap separates two columns of keys.
const helpColumnGap = 3

// layout puts whole sections into columns, each about as long as the
// others, and returns the rows of the grid.
func (s *helpScreen) layout() []string {
	st := s.c.Styles
	keyW, descW := 0, 0
	for _, sec := range s.sections {
		for _, b := range sec.keys {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
			descW = max(descW, ansi.StringWidth(b.Help().Desc))
		}
	}
	keyW = min(keyW, 14)
	colW := min(2+keyW+2+descW, max(s.w, 1))
	cols := max(1, (s.w+helpColumnGap)/(colW+helpColumnGap))

	var blocks [][]string // one per section: title, keys, blank
	total := 0
	for _, sec := range s.sections {
		block := []string{st.Title.Render(sec.title)}
		for _, b := range sec.keys {
			h := b.Help()
			if h.Key == "" {
				continue
			}
			k := ansi.Truncate(h.Key, keyW, "…")
			block = append(block, "  "+st.Key.Render(k)+strings.Repeat(" ", keyW-ansi.StringWidth(k)+2)+st.Value.Render(h.Desc))
		}
		block = append(block, "")
		blocks = append(blocks, block)
		total += len(block)
	}
	target := (total + cols - 1) / cols
	columns := make([][]string, cols)
	c := 0
	for _, block := range blocks {
		if len(columns[c]) > 0 && len(columns[c])+len(block) > target && c < cols-1 {
			c++
		}
		columns[c] = append(columns[c], block...)
	}
	n := 0
	for _, col := range columns {
		n = max(n, len(col))
	}
	rows := make([]string, n)
	for i := range rows {
		var b strings.Builder
		for j, col := range columns {
			cell := ""
			if i < len(col) {
				cell = col[i]
			}
			if j > 0 {
				b.WriteString(strings.Repeat(" ", helpColumnGap))
			}
			b.WriteString(sizedLine(cell, colW))
		}
		rows[i] = strings.TrimRight(b.String(), " ")
	}
	for len(rows) > 0 && rows[len(rows)-1] == "" {
		rows = rows[:len(rows)-1]
	}
	return rows
}

// helpSections is every key the UI knows, grouped by where it works.
func (m *Model) helpSections() []helpSection {
	g := m.keys
	r := m.request.Keys
	flat := func(groups [][]key.Binding) []key.Binding {
		var out []key.Binding
		for _, grp := range groups {
			out = append(out, grp...)
		}
		return out
	}
	sections := []helpSection{
		{"Everywhere", []key.Binding{g.HelpAnywhere, g.Help, g.NextPane, g.PrevPane, g.EditPath, g.Explain, g.LastMessage, g.Cancel, g.Presenter, g.Quit, g.ForceQuit}},
		{"Profiles", flat(m.picker.FullHelp())},
		{"Request · typing", []key.Binding{r.Send, r.LeavePath, r.Method, r.Body, r.Complete, r.Cycle, r.Older, r.Newer, r.Version, r.Eventual, r.Rows, r.History}},
		{"Request · browsing", []key.Binding{r.EditPath, r.NewPath, r.BrowseMethod, r.BrowseBody, r.BrowseRows, r.RowsVersion, r.RowsEventual, r.RowsHistory}},
		{"Request · body", []key.Binding{r.BodySend, r.BodyTemplate, r.BodyLeave, r.Method}},
		{"Request · rows", []key.Binding{r.RowUp, r.RowDown, r.Add, r.Edit, r.Delete, r.RowsVersion, r.RowsEventual, r.RowsHistory, r.Back}},
		{"Request · row editor", []key.Binding{r.Commit, r.Cancel}},
		{"Request · history", []key.Binding{r.ListUp, r.ListDown, r.Load, r.Close}},
	}
	// The viewer's groups, in the order its FullHelp gives them.
	names := []string{"Response · move", "Response · view", "Response · tabs", "Response · 403 doctor", "Response · pages & copy"}
	for i, grp := range m.viewer.FullHelp() {
		name := "Response"
		if i < len(names) {
			name = names[i]
		}
		sections = append(sections, helpSection{name, grp})
	}
	a := DefaultAuditKeyMap()
	sections = append(sections, helpSection{"Permission audit (P)", []key.Binding{a.Up, a.Down, a.PageUp, a.PageDown, a.Top, a.Bottom, a.Copy, a.Close}})
	return sections
}

// openHelp shows the help screen over the panes.
func (m *Model) openHelp() {
	m.helpScr = newHelpScreen(m.common, m.helpSections())
	m.layout()
}

// helpKey handles a key while the help screen is open.
func (m *Model) helpKey(k tea.KeyPressMsg) {
	if !m.helpScr.update(k) {
		m.helpScr = nil
	}
}
