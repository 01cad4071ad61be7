package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// bigViewer shows a users body of 5 MB, over the size where searches
// report progress.
func bigViewer(t *testing.T) *Viewer {
	t.Helper()
	x := vwUsersExchange(t, 1, false)
	x.Response.Body = vwUsersOfSize(5 << 20)
	x.Lines = vwHighlight(t, x.Response.Body)
	v := vwViewer(118, 32)
	vwShow(v, x)
	return v
}

// startTyped opens the search, types q and presses enter.
func startTyped(v *Viewer, q string) tea.Cmd {
	v.Update(keyPress("/"))
	typeKeys(v, q)
	return noIntents(v.Update(keyPress("enter")))
}

func TestSearchOfALargeBodyReportsProgress(t *testing.T) {
	v := bigViewer(t)
	cmd := startTyped(v, "lee.5000@")
	if got := vwView(t, v); !strings.Contains(got, `searching "lee.5000@"…`) {
		t.Fatalf("the footer does not say the search runs:\n%s", got)
	}
	// What the footer says between two reports.
	v.Update(searchProgressMsg{Seq: v.x.Seq, ID: v.find.id, Done: 1000, Total: 4000, Found: 3})
	if got := vwView(t, v); !strings.Contains(got, `searching "lee.5000@"… 25% · 3 so far · esc stops`) {
		t.Fatalf("progress not in the footer:\n%s", got)
	}
	var reports []searchProgressMsg
	pump(v, cmd, func(m tea.Msg) {
		if p, ok := m.(searchProgressMsg); ok {
			reports = append(reports, p)
		}
	})
	if len(reports) == 0 {
		t.Fatal("a search over 5 MB sent no progress")
	}
	for _, p := range reports {
		if p.Done <= 0 || p.Done > p.Total || p.Total != v.body.lines() {
			t.Fatalf("progress %d of %d lines, body has %d", p.Done, p.Total, v.body.lines())
		}
	}
	if v.find.pending || v.find.count() != 2 {
		t.Fatalf("the search ended with %d matches (pending %v), want 2", v.find.count(), v.find.pending)
	}
	if got := vwView(t, v); !strings.Contains(got, `match 1/2 "lee.5000@"`) {
		t.Fatalf("the result is not in the footer:\n%s", got)
	}
}

func TestSearchIsCancelledByEscOrANewSearch(t *testing.T) {
	v := bigViewer(t)
	first := startTyped(v, "contoso")
	v.Update(keyPress("esc"))
	if msgs := drain(first); len(msgsOf[searchResultMsg](msgs)) != 0 {
		t.Fatal("a search cancelled with esc still delivered a result")
	}
	if got := vwView(t, v); strings.Contains(got, "searching") {
		t.Fatalf("esc left the search in the footer:\n%s", got)
	}

	older := startTyped(v, "contoso")
	newer := v.startSearch("lee.5000@") // what enter does with an edited query
	if msgs := drain(older); len(msgsOf[searchResultMsg](msgs)) != 0 {
		t.Fatal("a search replaced by a newer one still delivered a result")
	}
	pump(v, newer, nil)
	if v.find.query != "lee.5000@" || v.find.count() != 2 {
		t.Fatalf("the newer search shows %q with %d matches", v.find.query, v.find.count())
	}
}
