package ui

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/termsafe"
)

// pathWithHostMin is the narrowest path input worth showing the Graph host
// for; below it the host is left to the URL line under the path.
const pathWithHostMin = 24

// View draws the path line, the URL that will be requested, and as many
// rows as fit; or, while it is open, the history list.
func (b *RequestBuilder) View() string {
	w, h := b.width, b.height
	if w <= 0 || h <= 0 {
		return sizedBlock(nil, w, h)
	}
	if b.mode == modeHistory {
		return sizedBlock(b.listView(w, h), w, h)
	}
	lines := []string{b.pathLine(), b.urlLine(w)}
	lines = append(lines, b.bodyArea(w)...)
	lines = append(lines, b.rowsArea(w)...)
	return sizedBlock(lines, w, h)
}

// pathHost is the Graph host shown before the version, or "" when the
// pane is too narrow for it.
func (b *RequestBuilder) pathHost() string {
	if b.base == "" {
		return ""
	}
	full := len(b.methodPrefix()) + ansi.StringWidth(b.base) + 1 + len(b.version) + 1
	if b.width-full-1 < pathWithHostMin {
		return ""
	}
	return b.base + "/"
}

func (b *RequestBuilder) pathPrefixWidth() int {
	return len(b.methodPrefix()) + ansi.StringWidth(b.pathHost()) + len(b.version) + 1
}

// pathLine is "GET https://graph.microsoft.com/v1.0 /users": the method
// and the version are segments of their own because ctrl+t and ctrl+b
// switch them.
func (b *RequestBuilder) pathLine() string {
	s := b.c.Styles
	vs := s.Key
	switch {
	case b.versionInPath():
		vs = s.Dim // the path names its own version, which wins
	case b.version == graph.VersionBeta:
		vs = s.BadgeWarn.Bold(true)
	}
	return b.methodStyle().Render(b.method) + " " + s.Dim.Render(b.pathHost()) + vs.Render(b.version) + " " + b.pathInputView()
}

// versionInPath reports whether the typed path overrides the toggle: an
// absolute URL, or a path starting with /v1.0/ or /beta/.
func (b *RequestBuilder) versionInPath() bool {
	p := strings.TrimSpace(b.path.Value())
	if strings.Contains(p, "://") {
		return true
	}
	first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	first, _, _ = strings.Cut(first, "?")
	return strings.EqualFold(first, graph.VersionV1) || strings.EqualFold(first, graph.VersionBeta)
}

// urlLine is the exact URL that enter would request, built by the same
// function the client uses, or why there is none (in the error colour).
func (b *RequestBuilder) urlLine(w int) string {
	s := b.c.Styles
	r := b.previewRequest()
	switch {
	case b.base == "":
		return s.Dim.Render("no profile selected")
	case r.Path == "":
		return s.Dim.Render("type a Graph path such as /users; enter sends it")
	}
	if err := b.check(r); err != nil {
		msg := b.vis(err.Error())
		var foreign *graph.ForeignHostError
		if errors.As(err, &foreign) && ansi.StringWidth(msg) > w {
			// The full reason goes to the status bar on enter; here the
			// part that matters must fit.
			msg = fmt.Sprintf("not sent: %s is not %s", b.vis(foreign.Host), foreign.Allowed)
		}
		return s.Error.Render(ansi.Truncate(msg, w, "…"))
	}
	u, _ := graph.BuildURL(b.base, r)
	return s.Dim.Render("→ ") + s.Value.Render(urlCutMiddle(b.c.Mask(u.String()), w-2))
}

// previewRequest is Request with the row being edited as typed so far,
// so the URL follows the typing; a row that does not parse yet is left out.
func (b *RequestBuilder) previewRequest() graph.Request {
	r := b.Request()
	if b.mode != modeEdit {
		return r
	}
	text := strings.TrimSpace(b.editor.Value())
	switch b.editRow.kind {
	case rowParam:
		if b.editRow.i >= len(r.Query) {
			return r
		}
		r.Query = slices.Delete(r.Query, b.editRow.i, b.editRow.i+1)
		if p, err := parseQueryOption(text); err == nil {
			r.Query = slices.Insert(r.Query, b.editRow.i, p)
		}
	case rowHeader:
		r.Header = http.Header{}
		for i, h := range b.headers {
			if i != b.editRow.i {
				r.Header.Add(h.Name, h.Value)
			}
		}
		if h, err := parseHeaderRow(text); err == nil {
			r.Header.Add(h.Name, h.Value)
		}
		if b.eventual {
			r.Header.Set(headerConsistency, "eventual")
		}
	}
	return r
}

// rowsView draws the visible part of the rows area, and a last line
// that says how many rows are hidden when they do not all fit.
func (b *RequestBuilder) rowsView(w, n int) []string {
	lines := b.rowLines()
	kw := b.keyColumn(w)
	fit := b.rowsFit()
	var out []string
	for i := b.rowScroll; i < len(lines) && len(out) < fit; i++ {
		out = append(out, b.rowText(lines[i], i == b.rowCursor, w, kw))
	}
	if fit < n {
		// Count rows, not titles or hints: rows are what the user looks for.
		above := requestRowCount(lines[:b.rowScroll])
		below := requestRowCount(lines[b.rowScroll+len(out):])
		hint := fmt.Sprintf("↓ %d more", below)
		switch {
		case above > 0 && below > 0:
			hint = fmt.Sprintf("↑ %d · ↓ %d more", above, below)
		case above > 0:
			hint = fmt.Sprintf("↑ %d more", above)
		}
		if b.mode == modePath {
			hint += " · ctrl+o to scroll"
		}
		out = append(out, b.c.Styles.Dim.Render(hint))
	}
	return out
}

func requestRowCount(lines []rowLine) int {
	n := 0
	for _, l := range lines {
		if l.isRow() {
			n++
		}
	}
	return n
}

// keyColumn is the width of the name column: the longest name, within
// a third of the pane so values keep most of the line.
func (b *RequestBuilder) keyColumn(w int) int {
	kw := 6
	for _, p := range b.params {
		kw = max(kw, ansi.StringWidth(b.vis(p.Key)))
	}
	for _, h := range b.headers {
		kw = max(kw, ansi.StringWidth(b.vis(h.Name)))
	}
	return min(kw, max(w/3, 6))
}

func (b *RequestBuilder) rowText(l rowLine, atCursor bool, w, kw int) string {
	s := b.c.Styles
	active := atCursor && b.focused && (b.mode == modeRows || b.mode == modeEdit)
	marker := "  "
	if active {
		marker = "▸ "
	}
	if b.mode == modeEdit && l == b.editRow {
		return s.Key.Render(marker) + b.c.Presenter.InputView(b.editor, false)
	}
	switch l.kind {
	case rowParam:
		p := b.params[l.i]
		return b.keyValue(marker, p.Key, p.Value, active, w, kw)
	case rowHeader:
		h := b.headers[l.i]
		return b.keyValue(marker, h.Name, h.Value, active, w, kw)
	}
	title, chip := "Query options", ""
	if l.inHeaders() {
		title = "Headers"
		if b.eventual {
			chip = "[ConsistencyLevel: eventual]"
		}
	}
	var hint string
	if l.kind == rowNoParams || l.kind == rowNoHeaders {
		hint = "none · ctrl+o to add"
		if b.mode == modeRows {
			hint = "none · a to add"
		}
		if chip != "" {
			hint = "· ctrl+o to add more"
			if b.mode == modeRows {
				hint = "· a to add more"
			}
		}
	}
	var carried string
	if !l.inHeaders() {
		carried = b.vis(b.carriedBadge()) // on the first line of the rows
	}
	if active {
		return s.Selected.Render(sizedLine(strings.Join(requestParts(marker+title, carried, chip, hint), "  "), w))
	}
	return strings.Join(requestParts(s.Title.Render(title), s.BadgeWarn.Render(carried), s.BadgeOK.Render(chip), s.Dim.Render(hint)), "  ")
}

// requestParts drops the parts that render as nothing.
func requestParts(parts ...string) []string {
	out := parts[:0]
	for _, p := range parts {
		if ansi.StringWidth(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

func (b *RequestBuilder) keyValue(marker, k, v string, active bool, w, kw int) string {
	s := b.c.Styles
	k = ansi.Truncate(b.vis(k), kw, "…")
	k += strings.Repeat(" ", kw-ansi.StringWidth(k))
	v = b.vis(v)
	if active {
		return s.Selected.Render(sizedLine(marker+k+"  "+v, w))
	}
	return marker + s.Label.Render(k) + "  " + s.Value.Render(v)
}

// listView is the history list: a title with the filter, then entries.
func (b *RequestBuilder) listView(w, h int) []string {
	s := b.c.Styles
	l := &b.list
	left := s.TitleActive.Render("History ") + b.c.Presenter.InputView(l.filter, false)
	count := fmt.Sprintf(" %d/%d", len(l.shown), len(b.recall.entries))
	title := left
	if room := w - len(count); room >= 16 {
		title = sizedLine(left, room) + s.Dim.Render(count)
	}
	lines := []string{title}
	switch {
	case len(b.recall.entries) == 0:
		lines = append(lines, s.Dim.Render("no requests sent with this profile yet"))
	case len(l.shown) == 0:
		lines = append(lines, s.Dim.Render(fmt.Sprintf("nothing matches %q · esc closes", b.vis(l.filter.Value()))))
	}
	for i := l.scroll; i < len(l.shown) && len(lines) < h; i++ {
		e := b.recall.entries[l.shown[i]]
		when := "           "
		if !e.Time.IsZero() {
			when = e.Time.Local().Format("01-02 15:04")
		}
		text := when + "  " + fmt.Sprintf("%-4s", normalVersion(e.Version)) + "  " + b.vis(entryText(e))
		if i == l.cursor {
			lines = append(lines, s.Selected.Render(sizedLine("▸ "+text, w)))
		} else {
			lines = append(lines, "  "+s.Dim.Render(when+"  ")+s.Value.Render(strings.TrimPrefix(text, when+"  ")))
		}
	}
	return lines
}

// urlCutMiddle fits a URL into w cells by cutting its middle, keeping the
// host at the start and the query options at the end.
func urlCutMiddle(u string, w int) string {
	n := ansi.StringWidth(u)
	switch {
	case w <= 0:
		return ""
	case n <= w:
		return u
	case w == 1:
		return "…"
	}
	left := (w - 1) / 2
	right := w - 1 - left
	return ansi.Truncate(u, left, "") + "…" + ansi.TruncateLeft(u, n-right, "")
}

// vis is termsafe.Escaped, then masked in presenter mode: everything a row
// shows passes here before it is cut to the width. Rows can come from a
// hand-edited history file, and a raw ESC there would drive the terminal.
func (b *RequestBuilder) vis(s string) string { return b.c.Mask(termsafe.Escaped(s)) }
