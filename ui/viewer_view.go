package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/bytesize"
	"github.com/graphtui/graphtui/internal/termsafe"
)

// View draws exactly w x h cells: the status line, the tabs, the current
// tab and a footer (position, search, progress or an open input). Small
// panes keep the status line first.
func (v *Viewer) View() string {
	if v.h <= 0 {
		return ""
	}
	if v.w <= 0 {
		return strings.Repeat("\n", v.h-1)
	}
	if v.c.Presenter.Gen() != v.pmGen {
		v.rebuild() // presenter mode changed, or a new tenant is known
	}
	buf := append(v.frame[:0], v.status...)
	if v.saving && v.saveErr != "" {
		// The failed save's reason stands where the eye is, above the
		// input that is still open for another name.
		buf = appendFitted(v.frame[:0], v.c.Styles.Error.Render(v.c.Mask(termsafe.Line(v.saveErr))+" · esc cancels"), v.w)
	}
	if v.h >= 3 {
		buf = append(append(buf, '\n'), v.tabRows[v.tab]...)
	}
	var loadRows []string
	if v.showingLoading() {
		var status string
		status, loadRows = v.loadingRows()
		buf = appendFitted(v.frame[:0], status, v.w)
		if v.h >= 3 {
			buf = append(append(buf, '\n'), v.tabRows[v.tab]...)
		}
	}
	if ch := v.contentHeight(); ch > 0 {
		buf = append(buf, '\n')
		switch {
		case loadRows != nil:
			for i := range ch {
				if i > 0 {
					buf = append(buf, '\n')
				}
				if i < len(loadRows) {
					buf = appendFitted(buf, loadRows[i], v.w)
				} else {
					buf = appendFitted(buf, "", v.w)
				}
			}
		case v.tab == tabBody && v.showingTable():
			buf = v.table.render(buf)
		case v.tab == tabBody:
			buf = v.body.render(buf)
		default:
			rows := v.texts[v.tab].visible(ch)
			for i := range ch {
				if i > 0 {
					buf = append(buf, '\n')
				}
				s := ""
				if i < len(rows) {
					s = rows[i]
				}
				buf = appendFitted(buf, s, v.w)
			}
		}
	}
	if v.h >= 2 {
		buf = v.appendFooter(append(buf, '\n'))
	}
	v.frame = buf
	return string(buf)
}

// statusLine sums the exchange up in one line; it is rebuilt only when the
// exchange or the width changes.
func (v *Viewer) statusLine() string {
	st, x := v.c.Styles, v.x
	switch {
	case v.cancelled != "":
		return st.BadgeWarn.Render("cancelled: "+v.c.Mask(termsafe.Line(v.cancelled))) + st.Dim.Render(" · below: the previous response")
	case x == nil:
		return st.Dim.Render("type a path and press enter")
	case x.TokenErr != nil:
		s := "token request failed"
		var te *auth.TokenError
		if errors.As(x.TokenErr, &te) && te.Code != 0 {
			s += fmt.Sprintf(" · AADSTS%d", te.Code)
		}
		return st.ErrorTitle.Render(s) + st.Dim.Render(" · see below")
	case x.Response == nil && errors.Is(x.Err, context.Canceled):
		return st.Dim.Render("cancelled")
	case x.Response == nil:
		return st.ErrorTitle.Render("request failed") + st.Dim.Render(" · see below")
	}
	r := x.Response
	code := lipgloss.NewStyle().Bold(true).Foreground(st.StatusColor(r.Status)).Render(strconv.Itoa(r.Status))
	parts := []string{code + " " + st.Value.Render(http.StatusText(r.Status))}
	if x.Pasted {
		return strings.Join(append(parts, st.BadgeWarn.Render("pasted, not sent by graphtui")), st.Dim.Render(" · "))
	}
	if p := v.progress; p != nil && p.Body != nil {
		// fetch-all is merging: the document so far is on screen.
		parts = append(parts, bytesize.Text(p.Bytes), fmt.Sprintf("%d pages so far", p.Pages))
		return strings.Join(parts, st.Dim.Render(" · "))
	}
	if x.fetched == nil { // a merge's last page took no time worth saying
		parts = append(parts, shortDuration(r.Duration))
	}
	parts = append(parts, bytesize.Text(len(r.Body)))
	if x.Partial {
		done := 0
		if v.hl != nil {
			done = v.hl.Done
		}
		parts = append(parts, st.BadgeWarn.Render(fmt.Sprintf("highlighting… %s of %s", megabytes(done), megabytes(len(r.Body)))))
	}
	switch pages := pagesFetched(x); {
	case x.fetched != nil:
		parts = append(parts, fmt.Sprintf("%d pages · %d items", x.fetched.pages, x.fetched.items))
		if note := fetchedNote(x); note != "" {
			parts = append(parts, st.BadgeWarn.Render(note))
		}
	case pages > 1 && !x.More && x.Page == pages:
		parts = append(parts, fmt.Sprintf("%d pages", pages))
	default:
		parts = append(parts, fmt.Sprintf("page %d", max(x.Page, 1)))
	}
	if x.More && x.fetched == nil {
		parts = append(parts, st.BadgeOK.Render("more"))
	}
	if r.Truncated {
		parts = append(parts, st.BadgeWarn.Render("cut"))
	}
	line := strings.Join(parts, st.Dim.Render(" · "))
	if r.RequestID != "" {
		line += st.Dim.Render(" · request-id " + termsafe.Line(r.RequestID))
	}
	return line
}

// fetchedNote says why a fetch-all merge stopped before the last page and
// how to go on; "" when it holds every page.
func fetchedNote(x *Exchange) string {
	f := x.fetched
	switch {
	case f == nil || f.next == "":
		return ""
	case x.Err != nil:
		return "cancelled · more: A goes on"
	}
	return fmt.Sprintf("%d-page limit · more: A goes on", f.limit)
}

// pagesFetched counts the pages in the trace: more than one means the body
// is a fetch-all merge.
func pagesFetched(x *Exchange) int {
	n := 0
	for _, ev := range x.Trace.Events {
		if ev.Kind == graph.EventPage {
			n++
		}
	}
	return n
}

// tabsLine is the tab names with active highlighted.
func (v *Viewer) tabsLine(active viewerTab) string {
	st := v.c.Styles
	var b strings.Builder
	for t, name := range viewerTabNames {
		if !v.hasTab(viewerTab(t)) {
			continue
		}
		if viewerTab(t) == active {
			b.WriteString(st.TabActive.Render(name))
		} else {
			b.WriteString(st.Tab.Render(name))
		}
	}
	return b.String()
}

// appendFooter writes the open input, fetch-all progress, or the search
// state and the position in the tab.
func (v *Viewer) appendFooter(dst []byte) []byte {
	switch {
	case v.showingLoading() && !v.Capturing():
		return appendFitted(dst, "", v.w) // the old response's position means nothing now
	case v.saving:
		return appendFitted(dst, v.c.Presenter.InputView(v.saveIn, false), v.w)
	case v.searching:
		return appendFitted(dst, v.c.Presenter.InputView(v.searchIn, false), v.w)
	case v.progress != nil:
		p := v.progress
		return appendFitted(dst, v.c.Styles.BadgeWarn.Render(fmt.Sprintf("fetching all pages… %d pages · %d items · %s · esc cancels", p.Pages, p.Items, bytesize.Text(p.Bytes))), v.w)
	}
	var left, right string
	switch {
	case v.tab == tabBody && v.showingTable():
		left, right = v.searchState(), v.table.position()
		if left == "" {
			left = "T text · < > columns"
		}
	case v.tab == tabBody:
		left, right = v.searchState(), v.bodyPosition()
		switch {
		case left == "" && v.tableWanted && v.tablePending:
			left = "building the table…"
		case left == "" && v.x != nil && v.x.fetched != nil && v.x.More:
			left = fmt.Sprintf("A fetches up to %d more pages · ] only the next", v.x.fetched.limit)
		case left == "" && v.x != nil && v.x.More && v.trail.at > 0:
			left = "[ ] pages · A all pages"
		case left == "" && v.x != nil && v.x.More:
			left = "] next page · A all pages"
		case left == "" && v.trail.at > 0:
			left = "[ previous page"
		}
	default:
		if t := &v.texts[v.tab]; len(t.rows) > v.contentHeight() {
			right = fmt.Sprintf("%d/%d", t.top+1, len(t.rows))
		}
	}
	left = v.c.Mask(left) // the search query, before it is cut
	// Plain text, measured before it is coloured: cheaper than fitting a
	// styled line on every frame.
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if lw+rw >= v.w {
		left, lw = ansi.Truncate(left, max(v.w-rw-1, 0), "…"), max(v.w-rw-1, 0)
	}
	line := left + strings.Repeat(" ", max(v.w-lw-rw, 0)) + right
	if lw+rw >= v.w {
		line = ansi.Truncate(line, v.w, "")
		line += strings.Repeat(" ", max(v.w-ansi.StringWidth(line), 0))
	}
	dst = append(dst, v.dimOn...)
	dst = append(dst, line...)
	return append(dst, v.dimOff...)
}

func (v *Viewer) searchState() string {
	f := &v.find
	switch {
	case f.query == "":
		return ""
	case f.waiting:
		return fmt.Sprintf("search %q waits for the highlighting…", f.query)
	case f.pending && f.total > 0 && f.done > 0:
		return fmt.Sprintf("searching %q… %d%% · %d so far · esc stops", f.query, 100*f.done/f.total, f.found)
	case f.pending:
		return fmt.Sprintf("searching %q…", f.query)
	case f.count() == 0:
		return fmt.Sprintf("no match for %q", f.query)
	}
	more := ""
	if f.capped {
		more = "+"
	}
	return fmt.Sprintf("match %d/%d%s %q · n/N", f.cur+1, f.count(), more, f.query)
}

func (v *Viewer) bodyPosition() string {
	b := v.body
	if b.lines() == 0 {
		if b.total() > b.h { // a long error panel: say there is more below
			return strconv.Itoa(b.top+1) + "/" + strconv.Itoa(b.total())
		}
		return ""
	}
	s := "ln " + strconv.Itoa(b.firstLine()) + "/" + strconv.Itoa(b.lines())
	if b.wrap {
		s += " · wrap"
	}
	if b.hoff > 0 {
		s += " · col " + strconv.Itoa(b.hoff+1)
	}
	return s
}

// megabytes is n bytes in MB with one decimal, for progress that counts up.
func megabytes(n int) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
