package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/tidwall/gjson"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/render"
	"github.com/graphtui/graphtui/session"
)

// demoBackend is a backend and the reader profile of a demo tenant with
// users generated users.
func demoBackend(t *testing.T, users int, tune ...func(*graph.Client)) (*Backend, profiles.Profile) {
	t.Helper()
	_, path := demotest.Start(t, demo.Options{Users: users})
	cfg, err := profiles.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := cfg.Get(demo.ProfileReader)
	if !ok {
		t.Fatalf("no %s profile in the demo config", demo.ProfileReader)
	}
	noEnv := func(string) (string, bool) { return "", false }
	b := &Backend{
		Session: testSession(t, session.Options{
			Config: path, LookupEnv: noEnv, Version: "test",
			Auth: auth.NewManager(auth.Options{Secrets: profiles.Secrets{LookupEnv: noEnv}}),
			TuneClient: func(c *graph.Client) {
				for _, f := range tune {
					f(c)
				}
			},
		}),
		MaxPages: graph.DefaultMaxPages, Style: "monokai", Color: render.ColorTrue,
	}
	return b, p
}

func usersTop100() graph.Request {
	return graph.Request{Path: "/users", Query: []graph.QueryParam{{Key: "$top", Value: "100"}, {Key: "$select", Value: "displayName,id"}}}
}

// The viewer shows fetch-all's pages as they arrive, in the text and in
// the table, with counts that only grow, and ends with every user.
func TestFetchAllStreamsPagesToTheViewer(t *testing.T) {
	b, p := demoBackend(t, 500)
	v := vwViewer(118, 32)
	first := firstMsg(b.send(context.Background(), 1, p, usersTop100()), nil).(exchangeMsg)
	if first.Exchange.Response == nil || !first.Exchange.More {
		t.Fatalf("the first page has no next page: %+v", first.Exchange)
	}
	vwShow(v, first.Exchange)
	pump(v, noIntents(v.Update(keyPress("T"))), nil)
	if !v.showingTable() {
		t.Fatal("T does not show the first page as a table")
	}

	var items, rows []int
	var screens []string
	pump(v, b.fetchAll(context.Background(), 2, p, first.Exchange), func(m tea.Msg) {
		if pm, ok := m.(progressMsg); ok {
			items = append(items, pm.Items)
			rows = append(rows, v.table.rows())
			screens = append(screens, vwView(t, v))
		}
	})
	t.Logf("items on screen after each page: %v", items)
	if len(items) < 2 {
		t.Fatalf("the viewer saw %d pages stream in, want them to grow page by page", len(items))
	}
	for i := range items {
		if i > 0 && items[i] < items[i-1] {
			t.Fatalf("item counts went down: %v", items)
		}
		if rows[i] != items[i] {
			t.Fatalf("after a page the table has %d rows, want the %d items so far", rows[i], items[i])
		}
		if !strings.Contains(screens[i], fmt.Sprintf("%d items", items[i])) || !strings.Contains(screens[i], "pages so far") {
			t.Fatalf("the screen does not show the progress of %d items:\n%s", items[i], screens[i])
		}
	}
	x := v.Exchange()
	want := int(gjson.GetBytes(x.Response.Body, "value.#").Int())
	if want < 500 || v.table.rows() != want || x.More || x.Seq != 2 {
		t.Fatalf("at the end: %d table rows, %d items in the body, more=%v, seq %d", v.table.rows(), want, x.More, x.Seq)
	}
	if !json.Valid(x.Response.Body) {
		t.Fatal("the merged body is not valid JSON")
	}
	if got := vwView(t, v); !strings.Contains(got, fmt.Sprintf("/%d", want)) || strings.Contains(got, "fetching") {
		t.Fatalf("the final screen should count every row and no progress:\n%s", got)
	}
	// The text is the merged document exactly as json.Indent lays it out.
	assertIndented(t, x.Shown, x.Response.Body)
}

// assertIndented checks that src, colours stripped, is json.Indent(body).
func assertIndented(t *testing.T, src lineSource, body []byte) {
	t.Helper()
	var want bytes.Buffer
	if err := json.Indent(&want, body, "", "  "); err != nil {
		t.Fatal(err)
	}
	var got []byte
	for i := range src.Len() {
		got = append(src.AppendPlain(got, i), '\n')
	}
	if w := append(want.Bytes(), '\n'); !bytes.Equal(got, w) {
		n := 0
		for n < min(len(got), len(w)) && got[n] == w[n] {
			n++
		}
		t.Fatalf("the lines differ from json.Indent at byte %d:\n got %q\nwant %q", n, got[max(n-80, 0):min(n+80, len(got))], w[max(n-80, 0):min(n+80, len(w))])
	}
}

// holdPage makes the Graph request for page n wait until it is cancelled,
// so a test sees the pages before it whatever the scheduler does.
func holdPage(n int) func(*graph.Client) {
	return func(c *graph.Client) {
		next := c.HTTP.Transport
		var sent atomic.Int32
		c.HTTP = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if sent.Add(1) == int32(n) {
				<-r.Context().Done()
				return nil, r.Context().Err()
			}
			return next.RoundTrip(r)
		})}
	}
}

// esc during fetch-all stops it at once and keeps the pages that arrived.
func TestFetchAllCancelKeepsWhatArrived(t *testing.T) {
	b, p := demoBackend(t, 500, holdPage(3))
	v := vwViewer(118, 32)
	first := firstMsg(b.send(context.Background(), 1, p, usersTop100()), nil).(exchangeMsg)
	vwShow(v, first.Exchange)

	ctx, cancel := context.WithCancel(context.Background())
	var kept int
	// After esc the root drops what the cancelled fetch still sends.
	dropLate := func(m tea.Msg) bool { _, late := m.(exchangeMsg); return late && kept > 0 }
	pumpDropping(v, b.fetchAll(ctx, 2, p, first.Exchange), dropLate, func(m tea.Msg) {
		pm, ok := m.(progressMsg)
		if !ok || pm.Pages != 2 || kept > 0 { // page 3's attempt reports 2 pages too
			return
		}
		if cmd, intents := v.Update(keyPress("T")); cmd != nil || intents != nil || !v.showingTable() || v.table.rows() != pm.Items {
			t.Fatalf("T during fetch-all should show the %d items so far at once, shows %d", pm.Items, v.table.rows())
		}
		cancel() // as the root does on esc, which then tells the panes
		v.Update(cancelMsg{})
		kept = pm.Items
	})
	if kept == 0 {
		t.Fatal("the second page never arrived")
	}
	x := v.Exchange()
	if x.Seq != 2 || x.Err == nil || !strings.Contains(x.Err.Error(), "cancelled") {
		t.Fatalf("the kept exchange: seq %d, err %v", x.Seq, x.Err)
	}
	if n := gjson.GetBytes(x.Response.Body, "value.#").Int(); int(n) != kept || !json.Valid(x.Response.Body) {
		t.Fatalf("kept %d items in a body (valid %v), want the %d that arrived", n, json.Valid(x.Response.Body), kept)
	}
	assertIndented(t, x.Shown, x.Response.Body)
	if !v.showingTable() || v.table.rows() != kept {
		t.Fatalf("after esc the table shows %d rows, want the %d kept", v.table.rows(), kept)
	}
	v.Update(keyPress("T"))
	got := vwView(t, v)
	if !strings.Contains(got, "fetch-all cancelled") || strings.Contains(got, "fetching all pages") {
		t.Fatalf("the screen should say fetch-all was cancelled and show no progress:\n%s", got)
	}
}
