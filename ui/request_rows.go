package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/termsafe"
)

// The rows area lists the query options, then the headers, each section
// under a title. An empty section is one line, its title with a hint,
// and the cursor can rest there so that `a` knows where to add.
type rowKind int

const (
	rowQueryTitle rowKind = iota
	rowParam
	rowNoParams // "Query options  none", selectable
	rowHeaderTitle
	rowHeader
	rowNoHeaders // "Headers  none", selectable
)

type rowLine struct {
	kind rowKind
	i    int // index into params or headers
}

func (l rowLine) selectable() bool { return l.kind != rowQueryTitle && l.kind != rowHeaderTitle }
func (l rowLine) inHeaders() bool  { return l.kind >= rowHeaderTitle }
func (l rowLine) isRow() bool      { return l.kind == rowParam || l.kind == rowHeader }

func (b *RequestBuilder) rowLines() []rowLine {
	var lines []rowLine
	if len(b.params) == 0 {
		lines = append(lines, rowLine{kind: rowNoParams})
	} else {
		lines = append(lines, rowLine{kind: rowQueryTitle})
		for i := range b.params {
			lines = append(lines, rowLine{kind: rowParam, i: i})
		}
	}
	if len(b.headers) == 0 {
		return append(lines, rowLine{kind: rowNoHeaders})
	}
	lines = append(lines, rowLine{kind: rowHeaderTitle})
	for i := range b.headers {
		lines = append(lines, rowLine{kind: rowHeader, i: i})
	}
	return lines
}

// rowsHeight is the lines left for the rows area under the path and URL.
func (b *RequestBuilder) rowsHeight() int { return max(b.height-2-b.bodyLines(), 0) }

// rowsFit is how many rows show at once: one line less than rowsHeight
// when some are hidden, to say so.
func (b *RequestBuilder) rowsFit() int {
	n := b.rowsHeight()
	if len(b.rowLines()) > n && n >= 2 {
		return n - 1
	}
	return n
}

// moveRow moves the cursor by delta selectable rows.
func (b *RequestBuilder) moveRow(delta int) {
	lines := b.rowLines()
	i := b.rowCursor
	for i+delta >= 0 && i+delta < len(lines) {
		i += delta
		if lines[i].selectable() {
			b.rowCursor = i
			break
		}
	}
	b.scrollRows()
}

// clampRows keeps the cursor on a selectable row after rows change.
func (b *RequestBuilder) clampRows() {
	lines := b.rowLines()
	b.rowCursor = min(max(b.rowCursor, 0), len(lines)-1)
	if !lines[b.rowCursor].selectable() {
		// On a title: step back into the section above (after deleting its
		// last row), or forward past the first title.
		if b.rowCursor > 0 {
			b.rowCursor--
		} else {
			b.rowCursor++
		}
	}
	b.scrollRows()
}

// scrollRows keeps the cursor row, and its section title when there is
// room, on screen.
func (b *RequestBuilder) scrollRows() {
	n := b.rowsFit()
	total := len(b.rowLines())
	if n <= 0 {
		b.rowScroll = 0
		return
	}
	top := b.rowCursor
	if top > 0 && !b.rowLines()[top-1].selectable() && n > 1 {
		top-- // show the title too
	}
	if top < b.rowScroll {
		b.rowScroll = top
	}
	if b.rowCursor >= b.rowScroll+n {
		b.rowScroll = b.rowCursor - n + 1
	}
	b.rowScroll = min(max(b.rowScroll, 0), max(total-n, 0))
}

func (b *RequestBuilder) cursorRow() rowLine {
	lines := b.rowLines()
	return lines[min(max(b.rowCursor, 0), len(lines)-1)]
}

// addRow appends an empty row to the cursor's section and edits it.
func (b *RequestBuilder) addRow() tea.Cmd {
	var row rowLine
	if b.cursorRow().inHeaders() {
		b.headers = append(b.headers, reqHeader{})
		row = rowLine{kind: rowHeader, i: len(b.headers) - 1}
	} else {
		b.params = append(b.params, graph.QueryParam{})
		row = rowLine{kind: rowParam, i: len(b.params) - 1}
	}
	return b.startEdit(row, true)
}

// startEdit opens the one-line editor on a row: "key=value" for a query
// option, "Name: value" for a header, the way people write them.
func (b *RequestBuilder) startEdit(row rowLine, isNew bool) tea.Cmd {
	b.editRow, b.editNew = row, isNew
	b.rowCursor = slices.Index(b.rowLines(), row)
	b.scrollRows()
	var text string
	switch row.kind {
	case rowParam:
		if p := b.params[row.i]; !isNew {
			text = p.Key + "=" + p.Value
		}
		b.editor.Placeholder = "$select=id,displayName"
		b.editor.SetSuggestions(queryOptionSuggestions)
	case rowHeader:
		if h := b.headers[row.i]; !isNew {
			text = h.Name + ": " + h.Value
		}
		b.editor.Placeholder = `Prefer: outlook.timezone="UTC"`
		b.editor.SetSuggestions(headerSuggestions)
	}
	b.editor.ShowSuggestions = true
	b.editor.SetValue(text)
	b.editor.CursorEnd()
	b.mode = modeEdit
	return b.editor.Focus()
}

// Offered while typing a row; → or end accepts.
var (
	queryOptionSuggestions = []string{"$select=", "$filter=", "$top=", "$expand=", "$orderby=", "$search=", "$count=true", "$skip="}
	headerSuggestions      = []string{"Prefer: ", "ConsistencyLevel: eventual", "Accept-Language: ", "If-None-Match: "}
)

// commitEdit parses the editor into its row. On a mistake the editor stays
// open and the status bar says what to write instead.
func (b *RequestBuilder) commitEdit() tea.Cmd {
	text := strings.TrimSpace(b.editor.Value())
	if text == "" {
		b.deleteRow(b.editRow)
		b.closeEditor()
		return nil
	}
	switch b.editRow.kind {
	case rowParam:
		p, err := parseQueryOption(text)
		if err != nil {
			return b.out.emit(statusMsg{Text: err.Error(), Err: true})
		}
		b.params[b.editRow.i] = p
	case rowHeader:
		h, err := parseHeaderRow(text)
		if err != nil {
			return b.out.emit(statusMsg{Text: err.Error(), Err: true})
		}
		if strings.EqualFold(h.Name, headerConsistency) && strings.EqualFold(h.Value, "eventual") {
			// One switch for one header: the chip, not a row as well.
			b.eventual = true
			b.deleteRow(b.editRow)
		} else {
			b.headers[b.editRow.i] = h
		}
	}
	b.claimRows()
	b.closeEditor()
	return nil
}

func (b *RequestBuilder) cancelEdit() {
	if b.editNew {
		b.deleteRow(b.editRow)
	}
	b.closeEditor()
}

func (b *RequestBuilder) closeEditor() {
	b.editor.Blur()
	b.editNew = false
	b.mode = modeRows
	b.clampRows()
}

// deleteRow removes a row and leaves the cursor in the same section: on
// the row that took its place, the one before, or the section's hint.
func (b *RequestBuilder) deleteRow(row rowLine) {
	if row.isRow() {
		b.claimRows()
	}
	switch {
	case row.kind == rowParam && row.i < len(b.params):
		b.params = slices.Delete(b.params, row.i, row.i+1)
		b.cursorTo(rowLine{kind: rowParam, i: min(row.i, len(b.params)-1)})
	case row.kind == rowHeader && row.i < len(b.headers):
		b.headers = slices.Delete(b.headers, row.i, row.i+1)
		b.cursorTo(rowLine{kind: rowHeader, i: min(row.i, len(b.headers)-1)})
	}
}

// cursorTo puts the cursor on row, or on its section's hint line when the
// section is empty.
func (b *RequestBuilder) cursorTo(row rowLine) {
	switch {
	case row.kind == rowParam && len(b.params) == 0:
		row = rowLine{kind: rowNoParams}
	case row.kind == rowHeader && len(b.headers) == 0:
		row = rowLine{kind: rowNoHeaders}
	}
	if i := slices.Index(b.rowLines(), row); i >= 0 {
		b.rowCursor = i
	}
	b.clampRows()
}

// toggleEventual switches the ConsistencyLevel: eventual header. Turning it
// on removes a ConsistencyLevel row, so the header is never sent twice.
func (b *RequestBuilder) toggleEventual() {
	b.eventual = !b.eventual
	if b.eventual {
		b.headers = slices.DeleteFunc(b.headers, func(h reqHeader) bool {
			return strings.EqualFold(h.Name, headerConsistency)
		})
		b.clampRows()
	}
}

// pathBase is a path without its query string: what rows belong to.
func pathBase(p string) string {
	base, _, _ := strings.Cut(strings.TrimSpace(p), "?")
	return base
}

// carriedBadge says that the rows were sent with another path and would
// now go with this one ("mb=20" from /me/messages sent to /users): "" when
// they belong to the path shown, or there are none.
func (b *RequestBuilder) carriedBadge() string {
	n := len(b.params) + len(b.headers)
	if n == 0 || b.rowsPath == "" || pathBase(b.path.Value()) == b.rowsPath {
		return ""
	}
	rows := "rows"
	if n == 1 {
		rows = "row"
	}
	return fmt.Sprintf("%d %s kept from %s", n, rows, b.rowsPath)
}

// claimRows makes the rows the shown path's: the user edited them with
// that path in front of them.
func (b *RequestBuilder) claimRows() {
	if b.rowsPath != "" {
		b.rowsPath = pathBase(b.path.Value())
	}
}

// odataOptionNames may be typed without their $, as on the command line.
var odataOptionNames = map[string]bool{
	"select": true, "filter": true, "top": true, "expand": true, "orderby": true,
	"search": true, "count": true, "skip": true, "skiptoken": true, "format": true,
}

func parseQueryOption(text string) (graph.QueryParam, error) {
	k, v, ok := strings.Cut(text, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return graph.QueryParam{}, fmt.Errorf("write the query option as NAME=VALUE, e.g. $top=5 (got %q)", text)
	}
	if odataOptionNames[strings.ToLower(k)] {
		k = "$" + k
	}
	return graph.QueryParam{Key: k, Value: strings.TrimSpace(v)}, nil
}

func parseHeaderRow(text string) (reqHeader, error) {
	name, value, ok := strings.Cut(text, ":")
	h := reqHeader{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)}
	if !ok || h.Name == "" {
		return reqHeader{}, fmt.Errorf("write the header as Name: value, e.g. Prefer: return=minimal (got %q)", text)
	}
	return h, checkHeader(h)
}

// checkHeader refuses what would change the request's meaning on the wire
// (a line break starts a new header) or what graphtui owns (the token).
func checkHeader(h reqHeader) error {
	if strings.ContainsAny(h.Name, "\r\n\x00") || strings.ContainsAny(h.Value, "\r\n\x00") {
		return fmt.Errorf("header %s contains a line break or NUL; a header must be one line", termsafe.Escaped(h.Name))
	}
	if h.Name == "" {
		return errors.New("a header has an empty name: edit or delete it (ctrl+o, then e or d)")
	}
	for _, c := range h.Name {
		if !isTokenChar(c) {
			return fmt.Errorf("header name %q is not valid: use letters, digits and -, e.g. Prefer", termsafe.Escaped(h.Name))
		}
	}
	switch strings.ToLower(h.Name) {
	case "authorization", "proxy-authorization":
		return errors.New("graphtui sets Authorization itself from the profile's token; remove this header")
	}
	return nil
}

// isTokenChar is RFC 9110's tchar: what a header name may contain.
func isTokenChar(c rune) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.ContainsRune("!#$%&'*+-.^_`|~", c)
}
