package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestRootShowsTheTopThenTheWholeLargeBody(t *testing.T) {
	m := newRootForTest(t, 160, 48)
	_, _ = m.startInflight("GET /users")
	x := largeExchange(t, m.seq, 3<<20)
	rest := m.route(exchangeMsg{Exchange: x})
	if m.inflight != "" {
		t.Fatal("the spinner still runs once the top is on screen")
	}
	if s := ansi.Strip(m.render()); !strings.Contains(s, "highlighting… 0.0 MB of 3.0 MB") {
		t.Fatalf("the top should show with the progress:\n%s", s)
	}
	pumpRoot(m, rest)
	if y := m.viewer.Exchange(); y.Partial || y.Lines == nil || y.Seq != x.Seq {
		t.Fatalf("the root did not pass the whole body on: partial %v", y.Partial)
	}
	if s := ansi.Strip(m.render()); strings.Contains(s, "highlighting") {
		t.Fatalf("the progress stays after the whole body arrived:\n%s", s)
	}
}

func TestRootDropsTheRestOfAnAbandonedBody(t *testing.T) {
	m := newRootForTest(t, 160, 48)
	_, _ = m.startInflight("GET /users")
	x := largeExchange(t, m.seq, 3<<20)
	rest := m.route(exchangeMsg{Exchange: x})
	_, _ = m.startInflight("GET /groups") // a new request: the body's Seq is stale
	pumpRoot(m, rest)
	if y := m.viewer.Exchange(); y != x {
		t.Fatalf("a stale body replaced the one on screen (partial %v)", y.Partial)
	}
}
