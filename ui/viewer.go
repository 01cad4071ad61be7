package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// viewerTab is one of the viewer's tabs.
type viewerTab int

const (
	tabBody viewerTab = iota
	tabHeaders
	tabToken
	tabTrace
	tabDiagnosis
	tabCount
)

var viewerTabNames = [tabCount]string{"Body", "Headers", "Token", "Trace", "Diagnosis"}

// Viewer is the response pane: the latest exchange's status, body,
// headers, token and trace.
type Viewer struct {
	c    *Common
	keys ViewerKeyMap
	out  outbox // intents of the Update under way
	w, h int

	x        *Exchange
	progress *progressMsg // fetch-all under way, newer than x
	tab      viewerTab
	body     *bodyView
	texts    [tabCount]textTab // Headers, Token and Trace rows (Body uses body)
	trail    pageTrail         // the pages ] fetched, for [ and ]

	// What the root is fetching ("" when idle) and the spinner's frame and
	// clock, set by SetLoading and LoadingTick (viewer_loading.go).
	loading, loadFrame   string
	loadStarted, loadNow time.Time
	lastLoad, cancelled  string // what esc stopped, said until the next answer

	// now drives the token countdown. It moves only on viewerTickMsg, which
	// ticks once a second while the Token tab is shown, so View stays pure.
	now     time.Time
	tickGen int

	// The Body tab's table view of a collection (T). tableWanted is the
	// user's choice and outlives exchanges; the index belongs to tableSeq.
	table        tableView
	tableWanted  bool
	tableAsked   bool // T was pressed and the index is being built
	tablePending bool
	tableSeq     int

	// hl is how far the background highlighting of a Partial body got.
	hl *bodyProgressMsg

	find      bodySearch
	searchIn  textinput.Model
	searching bool // the search input is open
	saveIn    textinput.Model
	saving    bool // the save-as input is open
	bundling  bool // the save-as input names a support bundle, not the body
	// saveWaiting: enter was pressed and the write is under way; saveErr
	// is why the last write failed, shown under the still open input.
	saveWaiting bool
	saveErr     string

	// Rendered once per exchange, width, or styles, not per frame.
	status  string           // the status line, fitted to the width
	tabRows [tabCount]string // the tab line with each tab active, fitted
	pmGen   int              // Presenter.Gen when the above were rendered
	frame   []byte           // View's buffer, reused from frame to frame
	dimOn   string
	dimOff  string
}

// NewViewer returns an empty viewer that hints how to send a request.
func NewViewer(c *Common) *Viewer {
	v := &Viewer{c: c, keys: DefaultViewerKeyMap(), body: newBodyView()}
	v.body.pm, v.table.pm = c.Presenter, c.Presenter
	v.searchIn = themedTextInput(c.Styles)
	v.searchIn.Prompt, v.searchIn.Placeholder = "/", "search the body"
	v.saveIn = themedTextInput(c.Styles)
	v.saveIn.Prompt = v.savePrompt()
	v.Restyle(c.Styles)
	return v
}

// Restyle renders again everything that holds colours: the body, the
// table, the status and tab lines, and the search and save-as inputs.
func (v *Viewer) Restyle(st *Styles) {
	v.body.restyle(st)
	v.table.restyle(st)
	v.dimOn, v.dimOff = styleCodes(st.Dim)
	v.searchIn.SetStyles(inputStyles(st))
	v.saveIn.SetStyles(inputStyles(st))
	v.SetSize(v.w, v.h)
}

// Exchange is the exchange on screen (nil before the first): the root
// pages and saves from it.
func (v *Viewer) Exchange() *Exchange { return v.x }

// SetSize gives the viewer its inner size (without border).
func (v *Viewer) SetSize(w, h int) {
	v.w, v.h = max(w, 0), max(h, 0)
	v.searchIn.SetWidth(max(v.w-3, 1))
	v.saveIn.SetWidth(max(v.w-len(v.saveIn.Prompt)-2, 1))
	v.rebuild()
}

// Focus needs nothing: the inputs take focus when they open.
func (v *Viewer) Focus() tea.Cmd { return nil }

// Blur closes the inputs: typed text is not worth keeping past a focus change.
func (v *Viewer) Blur() {
	v.closeInputs()
}

// Capturing is true while the search or save input has the keyboard.
func (v *Viewer) Capturing() bool { return v.searching || v.saving }

// contentHeight is the rows left for the tab content after the status
// line, the tab line and the footer.
func (v *Viewer) contentHeight() int { return max(v.h-3, 0) }

// Update reacts to exchanges, progress, search results, ticks and keys.
func (v *Viewer) Update(msg tea.Msg) (tea.Cmd, []Intent) {
	return v.out.done(v.update(msg))
}

func (v *Viewer) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case exchangeMsg:
		cmd := v.setExchange(msg.Exchange)
		if x := msg.Exchange; v.x == x && x.Err == nil && fetchedNote(x) != "" {
			// Stopping at the limit is not an error, but it must not pass
			// unnoticed: the document on screen is not the whole collection.
			v.out.emit(statusMsg{Text: fmt.Sprintf("stopped at the %d-page limit with %d items: press A to fetch the next %d pages", x.fetched.limit, x.fetched.items, x.fetched.limit)})
		}
		return cmd
	case progressMsg:
		if v.x == nil || msg.Seq > v.x.Seq {
			v.showStream(msg)
		}
		return nil
	case bodyProgressMsg:
		if v.x != nil && v.x.Partial && msg.Seq == v.x.Seq {
			v.hl = &msg
			v.status = string(appendFitted(nil, v.statusLine(), v.w))
		}
		return nil
	case cancelMsg:
		if v.progress == nil || v.progress.Body == nil {
			v.cancelled = v.lastLoad
			v.status = string(appendFitted(nil, v.statusLine(), v.w))
		}
		return v.keepStream() // esc during fetch-all keeps the pages that arrived
	case sendMsg, nextPageMsg, fetchAllMsg:
		v.progress = nil // superseded by a new request
		return nil
	case tableIndexMsg:
		return v.applyTable(msg)
	case searchProgressMsg:
		return v.searchProgress(msg)
	case searchResultMsg:
		v.applySearch(msg)
		return nil
	case viewerTickMsg:
		return v.tick(msg)
	case savedMsg:
		return v.saved(msg)
	case tea.KeyPressMsg:
		return v.handleKey(msg)
	}
	// Paste and cursor blinks belong to whichever input is open.
	var cmd tea.Cmd
	switch {
	case v.searching:
		v.searchIn, cmd = v.searchIn.Update(msg)
	case v.saving:
		v.saveIn, cmd = v.saveIn.Update(msg)
	}
	return cmd
}

// setExchange shows a newer exchange; older ones (a cancelled request's
// late answer) are dropped. The same Seq again is the same body further
// along (the rest of a Partial body, the end of fetch-all): it keeps the
// position on screen.
func (v *Viewer) setExchange(x *Exchange) tea.Cmd {
	if x == nil || v.x != nil && x.Seq < v.x.Seq {
		return nil
	}
	if x.Partial && v.x != nil && x.Seq == v.x.Seq && !v.x.Partial {
		return nil // the complete body overtook its top
	}
	if i := v.trail.index(x.Seq); i >= 0 && i != v.trail.at {
		v.trail.pages[i] = x // a kept page further along, not the one on screen
		return nil
	}
	v.trail.record(x)
	return v.show(x)
}

// show puts x on screen: a new exchange, or a page kept in the trail.
func (v *Viewer) show(x *Exchange) tea.Cmd {
	v.cancelled = ""
	same := v.x != nil && x.Seq == v.x.Seq || v.progress != nil && x.Seq == v.progress.Seq
	if v.x != nil && v.x != x && v.x.Seq != x.Seq && v.x.stopBody != nil {
		v.x.stopBody() // nobody will see the rest of that body
	}
	v.x = x
	v.hl = nil
	if v.progress != nil && x.Seq >= v.progress.Seq {
		v.progress = nil
	}
	if !x.Trace.Started.IsZero() {
		v.now = x.Trace.Started.Add(x.Trace.Total)
	}
	var src lineSource
	switch r := x.Response; {
	case x.Shown != nil:
		src = x.Shown
	case x.Lines != nil:
		src = x.Lines
	case r != nil && len(r.Body) > 0 && !looksBinary(r.Header.Get("Content-Type"), r.Body):
		src = newPlainLines(r.Body) // once per response, never per frame
	}
	if same {
		v.body.swapSource(src)
	} else {
		v.body.setSource(src)
	}
	if x.TokenErr != nil || x.Err != nil && x.Response == nil || x.Response != nil && x.Response.Error != nil {
		v.tab = tabBody // the explanation is in Body
	}
	if x.Diagnosis != nil || x.RolesDiff != nil {
		v.tab = tabDiagnosis // a failure opens the doctor's explanation by itself
	} else if v.tab == tabDiagnosis {
		v.tab = tabBody
	}
	if !same {
		for i := range v.texts {
			v.texts[i].top = 0
		}
	}
	v.keys.NextPage.SetEnabled(x.More || v.trail.kept(1) != nil)
	v.keys.PrevPage.SetEnabled(v.trail.kept(-1) != nil)
	v.rebuild()
	cmds := []tea.Cmd{v.tableFor(x, same)}
	if x.Partial {
		cmds = append(cmds, x.rest)
	}
	// A search carries over to the new page, and to the rest of a body.
	v.find.lines, v.find.cols, v.find.cur = nil, nil, 0
	v.body.matchLine = -1
	if v.find.query != "" && src != nil {
		cmds = append(cmds, v.startSearch(v.find.query))
	} else {
		v.stopSearch()
		v.find.query = ""
	}
	return tea.Batch(cmds...)
}

// rebuild refits everything that depends on the exchange or the width.
func (v *Viewer) rebuild() {
	st, w, ch := v.c.Styles, max(v.w, 1), v.contentHeight()
	v.status = string(appendFitted(nil, v.statusLine(), v.w))
	for t := range tabCount {
		v.tabRows[t] = string(appendFitted(nil, v.tabsLine(t), v.w))
	}
	pm := v.c.Presenter
	v.pmGen = pm.Gen()
	v.body.panel = bodyPanel(v.x, st, pm, w, v.body.src != nil)
	v.body.setSize(v.w, ch)
	v.table.setSize(v.w, ch)
	v.texts[tabHeaders].set(headersRows(v.x, st, pm, w), ch)
	v.texts[tabToken].set(tokenRows(v.x, v.now, st, pm, w), ch)
	v.texts[tabTrace].set(traceRows(v.x, st, pm, w), ch)
	v.texts[tabDiagnosis].set(diagnosisRows(v.x, st, pm, w), ch)
}

// viewerTickMsg moves the token countdown; gen ties it to one tick chain.
type viewerTickMsg struct {
	At  time.Time
	gen int
}

// showTab switches tabs; the Token tab starts a once-a-second tick for its
// countdown, and leaving it ends the chain (its gen goes stale).
func (v *Viewer) showTab(t viewerTab) tea.Cmd {
	if t == v.tab {
		return nil
	}
	v.tab = t
	v.tickGen++
	if t != tabToken {
		return nil
	}
	gen := v.tickGen
	return func() tea.Msg { return viewerTickMsg{At: time.Now(), gen: gen} }
}

func (v *Viewer) tick(msg viewerTickMsg) tea.Cmd {
	if msg.gen != v.tickGen || v.tab != tabToken {
		return nil
	}
	v.now = msg.At
	v.texts[tabToken].set(tokenRows(v.x, v.now, v.c.Styles, v.c.Presenter, max(v.w, 1)), v.contentHeight())
	gen := v.tickGen
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return viewerTickMsg{At: t, gen: gen} })
}
