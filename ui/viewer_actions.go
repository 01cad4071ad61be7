package ui

import (
	"slices"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// hscrollStep is how far < and > move the body sideways.
const hscrollStep = 8

func (v *Viewer) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case (v.saving || v.searching) && key.Matches(msg, v.keys.Close):
		v.closeInputs() // esc closes whichever input is open
		return nil
	case v.saving:
		return v.saveKey(msg)
	case v.searching:
		return v.searchKey(msg)
	}
	k := v.keys
	switch {
	case key.Matches(msg, k.Close):
		v.clearSearch()
	case key.Matches(msg, k.NextTab):
		return v.showTab(v.cycleTab(1))
	case key.Matches(msg, k.PrevTab):
		return v.showTab(v.cycleTab(-1))
	case key.Matches(msg, k.BodyTab):
		return v.showTab(tabBody)
	case key.Matches(msg, k.HeadersTab):
		return v.showTab(tabHeaders)
	case key.Matches(msg, k.TokenTab):
		return v.showTab(tabToken)
	case key.Matches(msg, k.TraceTab):
		return v.showTab(tabTrace)
	case key.Matches(msg, k.Roles):
		if v.x == nil || v.x.Token == nil {
			return v.out.emit(statusMsg{Text: "no token to look into: send a request first"})
		}
		return v.out.emit(showRolesMsg{Roles: v.x.Token.Claims.Roles})
	case key.Matches(msg, k.DiagnosisTab):
		if !v.hasTab(tabDiagnosis) {
			return v.out.emit(statusMsg{Text: "nothing to diagnose: the last request succeeded"})
		}
		return v.showTab(tabDiagnosis)
	case key.Matches(msg, k.Recheck):
		if v.x == nil {
			return v.out.emit(statusMsg{Text: "send a request first"})
		}
		return v.out.emit(recheckMsg{})
	case key.Matches(msg, k.CopyConsentURL):
		if v.x == nil || v.x.ConsentURL == "" {
			return v.out.emit(statusMsg{Text: noConsentText(v.x)})
		}
		return v.out.emit(copyMsg{What: "admin-consent URL", Text: v.x.ConsentURL})
	case key.Matches(msg, k.ConsentQR):
		if v.x == nil || v.x.ConsentURL == "" {
			return v.out.emit(statusMsg{Text: noConsentText(v.x)})
		}
		return v.out.emit(showQRMsg{URL: v.x.ConsentURL})
	case key.Matches(msg, k.Audit):
		if v.x == nil {
			return v.out.emit(statusMsg{Text: "send a request first, or press P in the profile list"})
		}
		return v.out.emit(auditMsg{Profile: v.x.Profile})
	case key.Matches(msg, k.Matrix):
		if v.x == nil {
			return v.out.emit(statusMsg{Text: "send a request first"})
		}
		return v.out.emit(matrixMsg{})
	case key.Matches(msg, k.Search):
		return v.openSearch()
	case key.Matches(msg, k.NextMatch):
		v.jumpMatch(+1)
	case key.Matches(msg, k.PrevMatch):
		v.jumpMatch(-1)
	case key.Matches(msg, k.Table):
		return v.toggleTable()
	case key.Matches(msg, k.Wrap):
		v.body.setWrap(!v.body.wrap)
	case key.Matches(msg, k.ScrollLeft) && v.tableOnScreen():
		v.table.scrollColumns(-1)
	case key.Matches(msg, k.ScrollRight) && v.tableOnScreen():
		v.table.scrollColumns(1)
	case key.Matches(msg, k.ScrollLeft):
		v.body.scrollLeft(hscrollStep)
	case key.Matches(msg, k.ScrollRight):
		v.body.scrollRight(hscrollStep)
	case slices.Contains(k.NextPage.Keys(), msg.String()): // disabled (hidden from help) without a next page
		return v.nextPage()
	case slices.Contains(k.PrevPage.Keys(), msg.String()):
		return v.prevPage()
	case key.Matches(msg, k.FetchAll):
		if v.x == nil || v.x.Response == nil {
			return v.out.emit(statusMsg{Text: "send a request first"})
		}
		return v.out.emit(fetchAllMsg{})
	case key.Matches(msg, k.CopyBody):
		return v.copyBody()
	case key.Matches(msg, k.CopyCurl):
		if cmd := curlCommand(v.x); cmd != "" {
			return v.out.emit(copyMsg{What: "curl command", Text: cmd})
		}
		return v.out.emit(statusMsg{Text: "no request URL to copy: nothing was sent", Err: true})
	case key.Matches(msg, k.Save):
		return v.openSave()
	case key.Matches(msg, k.Bundle):
		return v.openBundle()
	default:
		v.scroll(msg)
	}
	return nil
}

// scroll moves the current tab by line, page or to either end.
func (v *Viewer) scroll(msg tea.KeyPressMsg) {
	k, page := v.keys, max(v.contentHeight(), 1)
	if v.tableOnScreen() {
		page = max(v.table.dataHeight(), 1) // the header stays
	}
	m, ok := k.move(msg, page)
	if !ok {
		return
	}
	if m.end != 0 {
		v.scrollEnd(m.end > 0)
		return
	}
	n := m.by
	switch {
	case v.tab != tabBody:
		v.texts[v.tab].scroll(n, v.contentHeight())
		return
	case v.tableOnScreen():
		v.table.scroll(n)
		return
	}
	if n > 0 {
		v.body.scrollDown(n)
	} else {
		v.body.scrollUp(-n)
	}
}

func (v *Viewer) scrollEnd(bottom bool) {
	switch {
	case v.tab != tabBody && bottom:
		v.texts[v.tab].scroll(len(v.texts[v.tab].rows), v.contentHeight())
	case v.tab != tabBody:
		v.texts[v.tab].top = 0
	case v.tableOnScreen() && bottom:
		v.table.end()
	case v.tableOnScreen():
		v.table.home()
	case bottom:
		v.body.end()
	default:
		v.body.home()
	}
}

func (v *Viewer) copyBody() tea.Cmd {
	switch {
	case v.x == nil || v.x.Response == nil:
		return v.out.emit(statusMsg{Text: "no response body to copy"})
	case len(v.x.Response.Body) == 0:
		return v.out.emit(statusMsg{Text: "the response body is empty"})
	}
	return v.out.emit(copyMsg{What: "body", Text: string(v.x.Response.Body)})
}

func (v *Viewer) closeInputs() {
	v.searching, v.saving, v.bundling = false, false, false
	v.saveErr, v.saveWaiting = "", false
	v.searchIn.Blur()
	v.saveIn.Blur()
}

func (v *Viewer) openSearch() tea.Cmd {
	v.tab = tabBody
	v.searching = true
	// A new search starts empty: typing must not append to the last
	// term, which n and N still repeat.
	v.searchIn.SetValue("")
	return v.searchIn.Focus()
}

func (v *Viewer) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, v.keys.Submit) {
		q := v.searchIn.Value()
		v.closeInputs()
		if q == "" {
			v.clearSearch()
			return nil
		}
		v.tableWanted = false // matches are shown in the text
		return v.startSearch(q)
	}
	var cmd tea.Cmd
	v.searchIn, cmd = v.searchIn.Update(msg)
	return cmd
}

// startSearch runs the search as a command; its result comes back as a
// searchResultMsg for this exchange and this run only. A search already
// running is stopped. On a Partial body it waits for the rest, so counts
// and n/N cover the whole body.
func (v *Viewer) startSearch(q string) tea.Cmd {
	v.stopSearch()
	v.find = bodySearch{query: q, id: v.find.id + 1, pending: true}
	v.body.matchLine = -1
	if v.body.src == nil || v.x == nil {
		v.find.pending = false
		return nil
	}
	if v.x.Partial {
		v.find.waiting = true // setExchange starts it with the complete body
		return nil
	}
	size := 0
	if v.x.Response != nil {
		size = len(v.x.Response.Body)
	}
	if v.progress != nil {
		size = max(size, v.progress.Bytes)
	}
	stop := make(chan struct{})
	v.find.stop = sync.OnceFunc(func() { close(stop) })
	v.find.total = v.body.src.Len()
	return searchCmd(v.body.src, v.x.Seq, v.find.id, q, size, stop)
}

// stopSearch ends a search still running: a new search or esc replaced it.
func (v *Viewer) stopSearch() {
	if v.find.stop != nil {
		v.find.stop()
		v.find.stop = nil
	}
}

func (v *Viewer) applySearch(msg searchResultMsg) {
	if v.x == nil || msg.Seq != v.x.Seq || msg.ID != v.find.id {
		return // for an older body or an older query
	}
	v.find.pending, v.find.stop = false, nil
	v.find.lines, v.find.cols, v.find.capped = msg.Lines, msg.Cols, msg.Capped
	if v.find.count() == 0 {
		return
	}
	v.find.cur = v.find.firstFrom(v.body.firstLine() - 1)
	v.showMatch()
}

func (v *Viewer) jumpMatch(d int) {
	if v.find.count() == 0 {
		return
	}
	v.tab, v.tableWanted = tabBody, false
	v.find.step(d)
	v.showMatch()
}

// showMatch highlights the current match and scrolls to it.
func (v *Viewer) showMatch() {
	i := v.find.cur
	line, col := int(v.find.lines[i]), int(v.find.cols[i])
	v.body.matchLine = line
	v.body.match = byteSpan{col, col + len(v.find.query)}
	v.body.reveal(line, col, col+len(v.find.query))
}

func (v *Viewer) clearSearch() {
	v.stopSearch()
	v.find = bodySearch{id: v.find.id + 1}
	v.body.matchLine = -1
}

func (v *Viewer) openSave() tea.Cmd {
	if v.x == nil || v.x.Response == nil {
		return v.out.emit(statusMsg{Text: "no response body to save"})
	}
	name := "response.json"
	if v.x.Lines == nil && v.x.Shown == nil {
		name = "response.txt"
	}
	v.saving = true
	v.saveIn.Prompt = v.savePrompt()
	v.saveIn.SetValue(name)
	v.saveIn.CursorEnd()
	return v.saveIn.Focus()
}

// savePrompt names what the save-as input writes: the prompt follows
// bundling, also when a theme change rebuilds the input.
func (v *Viewer) savePrompt() string {
	if v.bundling {
		return "support bundle to: "
	}
	return "save body to: "
}

// openBundle asks where to write the support bundle. It works without a
// response too: a failed token request is a common reason to open a ticket.
// The name carries the request-id, which is what support will ask for.
func (v *Viewer) openBundle() tea.Cmd {
	if v.x == nil {
		return v.out.emit(statusMsg{Text: "send a request first"})
	}
	started := v.x.Trace.Started
	if started.IsZero() {
		started = time.Now()
	}
	id := started.UTC().Format("20060102-150405")
	if r := v.x.Response; r != nil && r.RequestID != "" && !strings.ContainsAny(r.RequestID, `/\ `) {
		id = r.RequestID
	}
	v.saving, v.bundling = true, true
	v.saveIn.Prompt = v.savePrompt()
	v.saveIn.SetValue("graphtui-support-" + id + ".txt")
	v.saveIn.CursorEnd()
	return v.saveIn.Focus()
}

func (v *Viewer) saveKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, v.keys.Submit) {
		path := strings.TrimSpace(v.saveIn.Value())
		if path == "" {
			return v.out.emit(statusMsg{Text: "type a file name to save to", Err: true})
		}
		// The input stays open until the file is written (savedMsg): a
		// name that is taken can then be changed instead of typed again.
		v.saveErr, v.saveWaiting = "", true
		if v.bundling {
			return v.out.emit(saveBundleMsg{Path: path})
		}
		return v.out.emit(saveBodyMsg{Path: path})
	}
	v.saveErr = "" // the name is being changed
	var cmd tea.Cmd
	v.saveIn, cmd = v.saveIn.Update(msg)
	return cmd
}
