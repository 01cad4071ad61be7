package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

func TestViewerHintsBeforeAnyRequest(t *testing.T) {
	v := vwViewer(54, 12)
	if got := vwView(t, v); !strings.Contains(got, "type a path and press enter") {
		t.Fatalf("empty viewer does not say how to start:\n%s", got)
	}
	if v.Exchange() != nil {
		t.Fatal("Exchange() before any request is not nil")
	}
}

func TestViewerScrollsByLinePageAndEnds(t *testing.T) {
	v := vwViewer(54, 12) // 9 content rows
	vwShow(v, vwUsersExchange(t, 20, false))
	n := v.body.lines()
	steps := []struct {
		key  string
		want int // first body line on screen
	}{
		{"down", 2}, {"j", 3}, {"k", 2}, {"up", 1}, {"up", 1},
		{"pgdown", 10}, {"space", 19}, {"pgup", 10},
		{"G", n - 8}, {"down", n - 8}, {"end", n - 8},
		{"g", 1}, {"end", n - 8}, {"home", 1},
	}
	for _, s := range steps {
		v.Update(keyPress(s.key))
		if got := v.body.firstLine(); got != s.want {
			t.Fatalf("after %q the first line is %d, want %d", s.key, got, s.want)
		}
	}
	v.Update(keyPress("G"))
	view := vwView(t, v)
	rows := strings.Split(view, "\n")
	if last := rows[len(rows)-2]; !strings.Contains(last, "}") || !strings.HasPrefix(strings.TrimSpace(last), strconv.Itoa(n)+" ") {
		t.Errorf("at the bottom the last content row is %q, want line %d", last, n)
	}
}

func TestViewerWrapShowsLongLinesOnSeveralRows(t *testing.T) {
	v := vwViewer(40, 10)
	vwShow(v, vwUsersExchange(t, 2, false))
	if got := vwView(t, v); strings.Contains(got, "$metadata#users") {
		t.Fatalf("without wrap the long line should be cut:\n%s", got)
	}
	v.Update(keyPress("w"))
	got := vwView(t, v)
	if !strings.Contains(got, "$metadata#users") || !strings.Contains(got, "wrap") {
		t.Fatalf("with wrap the long line should continue on the next row:\n%s", got)
	}
	// Down moves one row: line 2 takes two rows, so two presses pass it.
	v.Update(keyPress("down"))
	v.Update(keyPress("down"))
	if v.body.firstLine() != 2 || v.body.topRow != 1 {
		t.Fatalf("after two rows down top = line %d row %d, want line 2 row 1", v.body.firstLine(), v.body.topRow)
	}
	v.Update(keyPress("down"))
	if v.body.firstLine() != 3 || v.body.topRow != 0 {
		t.Fatalf("after three rows down top = line %d row %d, want line 3 row 0", v.body.firstLine(), v.body.topRow)
	}
	v.Update(keyPress("up"))
	if v.body.firstLine() != 2 || v.body.topRow != 1 {
		t.Fatalf("up from line 3 should show the last row of line 2, got line %d row %d", v.body.firstLine(), v.body.topRow)
	}
}

func TestViewerHorizontalScrollStopsAtTheLongestVisibleLine(t *testing.T) {
	v := vwViewer(40, 10)
	vwShow(v, vwUsersExchange(t, 2, false))
	v.Update(keyPress(">"))
	if v.body.hoff != hscrollStep {
		t.Fatalf("> scrolled to %d, want %d", v.body.hoff, hscrollStep)
	}
	if got := vwView(t, v); !strings.Contains(got, `a.context": "https://graph`) {
		t.Fatalf("scrolled view does not show the URL's continuation:\n%s", got)
	}
	for range 50 {
		v.Update(keyPress("shift+right"))
	}
	// The longest visible line is the @odata.context line: its end must be
	// the right edge, not beyond.
	got := vwView(t, v)
	if !strings.Contains(got, `users",`) {
		t.Fatalf("scrolling far right should stop with the longest line's end visible:\n%s", got)
	}
	v.Update(keyPress("<"))
	for range 50 {
		v.Update(keyPress("shift+left"))
	}
	if v.body.hoff != 0 {
		t.Fatalf("scrolling left stops at %d, want 0", v.body.hoff)
	}
}

func TestViewerTabsByLetterAndArrows(t *testing.T) {
	v := vwUsersViewer(t)
	steps := []struct {
		key  string
		want viewerTab
		text string
	}{
		{"h", tabHeaders, "Authorization: Bearer (token not shown)"},
		{"t", tabToken, "source           cache"},
		{"r", tabTrace, "page 1: 3 items"},
		{"b", tabBody, `"value": [`},
		{"left", tabTrace, "attempt"},
		{"right", tabBody, `"value": [`},
		{"right", tabHeaders, "Request"},
	}
	for _, s := range steps {
		v.Update(keyPress(s.key))
		if v.tab != s.want {
			t.Fatalf("after %q the tab is %s, want %s", s.key, viewerTabNames[v.tab], viewerTabNames[s.want])
		}
		if got := vwView(t, v); !strings.Contains(got, s.text) {
			t.Fatalf("%s tab does not show %q:\n%s", viewerTabNames[s.want], s.text, got)
		}
	}
}

func TestViewerTokenCountdownTicksOnlyOnTheTokenTab(t *testing.T) {
	v := vwViewer(118, 32)
	vwShow(v, vwUsersExchange(t, 3, false))
	tick, ok := firstMsg(v.Update(keyPress("t"))).(viewerTickMsg)
	if !ok {
		t.Fatal("showing the Token tab does not start a tick")
	}
	tick.At = vwStart.Add(10 * time.Minute)
	if next := noIntents(v.Update(tick)); next == nil {
		t.Fatal("a tick on the Token tab does not schedule the next one")
	}
	if got := vwView(t, v); !strings.Contains(got, "(in 49m30s)") {
		t.Fatalf("countdown not moved by the tick:\n%s", got)
	}
	tick.At = vwStart.Add(62 * time.Minute)
	v.Update(tick)
	if got := vwView(t, v); !strings.Contains(got, "(expired 2m30s ago)") {
		t.Fatalf("an expired token is not shown as expired:\n%s", got)
	}
	v.Update(keyPress("b"))
	if next := noIntents(v.Update(tick)); next != nil {
		t.Fatal("the tick chain goes on after leaving the Token tab")
	}
}

func TestViewerKeepsOnlyTheNewestExchange(t *testing.T) {
	v := vwViewer(54, 12)
	newer := vwNoConsent() // Seq 2
	older := vwUsersExchange(t, 3, false)
	vwShow(v, newer)
	vwShow(v, older)
	if v.Exchange() != newer {
		t.Fatal("an older exchange replaced a newer one")
	}
}

func TestViewerShowsFetchAllProgressUntilTheResult(t *testing.T) {
	v := vwViewer(80, 12)
	x := vwUsersExchange(t, 3, true)
	vwShow(v, x)
	v.Update(progressMsg{Seq: x.Seq - 1, Pages: 9})
	if v.progress != nil {
		t.Fatal("progress of an older request is shown")
	}
	v.Update(progressMsg{Seq: x.Seq + 1, Pages: 3, Items: 300, Bytes: 3 << 20})
	if got := vwView(t, v); !strings.Contains(got, "fetching all pages… 3 pages · 300 items · 3.0 MB") {
		t.Fatalf("progress not in the footer:\n%s", got)
	}
	done := vwUsersExchange(t, 5, false)
	done.Seq = x.Seq + 1
	vwShow(v, done)
	if got := vwView(t, v); strings.Contains(got, "fetching all") {
		t.Fatalf("progress still shown after the result arrived:\n%s", got)
	}
}

func TestViewerNextPageOnlyWhenThereIsOne(t *testing.T) {
	v := vwUsersViewer(t)
	if msg := firstMsg(v.Update(keyPress("]"))); msg == (nextPageMsg{}) {
		t.Fatal("] asked for a next page of the last page")
	} else if _, ok := msg.(statusMsg); !ok {
		t.Fatalf("] on the last page gave %#v, want a status explaining there is none", msg)
	}
	more := vwUsersExchange(t, 3, true)
	more.Seq = 5
	vwShow(v, more)
	if msg := firstMsg(v.Update(keyPress("]"))); msg != (nextPageMsg{}) {
		t.Fatalf("] with a nextLink gave %#v, want nextPageMsg", msg)
	}
	if msg := firstMsg(v.Update(keyPress("A"))); msg != (fetchAllMsg{}) {
		t.Fatalf("A gave %#v, want fetchAllMsg", msg)
	}
}

func TestViewerCopiesTheRawBody(t *testing.T) {
	v := vwViewer(54, 12)
	x := vwUsersExchange(t, 3, false)
	vwShow(v, x)
	msg, ok := firstMsg(v.Update(keyPress("y"))).(copyMsg)
	if !ok || msg.What != "body" || msg.Text != string(x.Response.Body) {
		t.Fatalf("y gave %#v, want the raw body", msg)
	}
}

func TestViewerCopiesCurlWithATokenPlaceholder(t *testing.T) {
	v := vwUsersViewer(t)
	msg, ok := firstMsg(v.Update(keyPress("c"))).(copyMsg)
	if !ok || msg.What != "curl command" {
		t.Fatalf("c gave %#v, want a curl command to copy", msg)
	}
	if !strings.Contains(msg.Text, `"Authorization: Bearer $TOKEN"`) || !strings.Contains(msg.Text, "'https://graph.microsoft.com/v1.0/users?") {
		t.Fatalf("curl command is %q", msg.Text)
	}
	vwShow(v, vwWrongSecret())
	if _, ok := firstMsg(v.Update(keyPress("c"))).(statusMsg); !ok {
		t.Fatal("c without a sent request should explain, not copy")
	}
}

func TestViewerSaveAsksForAPath(t *testing.T) {
	v := vwUsersViewer(t)
	v.Update(keyPress("s"))
	if !v.Capturing() {
		t.Fatal("the save input does not capture keys")
	}
	if got := vwView(t, v); !strings.Contains(got, "save body to: response.json") {
		t.Fatalf("save input not shown with its default:\n%s", got)
	}
	for range len("response.json") {
		v.Update(keyPress("backspace"))
	}
	typeKeys(v, "users page 1.json")
	if msg := firstMsg(v.Update(keyPress("enter"))); msg != (saveBodyMsg{Path: "users page 1.json"}) {
		t.Fatalf("enter gave %#v, want saveBodyMsg with the typed path", msg)
	}
	if !v.Capturing() {
		t.Fatal("the save input closes before the file is written")
	}
	v.Update(savedMsg{Text: "saved"})
	if v.Capturing() {
		t.Fatal("the save input stays open after the file was written")
	}
	v.Update(keyPress("s"))
	if msg := firstMsg(v.Update(keyPress("esc"))); msg != nil || v.Capturing() {
		t.Fatalf("esc in the save input gave %#v (capturing %v), want it closed with nothing saved", msg, v.Capturing())
	}
}

func TestViewerErrorSwitchesToBody(t *testing.T) {
	v := vwUsersViewer(t)
	v.Update(keyPress("h"))
	vwShow(v, vwNoConsent())
	if v.tab != tabBody {
		t.Fatalf("a failed exchange left the %s tab on screen", viewerTabNames[v.tab])
	}
}

func TestViewerPaneSizesNeverPanic(t *testing.T) {
	for _, x := range []*Exchange{nil, vwUsersExchange(t, 3, true), vwNoConsent(), vwWrongSecret()} {
		for _, sz := range [][2]int{{0, 0}, {1, 1}, {3, 2}, {10, 3}, {0, 5}, {5, 0}, {12, 4}} {
			v := vwViewer(sz[0], sz[1])
			if x != nil {
				vwShow(v, x)
			}
			for _, k := range []string{"w", "down", "G", ">", "t", "r", "h", "/", "esc"} {
				v.Update(keyPress(k))
				out := v.View()
				rows := strings.Split(out, "\n")
				if sz[1] > 0 && len(rows) != sz[1] || sz[1] == 0 && out != "" {
					t.Fatalf("%dx%d: View has %d rows", sz[0], sz[1], len(rows))
				}
			}
		}
	}
}

// The root forwards blinks and pastes to every pane; the viewer hands them
// to an open input and ignores them otherwise.
func TestViewerPasteGoesToTheOpenInput(t *testing.T) {
	v := vwUsersViewer(t)
	v.Update(tea.PasteMsg{Content: "ignored"})
	v.Update(keyPress("/"))
	v.Update(tea.PasteMsg{Content: "Adele"})
	if got := v.searchIn.Value(); got != "Adele" {
		t.Fatalf("pasted search is %q", got)
	}
}

// The root swaps the styles in place when it learns the terminal is light
// and restyles every pane; the viewer's pre-rendered colours must follow.
func TestViewerFollowsAStyleSwap(t *testing.T) {
	v := vwUsersViewer(t)
	darkOn, _ := styleCodes(v.c.Styles.LineNumber)
	*v.c.Styles = *NewStyles(false)
	v.Restyle(v.c.Styles)
	lightOn, _ := styleCodes(v.c.Styles.LineNumber)
	if darkOn == lightOn {
		t.Skip("line numbers look the same on both backgrounds")
	}
	if out := v.View(); !strings.Contains(out, lightOn+"1") || strings.Contains(out, darkOn) {
		t.Fatal("line numbers keep the dark colours after the switch to light")
	}
}

// The terminal's background can arrive while the bundle input is open; the
// input is rebuilt in the new colours and must still say what it writes.
func TestViewerBundlePromptSurvivesARestyle(t *testing.T) {
	v := vwViewer(80, 12)
	vwShow(v, bodyExchange(t, "application/json", []byte(`{"a":1}`), nil))
	v.Update(keyPress("B"))
	v.c.Styles = NewStyles(false)
	v.Restyle(v.c.Styles)
	if got := vwView(t, v); !strings.Contains(got, "support bundle to: ") {
		t.Fatalf("the prompt changed after a restyle:\n%s", got)
	}
}
