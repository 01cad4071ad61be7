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
func (t *textTab) scroll(n, h int) {
	t.top = clamp(t.top+n, 0, max(len(t.rows)-h, 0))
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
}

// field adds a labelled value, word-wrapped with a hanging indent. A pane
// too narrow for two columns gets the label on its own row.
func (f *fieldLayout) field(label, value string, style lipgloss.Style) {
	label, value = f.pm.Mask(label), f.pm.Mask(termsafe.Line(value))
	valueW := f.w - f.labelW
	if valueW < 12 {
		f.rows = append(f.rows, f.st.Label.Render(label))
		f.text(value, 2, style)
		return
	}
	for i, line := range wrapText(value, valueW) {
		lead := strings.Repeat(" ", f.labelW)
		if i == 0 {
			lead = f.st.Label.Render(label) + strings.Repeat(" ", max(f.labelW-ansi.StringWidth(label), 0))
		}
		f.rows = append(f.rows, lead+style.Render(line))
	}
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

// wrapText word-wraps plain text to w cells. A word longer than a row (a
// URL, a GUID list) is broken where the row ends instead of being pushed
// to a row of its own.
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
		if used > 0 && used+1+ww > w && ww <= w/2 {
			flush()
		}
		if used > 0 {
			if used+1 >= w {
				flush()
			} else {
				row.WriteByte(' ')
				used++
			}
		}
		for used+ww > w {
			head := ansi.Cut(word, 0, w-used)
			if head == "" && used == 0 { // a wide character in a one-cell row
				head, _ = ansi.FirstGraphemeCluster(word, ansi.GraphemeWidth)
			}
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
