package ui

import (
	"bytes"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/render"
)

// largeExchange is a users page of about size bytes, highlighted the way
// the backend does it: a large one only at its top.
func largeExchange(t testing.TB, seq, size int) *Exchange {
	x := vwUsersExchange(t, 1, false)
	x.Seq = seq
	x.Lines = nil
	x.Response.Body = vwUsersOfSize(size)
	b := &Backend{Style: "monokai", Color: render.ColorTrue}
	b.finish(x, x.Response, nil)
	return x
}

func TestLargeBodyArrivesTopFirstThenWhole(t *testing.T) {
	x := largeExchange(t, 1, 3<<20)
	if !x.Partial || x.Lines != nil || x.Shown == nil || x.Shown.Len() < topLines {
		t.Fatalf("a 3 MB body should arrive with only its top: partial=%v shown=%v", x.Partial, x.Shown)
	}
	whole := vwHighlight(t, x.Response.Body)
	for i := range x.Shown.Len() {
		if !bytes.Equal(x.Shown.Line(i), whole.Line(i)) {
			t.Fatalf("top line %d differs from the whole body's:\n got %q\nwant %q", i, x.Shown.Line(i), whole.Line(i))
		}
	}

	v := vwViewer(118, 32)
	rest := vwShow(v, x)
	if got := vwView(t, v); !strings.Contains(got, "highlighting… 0.0 MB of 3.0 MB") || !strings.Contains(got, `"displayName": "Adele 0"`) {
		t.Fatalf("the top should be on screen with the highlighting progress:\n%s", got)
	}
	v.Update(bodyProgressMsg{Seq: 1, Done: 1 << 20, Total: len(x.Response.Body)})
	if got := vwView(t, v); !strings.Contains(got, "highlighting… 1.0 MB of 3.0 MB") {
		t.Fatalf("progress not shown:\n%s", got)
	}
	// Scrolling stops at what is ready.
	v.Update(keyPress("G"))
	if last := v.body.firstLine() + v.body.h - 1; last != x.Shown.Len() {
		t.Fatalf("G shows up to line %d, want the last ready line %d", last, x.Shown.Len())
	}
	// A search waits for the whole body.
	v.Update(keyPress("/"))
	typeKeys(v, "lee.5000@contoso")
	if cmd := noIntents(v.Update(keyPress("enter"))); cmd != nil {
		if _, ok := cmd().(searchResultMsg); ok {
			t.Fatal("the search ran over the top only")
		}
	}
	if got := vwView(t, v); !strings.Contains(got, "waits for the highlighting") {
		t.Fatalf("the footer does not say the search waits:\n%s", got)
	}

	var completes int
	pump(v, rest, func(m tea.Msg) {
		if _, ok := m.(exchangeMsg); ok {
			completes++
		}
	})
	y := v.Exchange()
	if completes != 1 || y.Seq != 1 || y.Partial || y.Lines == nil || y.Lines.Len() != whole.Len() {
		t.Fatalf("after the rest: %d complete exchanges, seq %d, partial %v, lines %v", completes, y.Seq, y.Partial, y.Lines)
	}
	if v.find.count() != 2 || v.find.waiting {
		t.Fatalf("the waiting search found %d matches (waiting %v), want 2 (user 5000's UPN and mail)", v.find.count(), v.find.waiting)
	}
	if got := vwView(t, v); strings.Contains(got, "highlighting") || !strings.Contains(got, "match 1/2") || !strings.Contains(got, "lee.5000@contoso.com") {
		t.Fatalf("after the rest the screen should show the match, not the progress:\n%s", got)
	}
}

func TestRestOfAnOldBodyIsDropped(t *testing.T) {
	x := largeExchange(t, 1, 3<<20)
	v := vwViewer(54, 12)
	rest := vwShow(v, x)
	v.Update(keyPress("pgdown"))
	newer := vwUsersExchange(t, 2, false)
	newer.Seq = 2
	vwShow(v, newer)
	var late []tea.Msg
	pump(v, rest, func(m tea.Msg) { late = append(late, m) })
	if len(late) != 0 {
		t.Fatalf("the rest of a body no longer shown still ran: %T", late[0])
	}
	// Whatever arrives late for an older Seq leaves the newer one alone.
	old := *x
	old.Partial, old.Shown, old.Lines = false, nil, vwHighlight(t, x.Response.Body)
	vwShow(v, &old)
	if v.Exchange() != newer {
		t.Fatal("a stale complete body replaced a newer exchange")
	}
	// And a top that arrives after its complete body is ignored.
	vwShow(v, x)
	if v.Exchange() != newer {
		t.Fatal("a stale top replaced a newer exchange")
	}
}

func TestCompleteBodyKeepsThePlaceAndIgnoresItsLateTop(t *testing.T) {
	x := largeExchange(t, 1, 3<<20)
	v := vwViewer(54, 12)
	rest := vwShow(v, x)
	v.Update(keyPress("pgdown"))
	v.Update(keyPress("pgdown"))
	at := v.body.firstLine()
	pump(v, rest, nil)
	if v.Exchange().Partial || v.body.firstLine() != at {
		t.Fatalf("the complete body moved the reader from line %d to %d", at, v.body.firstLine())
	}
	complete := v.Exchange()
	vwShow(v, x)
	if v.Exchange() != complete {
		t.Fatal("the top replaced the complete body of the same request")
	}
}

func TestSmallBodyIsHighlightedWhole(t *testing.T) {
	x := largeExchange(t, 1, 512<<10)
	if x.Partial || x.Lines == nil || x.rest != nil {
		t.Fatalf("a 512 KB body should be highlighted in one go: partial=%v", x.Partial)
	}
}
