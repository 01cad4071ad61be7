package ui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// textTab is a tab of short text (headers, token claims, trace), built
// already fitted to the pane width whenever its content or the width
// changes, so View only slices it.
type textTab struct {
	rows []string
	top  int
}

func (t *textTab) set(rows []string, h int) {
	t.rows = rows
	t.scroll(0, h)
}

// scroll moves by n rows, keeping the last row at the bottom at most.
func (t *textTab) scroll(n, h int) { t.move(scrollMove{by: n}, h) }

// move applies a scroll key's move in a pane h rows high.
func (t *textTab) move(m scrollMove, h int) {
	t.top = m.from(t.top, max(len(t.rows)-h, 0))
}

// visible returns the rows on screen in a pane h rows high.
func (t *textTab) visible(h int) []string {
	if h <= 0 || t.top >= len(t.rows) {
		return nil
	}
	return t.rows[t.top:min(t.top+h, len(t.rows))]
}

// fieldLayout lays out "label  value" rows in a pane w cells wide. Every
// text it is given is masked by pm (presenter mode) before it is wrapped.
type fieldLayout struct {
	st     *Styles
	pm     *Presenter
	w      int
	labelW int
	rows   []string
	// under: a value with a word too long for the value column (a long
	// permission name, a URL) goes under its label at the pane's width.
	under bool
}

// field adds a labelled value, word-wrapped with a hanging indent. A label
// too long for the label column gets a row of its own, as does every label
// in a pane too narrow for two columns: a label never runs into its value.
func (f *fieldLayout) field(label, value string, style lipgloss.Style) {
	label, value = f.pm.Mask(label), f.pm.Mask(termsafe.Line(value))
	valueW := f.w - f.labelW
	if valueW < 12 || f.under && label != "" && longestWord(value) > valueW {
		// A narrow pane, or a name that the value column would break:
		// the value gets the pane's width under its label.
		f.rows = append(f.rows, f.st.Label.Render(label))
		f.text(value, 2, style)
		return
	}
	lw := ansi.StringWidth(label)
	if lw >= f.labelW { // at least one space between label and value
		f.rows = append(f.rows, f.st.Label.Render(label))
		lw, label = 0, ""
	}
	for i, line := range wrapText(value, valueW) {
		lead := strings.Repeat(" ", f.labelW)
		if i == 0 && label != "" {
			lead = f.st.Label.Render(label) + strings.Repeat(" ", f.labelW-lw)
		}
		f.rows = append(f.rows, lead+style.Render(line))
	}
}

func longestWord(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		n = max(n, ansi.StringWidth(w))
	}
	return n
}

// item adds a list entry: a marker ("1.", "•") and its text, wrapped under
// the text rather than under a label column.
func (f *fieldLayout) item(marker, value string, style lipgloss.Style) {
	lead := marker + " "
	indent := ansi.StringWidth(lead)
	for i, line := range wrapText(f.pm.Mask(termsafe.Line(value)), max(f.w-indent, 1)) {
		if i > 0 {
			lead = strings.Repeat(" ", indent)
		}
		f.rows = append(f.rows, f.st.Label.Render(lead)+style.Render(line))
	}
}

// fitLabels widens the label column to the longest of labels, within a
// third of the pane: longer labels get a row of their own.
func (f *fieldLayout) fitLabels(labels ...string) {
	longest := 0
	for _, l := range labels {
		longest = max(longest, ansi.StringWidth(l))
	}
	f.labelW = max(f.labelW, min(longest+2, f.w/3))
}

// text adds a paragraph, word-wrapped, every row indented.
func (f *fieldLayout) text(s string, indent int, style lipgloss.Style) {
	lead := strings.Repeat(" ", indent)
	for _, line := range wrapText(f.pm.Mask(termsafe.Line(s)), max(f.w-indent, 1)) {
		f.rows = append(f.rows, lead+style.Render(line))
	}
}

// heading adds a section title.
func (f *fieldLayout) heading(s string, style lipgloss.Style) {
	for _, line := range wrapText(f.pm.Mask(termsafe.Line(s)), max(f.w, 1)) {
		f.rows = append(f.rows, style.Render(line))
	}
}

func (f *fieldLayout) blank() { f.rows = append(f.rows, "") }

// wrapText word-wraps plain text to w cells. A word that does not fit
// goes to the next row whole, so that lists and names stay intact; only a
// word longer than a row (a URL, a JSON value) is broken, after a
// separator such as / ? & , : where it has one.
func wrapText(s string, w int) []string {
	w = max(w, 1)
	var rows []string
	var row strings.Builder
	used := 0
	flush := func() {
		rows = append(rows, row.String())
		row.Reset()
		used = 0
	}
	for _, word := range strings.Fields(s) {
		ww := ansi.StringWidth(word)
		if used > 0 && used+1+ww > w {
			flush()
		}
		if used > 0 {
			row.WriteByte(' ')
			used++
		}
		for used+ww > w {
			head := breakWord(word, w-used)
			row.WriteString(head)
			flush()
			word = word[len(head):]
			ww = ansi.StringWidth(word)
		}
		row.WriteString(word)
		used += ww
	}
	if used > 0 || len(rows) == 0 {
		flush()
	}
	return rows
}

// breakWord is the head of a word too long for room cells: up to the last
// separator of a URL or a list (/ ? & , ;) that keeps a third of the row,
// else of a name (. - : =) that keeps half, else as much as fits (at least
// one grapheme, so that a wide character in a narrow row advances).
func breakWord(word string, room int) string {
	head := ansi.Cut(word, 0, room)
	if head == "" {
		head, _ = ansi.FirstGraphemeCluster(word, ansi.GraphemeWidth)
		return head
	}
	for _, sep := range []struct {
		chars string
		part  int
	}{{"/?&,;", 3}, {".-:=", 2}} {
		if i := strings.LastIndexAny(head, sep.chars); i >= 0 && ansi.StringWidth(head[:i+1]) >= room/sep.part {
			return head[:i+1]
		}
	}
	return head
}

// clockTime shows a time of day in the time's own zone, with the date when
// it is not the day of ref.
func clockTime(t, ref time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	if y, m, d := t.Date(); ref.IsZero() || !sameDay(y, m, d, ref.In(t.Location())) {
		return t.Format("2006-01-02 15:04:05 MST")
	}
	return t.Format("15:04:05 MST")
}

func sameDay(y int, m time.Month, d int, ref time.Time) bool {
	ry, rm, rd := ref.Date()
	return y == ry && m == rm && d == rd
}

// shortDuration is a duration as people read it: 85ms, 1.25s, 2m3s.
func shortDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "0s"
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(10 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
