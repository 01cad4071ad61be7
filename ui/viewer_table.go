package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// showingTable reports whether the Body tab draws the table: the user
// asked for it and the index of what is on screen is ready.
func (v *Viewer) showingTable() bool {
	if !v.tableWanted || v.table.idx == nil {
		return false
	}
	return v.x != nil && v.tableSeq == v.x.Seq || v.progress != nil && v.tableSeq == v.progress.Seq
}

// tableOnScreen: keys for the Body tab move the table.
func (v *Viewer) tableOnScreen() bool { return v.tab == tabBody && v.showingTable() }

// toggleTable switches the Body tab between text and table. The index is
// built once per exchange, in a command.
func (v *Viewer) toggleTable() tea.Cmd {
	if v.tableWanted {
		v.tableWanted, v.tableAsked = false, false
		return nil
	}
	if v.x == nil || v.x.Response == nil || len(v.x.Response.Body) == 0 {
		return v.out.emit(statusMsg{Text: "no response body to show as a table"})
	}
	cmd := v.showTab(tabBody)
	v.tableWanted = true
	if v.progress != nil && v.table.idx != nil && v.tableSeq == v.progress.Seq {
		return cmd // fetch-all's table, growing page by page
	}
	v.tableAsked = true
	return tea.Batch(cmd, v.tableFor(v.x, true))
}

// tableFor makes sure the table of x is built when the user wants tables:
// fetch-all brings its index along, anything else is indexed in a command.
func (v *Viewer) tableFor(x *Exchange, same bool) tea.Cmd {
	switch {
	case x.table != nil:
		v.table.setIndex(x.table, same && v.tableSeq == x.Seq)
		v.tableSeq, v.tablePending = x.Seq, false
		return nil
	case same && v.tableSeq == x.Seq && (v.table.idx != nil || v.tablePending):
		return nil // the same body: its index is built or on its way
	case !v.tableWanted || x.Response == nil || len(x.Response.Body) == 0:
		v.table.setIndex(nil, false)
		v.tableSeq, v.tablePending = 0, false
		return nil
	}
	v.table.setIndex(nil, false)
	v.tableSeq, v.tablePending = x.Seq, true
	return buildTableCmd(x.Seq, x.Response.Body, x.Request)
}

func (v *Viewer) applyTable(msg tableIndexMsg) tea.Cmd {
	if v.x == nil || msg.Seq != v.x.Seq || msg.Seq != v.tableSeq || !v.tablePending {
		return nil // for a body no longer shown
	}
	v.tablePending = false
	asked := v.tableAsked
	v.tableAsked = false
	if msg.Index == nil {
		if asked {
			v.tableWanted = false
			return v.out.emit(statusMsg{Text: `no table for this body: it has no "value" array of objects`})
		}
		return nil // text it is, until a collection comes
	}
	v.table.setIndex(msg.Index, false)
	return nil
}

// showStream shows the document fetch-all has merged so far: the body's
// lines and the table grow where the reader is.
func (v *Viewer) showStream(msg progressMsg) {
	first := v.progress == nil || v.progress.Seq != msg.Seq
	v.progress = &msg
	if msg.Merged != nil {
		if first {
			v.body.setSource(msg.Merged)
		} else {
			v.body.swapSource(msg.Merged)
		}
	}
	if msg.Table != nil {
		v.table.setIndex(msg.Table, !first && v.tableSeq == msg.Seq)
		v.tableSeq, v.tablePending = msg.Seq, false
	}
	v.status = string(appendFitted(nil, v.statusLine(), v.w))
}

// keepStream turns what fetch-all merged before it was cancelled into the
// exchange on screen, so esc keeps the pages that arrived, with their trace
// up to the attempt that was cut short, and A goes on from there.
func (v *Viewer) keepStream() tea.Cmd {
	p := v.progress
	v.progress = nil
	if p == nil || p.Body == nil || v.x == nil || v.x.Response == nil {
		return nil
	}
	x := *v.x
	resp := *v.x.Response
	// A copy: the fetch may still append to the shared array.
	resp.Body = append(append(make([]byte, 0, len(p.Body)+2), p.Body...), "]}"...)
	resp.NextLink = ""
	x.Response, x.Seq, x.Page, x.More = &resp, p.Seq, p.Pages, false
	x.Lines, x.Partial, x.rest, x.stopBody, x.Shown, x.table = nil, false, nil, nil, nil, nil
	if f := p.fetched; f != nil {
		kept := *f
		kept.body = resp.Body[:len(p.Body):len(p.Body)]
		x.fetched = &kept
		x.Trace.Events = f.events
		resp.NextLink, x.More = f.next, f.next != ""
		if f.url != "" {
			resp.URL = f.url
		}
	}
	if p.Merged != nil && p.Merged.Items() {
		x.Shown = p.Merged
	} // else the kept document shows as text
	if p.Table != nil {
		t := *p.Table
		t.body = resp.Body
		x.table = &t
	}
	x.Err = fmt.Errorf("fetch-all cancelled: showing the %d items of the %d pages that arrived", p.Items, p.Pages)
	v.progress = p // setExchange keeps the position for the same Seq
	return v.setExchange(&x)
}
