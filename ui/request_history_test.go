package ui

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/profiles"
)

var rbTime = time.Date(2025, 3, 14, 14, 10, 0, 0, time.Local)

// rbWithHistory is an 80x8 builder with rbHistory's entries.
func rbWithHistory() *RequestBuilder {
	b := rbBuilder(80, 8)
	b.SetHistory(rbHistory())
	return b
}

// rbHistory is a profile's history, newest first.
func rbHistory() []history.Entry {
	mk := func(min int, r graph.Request) history.Entry {
		return history.NewEntry("contoso-reader", r, rbTime.Add(time.Duration(-min)*time.Minute))
	}
	return []history.Entry{
		mk(1, graph.Request{Version: "v1.0", Path: "/groups", Query: []graph.QueryParam{{Key: "$top", Value: "3"}}}),
		mk(5, graph.Request{Version: "beta", Path: "/users", Query: []graph.QueryParam{{Key: "$count", Value: "true"}},
			Header: http.Header{"Consistencylevel": {"eventual"}}}),
		mk(30, graph.Request{Version: "v1.0", Path: "/organization"}),
	}
}

func TestRequestHistoryRecallLikeAShell(t *testing.T) {
	b := rbWithHistory()
	typeKeys(b, "/me")
	pressKeys(b, "ctrl+o", "a")
	typeKeys(b, "$select=id")
	pressKeys(b, "enter", "esc")

	pressKeys(b, "up")
	if r := b.Request(); r.Path != "/groups" || fmt.Sprint(r.Query) != "[{$top 3}]" {
		t.Fatalf("first up: %+v", r)
	}
	pressKeys(b, "up")
	if r := b.Request(); r.Path != "/users" || r.Version != "beta" || !b.eventual {
		t.Fatalf("second up: %+v eventual=%v", r, b.eventual)
	}
	pressKeys(b, "up", "up", "up") // past the oldest: stays there
	if b.Request().Path != "/organization" {
		t.Fatalf("past the oldest: %q", b.Request().Path)
	}
	pressKeys(b, "down", "down")
	if b.Request().Path != "/groups" {
		t.Fatalf("down twice: %q", b.Request().Path)
	}
	pressKeys(b, "down")
	r := b.Request()
	if r.Path != "/me" || r.Version != "v1.0" || fmt.Sprint(r.Query) != "[{$select id}]" || b.eventual {
		t.Fatalf("down to the draft: %+v eventual=%v, want /me with $select=id restored", r, b.eventual)
	}
	pressKeys(b, "down")
	if b.Request().Path != "/me" {
		t.Errorf("down at the draft changed it: %q", b.Request().Path)
	}
}

func TestRequestHistoryRecallAfterSend(t *testing.T) {
	b := rbWithHistory()
	typeKeys(b, "/me")
	onlyMsg[sendMsg](t, pressKeys(b, "enter"))
	// The builder still shows /me, the newest entry now: up goes past it.
	pressKeys(b, "up")
	if got := b.Request().Path; got != "/groups" {
		t.Errorf("first up after sending /me shows %q, want /groups", got)
	}
	pressKeys(b, "down")
	if got := b.Request().Path; got != "/me" {
		t.Errorf("down shows %q, want /me", got)
	}
	// Sending the same request twice keeps one entry.
	pressKeys(b, "enter")
	pressKeys(b, "enter")
	if n := len(b.recall.entries); n != 4 {
		t.Errorf("%d entries after sending /me twice, want 4", n)
	}
}

func TestRequestHistoryListLoadsAnEntry(t *testing.T) {
	b := rbWithHistory()
	typeKeys(b, "/draft")
	pressKeys(b, "ctrl+r")
	if b.mode != modeHistory || !b.Capturing() {
		t.Fatalf("ctrl+r: mode %v capturing %v", b.mode, b.Capturing())
	}
	typeKeys(b, "USERS") // the filter ignores case
	if len(b.list.shown) != 1 {
		t.Fatalf("filter matched %d entries, want 1", len(b.list.shown))
	}
	pressKeys(b, "enter")
	r := b.Request()
	if b.mode != modePath || r.Path != "/users" || r.Version != "beta" || r.Header.Get("ConsistencyLevel") != "eventual" {
		t.Errorf("after loading: mode %v request %+v", b.mode, r)
	}

	// esc closes the list and leaves the builder as it was.
	pressKeys(b, "ctrl+r", "down", "esc")
	if b.mode != modePath || b.Request().Path != "/users" {
		t.Errorf("esc: mode %v path %q", b.mode, b.Request().Path)
	}
	// H opens it from the rows area, where letters are commands.
	pressKeys(b, "ctrl+o", "H")
	if b.mode != modeHistory {
		t.Errorf("H in the rows area: mode %v", b.mode)
	}
	pressKeys(b, "down", "down", "enter")
	if b.Request().Path != "/organization" {
		t.Errorf("third entry loaded %q", b.Request().Path)
	}
}

func TestRequestProfileSwitchForgetsRecall(t *testing.T) {
	b := rbWithHistory()
	pressKeys(b, "up")
	b.SetProfile(profiles.Profile{Name: "fabrikam"})
	b.SetHistory(nil)
	pressKeys(b, "up")
	if b.recall.pos != -1 {
		t.Errorf("recall position %d survived a profile switch", b.recall.pos)
	}
	pressKeys(b, "ctrl+r")
	b.SetHistory(rbHistory())
	b.SetProfile(profiles.Profile{Name: "northwind"}) // while the list is open
	if view := rbView(t, b); !strings.Contains(view, "no requests sent with this profile yet") {
		t.Errorf("empty history list:\n%s", view)
	}
}
