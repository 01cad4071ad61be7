package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/tidwall/gjson"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// fetchAllTo runs A on x to its end and shows every message in v, as the
// root would; it returns the final exchange and the viewer's intents.
func fetchAllTo(t *testing.T, b *Backend, p profiles.Profile, v *Viewer, seq int, x *Exchange) (*Exchange, []tea.Msg) {
	t.Helper()
	var intents []tea.Msg
	msg := b.fetchAllRun(context.Background(), seq, p, x, nil)()
	cmd, in := v.Update(msg)
	pump(v, cmd, nil)
	for _, i := range in {
		intents = append(intents, i)
	}
	got, ok := msg.(exchangeMsg)
	if !ok {
		t.Fatalf("fetch-all ended with %T", msg)
	}
	return got.Exchange, intents
}

// A stops at the page limit and says so where it is seen, in the status
// bar and the viewer's status line; A again goes on from the next page,
// until the whole collection is merged once, in order.
func TestFetchAllSaysItStoppedAtTheLimitAndGoesOn(t *testing.T) {
	b, p := demoBackend(t, 500)
	v := vwViewer(118, 32)
	first := firstMsg(b.send(context.Background(), 1, p, usersTop100()), nil).(exchangeMsg).Exchange
	all, _ := fetchAllTo(t, b, p, vwViewer(118, 32), 1, first)
	total, pageCount := int(gjson.GetBytes(all.Response.Body, "value.#").Int()), all.Page
	if pageCount < 5 || pageCount > 6 {
		t.Fatalf("the demo's users come in %d pages of 100, want 5 or 6", pageCount)
	}
	b.MaxPages = 2 // stopped twice, then the rest
	vwShow(v, first)

	x, intents := fetchAllTo(t, b, p, v, 2, first)
	if !x.More || x.Page != 2 {
		t.Fatalf("after the limit: more=%v page %d, want more pages after page 2", x.More, x.Page)
	}
	st := msgsOf[statusMsg](intents)
	if len(st) != 1 || !strings.Contains(st[0].Text, "2-page limit") || !strings.Contains(st[0].Text, "press A") {
		t.Fatalf("the status bar is not told that fetch-all stopped at the limit: %#v", intents)
	}
	if got := vwView(t, v); !strings.Contains(got, "2-page limit · more: A goes on") || !strings.Contains(got, "A fetches") {
		t.Fatalf("the viewer does not say it stopped at the limit:\n%s", got)
	}

	x, _ = fetchAllTo(t, b, p, v, 3, x)
	if !x.More || x.Page != 4 || gjson.GetBytes(x.Response.Body, "value.#").Int() != 400 {
		t.Fatalf("A again: more=%v page %d, %d items; want pages 3 and 4 added", x.More, x.Page, gjson.GetBytes(x.Response.Body, "value.#").Int())
	}
	x, intents = fetchAllTo(t, b, p, v, 4, x)
	if x.More || x.Page != pageCount || len(msgsOf[statusMsg](intents)) != 0 {
		t.Fatalf("the last A: more=%v page %d, intents %#v", x.More, x.Page, intents)
	}
	if !json.Valid(x.Response.Body) {
		t.Fatal("the merged body is not valid JSON")
	}
	ids := map[string]bool{}
	for _, id := range gjson.GetBytes(x.Response.Body, "value.#.id").Array() {
		ids[id.String()] = true
	}
	if len(ids) != total || int(gjson.GetBytes(x.Response.Body, "value.#").Int()) != total {
		t.Fatalf("the merge holds %d distinct users, want all %d once", len(ids), total)
	}
	assertIndented(t, x.Shown, x.Response.Body)
	var pages []int
	for _, ev := range x.Trace.Events {
		if ev.Kind == graph.EventPage {
			pages = append(pages, ev.Page)
		}
	}
	if len(pages) != pageCount || pages[0] != 1 || pages[pageCount-1] != pageCount {
		t.Fatalf("the trace numbers the pages %v, want 1 to %d", pages, pageCount)
	}
	if got := vwView(t, v); !strings.Contains(got, fmt.Sprintf("%d pages · %d items", pageCount, total)) || strings.Contains(got, "limit") {
		t.Fatalf("the end of the merge:\n%s", got)
	}
}

// After A, curl and the support bundle name the request the user made,
// not the last page's $skiptoken URL.
func TestFetchAllCurlAndBundleUseTheFirstRequest(t *testing.T) {
	b, p := demoBackend(t, 500)
	v := vwViewer(118, 32)
	first := firstMsg(b.send(context.Background(), 1, p, usersTop100()), nil).(exchangeMsg).Exchange
	vwShow(v, first)
	x, _ := fetchAllTo(t, b, p, v, 2, first)
	want := first.Response.URL
	if strings.Contains(want, "skiptoken") {
		t.Fatalf("the first page's URL has a skiptoken: %s", want)
	}
	c := onlyMsg[copyMsg](t, pressKeys(v, "c"))
	if c.Text != graph.CurlCommand(want, first.Request.Header) {
		t.Fatalf("curl after A:\n%s\nwant the request %s", c.Text, want)
	}
	if in := b.BundleInput(p, &x.Exchange); in.Response == nil || in.Response.URL != want {
		t.Fatalf("the bundle names %v, want %s", in.Response, want)
	}
}

// esc during fetch-all keeps, in the trace, the attempt it cut short, and
// says that more pages exist: A goes on from the page that was cut.
func TestFetchAllCancelKeepsTheCutAttemptAndMore(t *testing.T) {
	b, p := demoBackend(t, 500)
	v := vwViewer(118, 32)
	first := firstMsg(b.send(context.Background(), 1, p, usersTop100()), nil).(exchangeMsg).Exchange
	vwShow(v, first)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// After page 2 the fetch reports the attempt for page 3 before it
	// sends it: esc there, as a user would while the page is on its way.
	seen := 0
	run := b.fetchAllRun(ctx, 2, p, first, func(m tea.Msg) {
		pm := m.(progressMsg)
		v.Update(pm)
		if pm.Pages == 2 {
			if seen++; seen == 2 {
				cancel()
				pump(v, noIntents(v.Update(cancelMsg{})), nil)
			}
		}
	})
	run() // its result is dropped, as the root drops a cancelled request's
	x := v.Exchange()
	if x.Seq != 2 || x.Page != 2 {
		t.Fatalf("kept seq %d page %d, want the 2 pages of the cancelled fetch", x.Seq, x.Page)
	}
	last := x.Trace.Events[len(x.Trace.Events)-1]
	if last.Kind != graph.EventAttempt || !strings.Contains(last.URL, "skiptoken") {
		t.Fatalf("the trace ends with %v, want the attempt at page 3 that esc cut short", last)
	}
	got := vwView(t, v)
	if !x.More || !strings.Contains(got, "2 pages · 200 items") || !strings.Contains(got, "more") || strings.Contains(got, "page 2 ·") {
		t.Fatalf("the header should count 2 pages and say more exist:\n%s", got)
	}
	x, _ = fetchAllTo(t, b, p, v, 3, x)
	if x.More || gjson.GetBytes(x.Response.Body, "value.#").Int() <= 400 {
		t.Fatalf("A after esc: more=%v, %d items, want the other pages added", x.More, gjson.GetBytes(x.Response.Body, "value.#").Int())
	}
}
