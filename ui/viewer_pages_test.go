package ui

import (
	"context"
	"testing"

	"github.com/tidwall/gjson"
)

// [ goes back through the pages ] fetched, and ] forward again, without
// fetching a page twice.
func TestViewerPrevPageKeepsThePagesFetched(t *testing.T) {
	b, p := demoBackend(t, 500)
	v := vwViewer(118, 32)
	x := firstMsg(b.send(context.Background(), 1, p, usersTop100()), nil).(exchangeMsg).Exchange
	vwShow(v, x)
	firstID := func() string { return gjson.GetBytes(v.Exchange().Response.Body, "value.0.id").String() }
	var ids []string
	for seq := 2; seq <= 3; seq++ {
		ids = append(ids, firstID())
		if _, ok := onlyMsg[Intent](t, pressKeys(v, "]")).(nextPageMsg); !ok {
			t.Fatal("] on a page with more asks for no next page")
		}
		pump(v, b.next(context.Background(), seq, p, v.Exchange()), nil) // as the root does
	}
	ids = append(ids, firstID())
	if v.Exchange().Page != 3 || ids[0] == ids[1] || ids[1] == ids[2] {
		t.Fatalf("after ] ]: page %d, first ids %v", v.Exchange().Page, ids)
	}
	for want := 2; want >= 1; want-- {
		if msgs := pressKeys(v, "["); len(msgs) != 0 {
			t.Fatalf("[ asked the root for %#v; the page is kept", msgs)
		}
		if got := v.Exchange(); got.Page != want || firstID() != ids[want-1] {
			t.Fatalf("[ shows page %d (first id %s), want page %d (%s)", got.Page, firstID(), want, ids[want-1])
		}
	}
	if st := onlyMsg[statusMsg](t, pressKeys(v, "[")); st.Text == "" || v.Exchange().Page != 1 {
		t.Fatal("[ on the first page should say there is none before")
	}
	if msgs := pressKeys(v, "]"); len(msgs) != 0 || v.Exchange().Page != 2 || firstID() != ids[1] {
		t.Fatalf("] to a kept page fetched it again (%#v) or shows page %d", msgs, v.Exchange().Page)
	}
}
