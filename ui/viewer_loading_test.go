package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/spinner"
	"github.com/charmbracelet/x/ansi"
)

// While a request runs the response pane says what is being fetched, with
// the spinner and the time so far, instead of the previous response; esc
// brings that back under a line that says it is the previous one.
func TestRootShowsLoadingInTheResponsePane(t *testing.T) {
	m := newRootForTest(t, 120, 40)
	_, _ = m.startInflight("GET /users")
	m.route(exchangeMsg{Exchange: vwUsersExchange(t, 3, false)})
	m.seq = m.viewer.Exchange().Seq
	_, _ = m.startInflight("GET /groups?$top=5")
	m.route(exchangeMsg{Exchange: vwUsersExchange(t, 3, false)}) // a stale answer: dropped
	m.Update(spinner.TickMsg{ID: m.spinner.ID(), Time: m.started})
	screen := ansi.Strip(m.render())
	if strings.Contains(screen, "Adele 0") {
		t.Fatalf("the previous response is still on screen while a request runs:\n%s", screen)
	}
	for _, want := range []string{m.spinner.View() + " GET /groups?$top=5", "waiting ", "esc cancels"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("the response pane lacks %q while loading:\n%s", want, screen)
		}
	}
	press(m, "esc")
	screen = ansi.Strip(m.render())
	if !strings.Contains(screen, "cancelled: GET /groups?$top=5") || !strings.Contains(screen, "Adele 0") || strings.Contains(screen, "waiting") {
		t.Fatalf("after esc the pane should show the previous response, said to be the previous one:\n%s", screen)
	}
}
