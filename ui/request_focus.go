package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The builder's two states for the path: editing (the input has the
// keyboard, enter sends, esc leaves) and browsing (modeBrowse: the pane has
// focus, letters are commands and i, enter or / start editing again).

// leavePath stops editing the path: the pane browses. Other modes keep
// their input (a row editor or the history filter was opened on purpose).
func (b *RequestBuilder) leavePath() {
	switch b.mode {
	case modePath:
		b.path.Blur()
		b.mode = modeBrowse
	case modeBody:
		b.leaveBody() // the body is kept; b edits it again
	}
}

// Browsing reports whether the pane shows the request without an input
// having the keyboard.
func (b *RequestBuilder) Browsing() bool { return b.mode == modeBrowse }

// EditPath gives the keyboard to the path input, as i does.
func (b *RequestBuilder) EditPath() tea.Cmd {
	if b.mode == modeBrowse {
		b.mode = modePath
	}
	return b.FocusPath()
}

func (b *RequestBuilder) browseKey(k tea.KeyPressMsg) tea.Cmd {
	keys := b.Keys
	switch {
	case key.Matches(k, keys.EditPath):
		return b.EditPath()
	case key.Matches(k, keys.NewPath):
		// A new path starts with the slash just typed; ↑ recalls the old one.
		b.path.SetValue("/")
		b.path.CursorEnd()
		b.recall.pos = -1
		return b.EditPath()
	case key.Matches(k, keys.BrowseRows):
		b.mode = modeRows
		b.clampRows()
	case key.Matches(k, keys.BrowseMethod):
		b.cycleMethod()
	case key.Matches(k, keys.BrowseBody):
		return b.openBody()
	case key.Matches(k, keys.Samples):
		return b.out.emit(openSamplesMsg{})
	default:
		return b.settingKey(k)
	}
	return nil // any other key is not for the path: never typed into it
}

// TypingLabel names the input that has the keyboard, for the footer.
func (b *RequestBuilder) TypingLabel() string {
	switch {
	case !b.Capturing():
		return ""
	case b.mode == modeEdit:
		return "typing in a row"
	case b.mode == modeHistory:
		return "typing in the history filter"
	case b.mode == modeBody:
		return "typing in the body"
	}
	return "typing in the path"
}

// rowsCollapsed: no query option, no header and no chip, outside the rows
// area. The two empty sections are then one hint line, or none while
// another pane has focus, so the response gets the rows.
func (b *RequestBuilder) rowsCollapsed() bool {
	return len(b.params) == 0 && len(b.headers) == 0 && !b.eventual &&
		(b.mode == modePath || b.mode == modeBrowse || b.mode == modeBody)
}

// rowsArea is what View draws under the path and the URL.
func (b *RequestBuilder) rowsArea(w int) []string {
	if !b.rowsCollapsed() {
		return b.rowsView(w, b.rowsHeight())
	}
	if !b.focused {
		return nil
	}
	hint := "no query options or headers · ctrl+o to add"
	if b.mode == modeBrowse {
		hint = "no query options or headers · o to add"
	}
	return []string{b.c.Styles.Dim.Render(hint)}
}

// ContentHeight is the lines the builder wants: the path, the URL and its
// rows (the root caps it). The history list wants as many as it can get.
func (b *RequestBuilder) ContentHeight() int {
	switch {
	case b.mode == modeHistory:
		return 1 + max(len(b.recall.entries), 1)
	case b.rowsCollapsed() && !b.focused:
		return 2 + b.bodyLines()
	case b.rowsCollapsed():
		return 3 + b.bodyLines()
	}
	return 2 + b.bodyLines() + len(b.rowLines())
}

// focusAfterSend moves the keyboard to the response once a request is on
// its way, so the viewer's letters (u, R, j, /) work at once; the path is
// left, not cleared. A refused send (no profile) keeps the path editing.
func (m *Model) focusAfterSend() tea.Cmd {
	if m.inflight == "" {
		return nil
	}
	return m.setFocus(focusViewer) // Blur leaves the path: the pane browses
}

// editPath focuses the request pane with the path input editing.
func (m *Model) editPath() tea.Cmd {
	m.focused().Blur()
	m.focus = focusRequest
	return m.request.EditPath()
}
