package ui

import (
	"testing"

	"github.com/graphtui/graphtui/graph"
)

// BenchmarkTableFrame is one keypress (down) and the frame after it in the
// table view, at 120x50. As for the text, the work must not grow with the
// collection: a frame parses only the rows on screen.
func BenchmarkTableFrame(b *testing.B) {
	vwBySize(b, func(b *testing.B, x *Exchange) {
		x.table = newTableIndex(x.Response.Body, x.Request) // the command's work, once
		v := vwViewer(120, 50)
		vwShow(v, x)
		v.Update(keyPress("T"))
		if !v.showingTable() {
			b.Fatal("no table")
		}
		down, top := keyPress("down"), keyPress("g")
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if v.table.top+v.table.dataHeight() >= v.table.rows() {
				v.Update(top)
			}
			v.Update(down)
			_ = v.View()
		}
	})
}

// BenchmarkTableIndex is the command that indexes a 50 MB collection once
// per exchange, off the UI goroutine.
func BenchmarkTableIndex(b *testing.B) {
	body := vwUsersOfSize(50 << 20)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if newTableIndex(body, graph.Request{Path: "/users"}) == nil {
			b.Fatal("no index")
		}
	}
}
