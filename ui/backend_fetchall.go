package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/tidwall/gjson"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/render"
	"github.com/graphtui/graphtui/session"
)

// streamMsg carries one message from a long-running command and the
// channel to wait on for the next one.
type streamMsg struct {
	Msg tea.Msg
	ch  <-chan tea.Msg
}

func waitStream(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return streamMsg{Msg: msg, ch: ch}
	}
}

// latestOnly sends m without blocking, replacing a message the UI has not
// taken yet: every progressMsg is a whole snapshot, so only the newest
// matters. It needs a channel with room for one and a single sender.
func latestOnly(ch chan tea.Msg) func(tea.Msg) {
	return func(m tea.Msg) {
		select {
		case ch <- m:
		default:
			select {
			case <-ch:
			default:
			}
			ch <- m
		}
	}
}

// fetchAll follows every nextLink from the first page of a request,
// streaming a progressMsg per page (pages, items, and the document so far
// for the viewer) and ending with one exchangeMsg that holds the merged
// document.
func (b *Backend) fetchAll(ctx context.Context, seq int, p profiles.Profile, first *Exchange) tea.Cmd {
	ch := make(chan tea.Msg, 1)
	run := b.fetchAllRun(ctx, seq, p, first, latestOnly(ch))
	return tea.Batch(func() tea.Msg {
		final := run()
		// The last progress may still wait in ch; the result replaces it,
		// and waitStream is always waiting for this one.
		latestOnly(ch)(final)
		close(ch)
		return nil
	}, waitStream(ch))
}

func (b *Backend) fetchAllRun(ctx context.Context, seq int, p profiles.Profile, first *Exchange, send func(tea.Msg)) func() tea.Msg {
	return func() tea.Msg {
		acc := newFetchAccumulator(first.Request, b.palette())
		acc.limit = b.MaxPages
		if acc.limit <= 0 {
			acc.limit = graph.DefaultMaxPages
		}
		req := first.Request
		if f := first.fetched; f != nil && f.next != "" {
			// A on a merge that stopped early goes on from where it stopped.
			acc.resume(f)
			req = graph.Request{Path: f.next, Version: first.Request.Version, Header: first.Request.Header}
		}
		base := acc.pages
		o := session.SendOptions{Events: func(ev graph.Event) {
			if ev.Page > 0 {
				ev.Page += base // pages count on from the merge being continued
			}
			acc.events = append(acc.events, ev)
			if ev.Kind == graph.EventAttempt && acc.pages > 0 && send != nil {
				send(acc.progress(seq)) // esc now keeps this attempt in the trace
			}
		}}
		sx := b.FetchAll(ctx, p, req, acc.limit, o, func(r *graph.Response) error {
			if acc.url == "" {
				acc.url = r.URL
			}
			acc.add(r.Body)
			acc.next = r.NextLink
			if send != nil {
				send(acc.progress(seq))
			}
			return nil
		})
		last := sx.Response
		if last == nil || last.Error != nil {
			return b.shown(seq, sx)
		}
		// The merged document stands in for the last page's body; status,
		// headers and request-id are the last page's, the URL the first
		// page's: the request the user made, for curl and the bundle.
		whole := *last
		whole.Body = acc.close()
		whole.URL = acc.url
		x := &Exchange{Seq: seq, Exchange: *sx}
		x.Trace.Events, x.Page, x.More = acc.events, acc.pages, acc.next != ""
		x.fetched = acc.kept(whole.Body)
		if acc.lines != nil && acc.lines.Items() {
			// Already highlighted page by page: not again.
			x.Response, x.Shown, x.table = &whole, acc.lines, acc.tableIndex()
		} else {
			b.finish(x, &whole, nil)
		}
		x.More = acc.next != "" // finish reads the last page's nextLink too
		return exchangeMsg{x}
	}
}

// fetchedPages is a fetch-all merge kept with the exchange that shows it:
// what it holds and where it stopped, so that A goes on from there.
type fetchedPages struct {
	body   []byte // the document so far, without its closing "]}"
	rows   []itemSpan
	lines  *mergedLines // nil once highlighting failed: the end falls back to finish
	cols   *tableIndex  // columns, chosen from the first page; nil: no table
	pages  int
	items  int
	url    string        // the first page's URL: the request the user made
	next   string        // the nextLink to go on from; "" after the last page
	events []graph.Event // the trace of every page so far
	limit  int           // the most pages one A fetches
}

// fetchAccumulator merges pages as they arrive: each page's items are
// appended to one growing document, their place in it is
// recorded for the table, and only the new items are highlighted. A page
// is dropped as soon as it is merged, so no page is held twice.
type fetchAccumulator struct {
	req graph.Request
	pal *render.Palette
	fetchedPages
}

func newFetchAccumulator(r graph.Request, p *render.Palette) *fetchAccumulator {
	return &fetchAccumulator{req: r, pal: p}
}

// resume starts from a kept merge. Its slices are capped, so appending
// copies them once and never writes into the document on screen.
func (a *fetchAccumulator) resume(f *fetchedPages) {
	limit := a.limit
	a.fetchedPages = *f
	a.limit = limit
}

// kept is the merge to keep with the final exchange; body is the closed
// document, which it shares.
func (a *fetchAccumulator) kept(body []byte) *fetchedPages {
	f := a.fetchedPages
	if n := len(body) - len("]}"); n >= 0 {
		f.body = body[:n:n]
	}
	f.rows = f.rows[:len(f.rows):len(f.rows)]
	f.events = f.events[:len(f.events):len(f.events)]
	return &f
}

// add merges one page body.
func (a *fetchAccumulator) add(page []byte) {
	a.pages++
	if a.pages == 1 {
		ctx := gjson.Get(unsafeString(page), `@odata\.context`)
		a.body = append(a.body, '{')
		if ctx.Exists() {
			a.body = append(append(append(a.body, `"@odata.context":`...), ctx.Raw...), ',')
		}
		a.body = append(a.body, `"value":[`...)
		a.lines, _ = newMergedLines(ctx.Raw, a.pal)
	}
	from := len(a.body)
	if a.items > 0 {
		from++ // the page's text starts after the comma that joins it on
	}
	gjson.Get(unsafeString(page), "value").ForEach(func(_, item gjson.Result) bool {
		if a.items > 0 {
			a.body = append(a.body, ',')
		}
		a.items++
		// Items go in as sent: Graph's are compact, and the highlighter
		// lays out any other spacing the way json.Indent does.
		start := len(a.body)
		a.body = append(a.body, item.Raw...)
		a.rows = append(a.rows, itemSpan{uint32(start), uint32(len(a.body))})
		return true
	})
	if a.lines != nil && len(a.body) > from {
		var err error
		if a.lines, err = a.lines.appendPage(a.body[from:], a.pal); err != nil {
			a.lines = nil
		}
	}
	if a.cols == nil && len(a.rows) > 0 {
		a.cols = &tableIndex{body: a.body, rows: a.rows[:min(len(a.rows), sampleRows)]}
		if strings.HasPrefix(a.cols.row(0), "{") {
			a.cols.setColumns(selectedFields(a.req))
		} else {
			a.cols.cols = nil // items that are not objects make no table
		}
		a.cols.body, a.cols.rows = nil, nil // only the columns are kept
	}
}

// tableIndex is the table over the items so far; nil when there is none.
// It shares the rows and the body, read up to their current length only.
func (a *fetchAccumulator) tableIndex() *tableIndex {
	if a.cols == nil || len(a.cols.cols) == 0 {
		return nil
	}
	return &tableIndex{body: a.body[:len(a.body):len(a.body)], rows: a.rows[:len(a.rows):len(a.rows)], cols: a.cols.cols, byKey: a.cols.byKey}
}

// progress is a snapshot for the viewer. The slices it holds are never
// written again: later pages are appended past their length.
func (a *fetchAccumulator) progress(seq int) progressMsg {
	f := a.fetchedPages
	f.body = a.body[:len(a.body):len(a.body)]
	f.rows = a.rows[:len(a.rows):len(a.rows)]
	f.events = a.events[:len(a.events):len(a.events)]
	return progressMsg{
		Seq: seq, Pages: a.pages, Items: a.items, Bytes: len(a.body),
		Body: f.body, Merged: a.lines, Table: a.tableIndex(), fetched: &f,
	}
}

// close ends the document and trims what growing it left spare.
func (a *fetchAccumulator) close() []byte {
	if a.pages == 0 {
		return nil
	}
	a.body = append(a.body, "]}"...)
	if cap(a.body) > len(a.body)+len(a.body)/8 {
		a.body = append(make([]byte, 0, len(a.body)), a.body...)
	}
	return a.body
}
