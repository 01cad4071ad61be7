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
		sx := b.FetchAll(ctx, p, first.Request, b.MaxPages, session.SendOptions{}, func(r *graph.Response) error {
			acc.add(r.Body)
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
		// headers and request-id are the last page's.
		whole := *last
		whole.Body = acc.close()
		whole.NextLink = ""
		x := &Exchange{Seq: seq, Exchange: *sx}
		if acc.lines != nil && acc.lines.Items() {
			// Already highlighted page by page: not again.
			x.Response, x.Shown, x.table = &whole, acc.lines, acc.tableIndex()
		} else {
			b.finish(x, &whole, nil)
		}
		return exchangeMsg{x}
	}
}

// fetchAccumulator merges pages as they arrive: each page's items are
// appended to one growing document, their place in it is
// recorded for the table, and only the new items are highlighted. A page
// is dropped as soon as it is merged, so no page is held twice.
type fetchAccumulator struct {
	req   graph.Request
	pal   *render.Palette
	body  []byte // the document so far, without its closing "]}"
	rows  []itemSpan
	lines *mergedLines // nil once highlighting failed: the end falls back to finish
	cols  *tableIndex  // columns, chosen from the first page; nil: no table
	pages int
	items int
}

func newFetchAccumulator(r graph.Request, p *render.Palette) *fetchAccumulator {
	return &fetchAccumulator{req: r, pal: p}
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
	return progressMsg{
		Seq: seq, Pages: a.pages, Items: a.items, Bytes: len(a.body),
		Body: a.body[:len(a.body):len(a.body)], Merged: a.lines, Table: a.tableIndex(),
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
