package ui

import (
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/history"
)

// recallState is shell-like history in the path input: up goes to older
// requests, down to newer ones and finally back to what was being typed.
type recallState struct {
	entries []history.Entry // the profile's history, newest first
	pos     int             // index of the recalled entry; -1 is the draft
	draft   builderDraft
}

// builderDraft is what the user had typed before recalling, kept exactly
// (row order, header spelling) so that coming back loses nothing.
type builderDraft struct {
	path, version string
	params        []graph.QueryParam
	headers       []reqHeader
	eventual      bool
}

func (b *RequestBuilder) saveDraft() builderDraft {
	return builderDraft{
		path: b.path.Value(), version: b.version,
		params: slices.Clone(b.params), headers: slices.Clone(b.headers), eventual: b.eventual,
	}
}

func (b *RequestBuilder) restoreDraft(d builderDraft) {
	b.path.SetValue(d.path)
	b.path.CursorEnd()
	b.version, b.eventual = d.version, d.eventual
	b.params, b.headers = slices.Clone(d.params), slices.Clone(d.headers)
	b.clampRows()
}

func (b *RequestBuilder) recallOlder() {
	r := &b.recall
	next := r.pos + 1
	if r.pos == -1 {
		r.draft = b.saveDraft()
		// After a send the builder still shows that request, which is also
		// the newest entry: skip it, or the first up would seem to do nothing.
		shown := history.NewEntry(b.profile, b.Request(), time.Time{})
		for next < len(r.entries) && r.entries[next].SameRequest(shown) {
			next++
		}
	}
	if next >= len(r.entries) {
		return
	}
	r.pos = next
	b.loadRequest(r.entries[next].Request())
}

func (b *RequestBuilder) recallNewer() {
	r := &b.recall
	if r.pos == -1 {
		return
	}
	r.pos--
	if r.pos == -1 {
		b.restoreDraft(r.draft)
		return
	}
	b.loadRequest(r.entries[r.pos].Request())
}

// remember puts a request just sent at the top of the local history, so
// that up recalls it at once; the root's next SetHistory replaces the list
// with the stored one (which drops credentials).
func (b *RequestBuilder) remember(r graph.Request) {
	e := history.NewEntry(b.profile, r, time.Now())
	if len(b.recall.entries) > 0 && b.recall.entries[0].SameRequest(e) {
		b.recall.entries[0].Time = e.Time
		return
	}
	b.recall.entries = slices.Insert(b.recall.entries, 0, e)
	if len(b.recall.entries) > history.MaxPerProfile {
		b.recall.entries = b.recall.entries[:history.MaxPerProfile]
	}
}

// historyList is the browsable history (ctrl+r): typing filters it, enter
// loads the highlighted request into the builder.
type historyList struct {
	filter textinput.Model
	shown  []int // indexes into recall.entries that match the filter
	cursor int   // index into shown
	scroll int
	back   builderMode // the mode to return to on close
}

func (b *RequestBuilder) openList() tea.Cmd {
	b.list.back = b.mode
	b.path.Blur()
	b.mode = modeHistory
	b.list.filter.SetValue("")
	b.list.cursor, b.list.scroll = 0, 0
	b.applyListFilter()
	return b.list.filter.Focus()
}

func (b *RequestBuilder) closeList() tea.Cmd {
	b.list.filter.Blur()
	b.mode = b.list.back
	if b.mode == modePath {
		return b.path.Focus()
	}
	return nil
}

func (b *RequestBuilder) listKey(k tea.KeyPressMsg) tea.Cmd {
	keys := b.Keys
	switch {
	case key.Matches(k, keys.ListUp):
		b.moveList(-1)
		return nil
	case key.Matches(k, keys.ListDown):
		b.moveList(1)
		return nil
	case key.Matches(k, keys.Close):
		return b.closeList()
	case key.Matches(k, keys.Load):
		if len(b.list.shown) == 0 {
			return nil
		}
		e := b.recall.entries[b.list.shown[b.list.cursor]]
		b.SetRequest(e.Request())
		b.list.back = modePath
		return b.closeList()
	}
	var cmd tea.Cmd
	b.list.filter, cmd = b.list.filter.Update(k)
	b.applyListFilter()
	return cmd
}

func (b *RequestBuilder) moveList(delta int) {
	l := &b.list
	l.cursor = min(max(l.cursor+delta, 0), max(len(l.shown)-1, 0))
	b.scrollList()
}

// listHeight is the entries that fit under the list's title line.
func (b *RequestBuilder) listHeight() int { return max(b.height-1, 0) }

func (b *RequestBuilder) scrollList() {
	l, n := &b.list, b.listHeight()
	l.scroll = clamp(showing(l.scroll, l.cursor, n), 0, max(len(l.shown)-n, 0))
}

// applyListFilter keeps the entries whose text contains the filter,
// ignoring case.
func (b *RequestBuilder) applyListFilter() {
	l := &b.list
	want := strings.ToLower(strings.TrimSpace(l.filter.Value()))
	l.shown = l.shown[:0]
	for i, e := range b.recall.entries {
		if want == "" || strings.Contains(strings.ToLower(entryText(e)), want) {
			l.shown = append(l.shown, i)
		}
	}
	l.cursor = min(l.cursor, max(len(l.shown)-1, 0))
	b.scrollList()
}

// entryText is an entry on one line: a write's method, the path with its
// query options and the names of its headers.
func entryText(e history.Entry) string {
	var s strings.Builder
	if e.Method != "" {
		s.WriteString(e.MethodName() + " ")
	}
	s.WriteString(e.Path)
	sep := "?"
	if strings.Contains(e.Path, "?") {
		sep = "&"
	}
	for _, q := range e.Query {
		s.WriteString(sep + q.Key + "=" + q.Value)
		sep = "&"
	}
	for _, h := range e.Header {
		s.WriteString("  " + displayHeaderName(h.Name) + ": " + h.Value)
	}
	return s.String()
}
