package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The explain dialog is drawn as content only; the root frames it.

var explainLabels = [explainFieldCount]string{
	explainURL:    "URL",
	explainMethod: "Method",
	explainStatus: "Status",
	explainBody:   "Error body",
	explainRoles:  "Roles from",
}

// explainChrome is every row but the body's: title and blank, URL,
// method, status, roles, two message rows, the keys.
const explainChrome = 9

func (d *ExplainDialog) labelWidth() int { return min(12, d.width/3) }

func (d *ExplainDialog) valueWidth() int { return max(d.width-formGutter-d.labelWidth(), 1) }

func (d *ExplainDialog) bodyRows() int { return d.height - explainChrome }

// View lays the fields out one per row, the body taking what is left;
// the last run's error goes above the keys.
func (d *ExplainDialog) View() string {
	w, h := d.width, d.height
	if w <= 0 || h <= 0 {
		return sizedBlock(nil, w, h)
	}
	s := d.c.Styles
	title := s.TitleActive.Render("Explain a failure from elsewhere") + s.Dim.Render(" · nothing is sent to Graph")
	lines := []string{ansi.Truncate(title, w, "…"), ""}
	lw, vw := d.labelWidth(), d.valueWidth()
	indent := strings.Repeat(" ", formGutter+lw)
	for f := range explainFieldCount {
		gutter, label := "  ", s.Label
		if f == d.focus {
			gutter, label = s.Key.Render("› "), s.TitleActive
		}
		name := gutter + label.Render(sizedLine(ansi.Truncate(explainLabels[f], max(lw-1, 0), ""), lw))
		if f != explainBody {
			lines = append(lines, name+sizedLine(d.valueView(f), vw))
			continue
		}
		for i, l := range d.bodyView() {
			if i > 0 {
				name = indent
			}
			lines = append(lines, name+sizedLine(l, vw))
		}
	}
	var msg []string
	switch {
	case d.running:
		msg = []string{s.Dim.Render("explaining…")}
	case d.err != "":
		for _, l := range wrapLines(d.c.Mask(d.err), w, 2) {
			msg = append(msg, s.Error.Render(l))
		}
	}
	for len(msg) < 2 {
		msg = append(msg, "")
	}
	lines = append(lines, msg...)
	if h >= explainChrome {
		// The keys keep the last row whatever the body's height.
		lines = append(lines[:min(len(lines), h-1)], d.footer())
	}
	return sizedBlock(lines, w, h)
}

func (d *ExplainDialog) valueView(f explainField) string {
	s := d.c.Styles
	var choice string
	switch f {
	case explainURL:
		return d.c.Presenter.InputView(d.url, false)
	case explainStatus:
		return d.status.View()
	case explainMethod:
		choice = explainMethods[d.method]
	case explainRoles:
		choice = d.c.Mask(d.rolesChoice())
	}
	if f == d.focus {
		return s.Key.Render("◂ ") + s.Value.Render(choice) + s.Key.Render(" ▸")
	}
	return s.Value.Render(choice)
}

// bodyView is the body's rows. In presenter mode a body that names
// something to hide is drawn masked, from the row the text area shows
// first: the text area itself cannot draw a value other than its own.
func (d *ExplainDialog) bodyView() []string {
	n := max(d.bodyRows(), 1)
	v := d.body.Value()
	masked := d.c.Mask(v)
	if masked == v {
		return strings.Split(d.body.View(), "\n")
	}
	var rows []string
	for _, l := range strings.Split(masked, "\n") {
		rows = append(rows, strings.Split(ansi.Hardwrap(l, d.valueWidth(), true), "\n")...)
	}
	top := min(d.body.ScrollYOffset(), max(len(rows)-n, 0))
	rows = rows[top:min(top+n, len(rows))]
	for i := range rows {
		rows[i] = d.c.Styles.Value.Render(rows[i])
	}
	return rows
}

func (d *ExplainDialog) footer() string {
	s := d.c.Styles
	hint := func(k, what string) string { return s.Key.Render(k) + s.Dim.Render(" "+what) }
	enter := "next"
	switch d.focus {
	case explainRoles:
		enter = "explain"
	case explainBody:
		enter = "new line"
	}
	parts := []string{hint("tab", "next"), hint("enter", enter), hint("ctrl+s", "explain"), hint("esc", "close")}
	if d.focus == explainMethod || d.focus == explainRoles {
		parts = append([]string{hint("←/→", "change")}, parts...)
	}
	return strings.Join(parts, s.Dim.Render(" · "))
}
