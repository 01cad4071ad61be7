package ui

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/render"
)

// BenchmarkFirstScreen is the time from a 10 or 20 MB response's bytes to its
// first screen: the backend highlights the top (the rest is left to its
// command), the viewer takes the exchange and draws a 120x50 frame.
func BenchmarkFirstScreen(b *testing.B) {
	for _, mb := range []int{10, 20} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			base := vwUsersExchange(b, 1, false)
			base.Lines = nil
			base.Response.Body = vwUsersOfSize(mb << 20)
			be := &Backend{Style: "monokai", Color: render.ColorTrue}
			v := vwViewer(120, 50)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				x := *base
				x.Seq = i + 1
				be.finish(&x, base.Response, nil)
				if !x.Partial {
					b.Fatalf("a %d MB body was highlighted whole before the first screen", mb)
				}
				v.Update(exchangeMsg{&x})
				_ = v.View()
			}
		})
	}
}

// BenchmarkRetainedMemory reports the heap an exchange on screen keeps per
// byte of body (the body itself counts 1): a large body after its rest is
// highlighted, and a fetch-all merge of 1 MB pages.
func BenchmarkRetainedMemory(b *testing.B) {
	for _, c := range []struct {
		name  string
		size  int
		pages bool
	}{{"body10MB", 10 << 20, false}, {"body50MB", 50 << 20, false}, {"fetchAll50MB", 50 << 20, true}} {
		b.Run(c.name, func(b *testing.B) {
			var per float64
			for b.Loop() {
				per = retainedPerByte(b, c.size, c.pages)
			}
			b.ReportMetric(per, "retained-B/body-B")
		})
	}
}

func retainedPerByte(b *testing.B, size int, pages bool) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := vwViewer(120, 50)
	if pages {
		vwShow(v, mergedExchange(b, size))
	} else {
		pump(v, vwShow(v, largeExchange(b, 1, size)), nil) // the top, then the rest
	}
	_ = v.View()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	body := len(v.Exchange().Response.Body)
	return float64(after.HeapAlloc-before.HeapAlloc) / float64(body)
}

// mergedExchange runs fetch-all's merging over 1 MB pages, as pages that
// arrive and are dropped once merged.
func mergedExchange(b *testing.B, size int) *Exchange {
	be := &Backend{Style: "monokai", Color: render.ColorTrue}
	first := vwUsersExchange(b, 1, false)
	acc := newFetchAccumulator(first.Request, be.palette())
	for acc.items == 0 || len(acc.body) < size {
		acc.add(vwUsersOfSize(1 << 20))
	}
	x := *first
	resp := *first.Response
	resp.Body = acc.close()
	x.Seq, x.Response, x.Lines, x.Shown, x.table = 2, &resp, nil, acc.lines, acc.tableIndex()
	return &x
}

// BenchmarkFetchAllPage is merging one more 1 MB page into fetch-all's
// document after 1 and after 49 pages: the page's items are highlighted,
// never the document, so both cost the same.
func BenchmarkFetchAllPage(b *testing.B) {
	page := vwUsersOfSize(1 << 20)
	be := &Backend{Style: "monokai", Color: render.ColorTrue}
	for _, before := range []int{1, 49} {
		b.Run(fmt.Sprintf("after%d", before), func(b *testing.B) {
			acc := newFetchAccumulator(graph.Request{Path: "/users"}, be.palette())
			for range before {
				acc.add(page)
			}
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				acc.add(page)
				_ = acc.progress(1)
			}
		})
	}
}
