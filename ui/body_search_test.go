package ui

import (
	"strings"
	"testing"
)

// searchFor opens the search, types q, presses enter and delivers the
// result as the root would, running the command synchronously.
func searchFor(t *testing.T, v *Viewer, q string) {
	t.Helper()
	v.Update(keyPress("esc")) // clears any earlier search, so the input starts empty
	v.Update(keyPress("/"))
	if !v.Capturing() {
		t.Fatal("the search input does not capture keys")
	}
	typeKeys(v, q)
	msg, ok := firstMsg(v.Update(keyPress("enter"))).(searchResultMsg)
	if !ok {
		t.Fatal("enter in the search input does not start a search")
	}
	if v.Capturing() {
		t.Fatal("the search input stays open after enter")
	}
	v.Update(msg)
	if v.find.query != q {
		t.Fatalf("searched for %q, want %q", v.find.query, q)
	}
}

func TestBodySearchFindsAndCyclesMatches(t *testing.T) {
	v := vwViewer(54, 12)
	vwShow(v, vwUsersExchange(t, 40, false))
	// "JONI" matches users 7, 23 and 39 in displayName, givenName, UPN and mail.
	searchFor(t, v, "JONI")
	n := v.find.count()
	if n != 12 {
		t.Fatalf("found %d matches, want 12", n)
	}
	view := vwView(t, v)
	if !strings.Contains(view, `match 1/12 "JONI"`) {
		t.Fatalf("footer does not count matches:\n%s", view)
	}
	first := int(v.find.lines[0])
	if v.body.matchLine != first || !strings.Contains(view, `"Joni 7"`) {
		t.Fatalf("the first match (line %d) is not on screen:\n%s", first+1, view)
	}
	v.Update(keyPress("n"))
	if v.find.cur != 1 || v.body.matchLine != int(v.find.lines[1]) {
		t.Fatalf("n moved to match %d", v.find.cur)
	}
	v.Update(keyPress("N"))
	v.Update(keyPress("N"))
	if v.find.cur != n-1 {
		t.Fatalf("N from the first match went to %d, want the last (%d)", v.find.cur, n-1)
	}
	if got := vwView(t, v); !strings.Contains(got, `match 12/12`) || !strings.Contains(got, "joni.39@contoso.com") {
		t.Fatalf("the last match is not on screen:\n%s", got)
	}
	v.Update(keyPress("n"))
	if v.find.cur != 0 {
		t.Fatalf("n from the last match went to %d, want the first", v.find.cur)
	}
}

func TestBodySearchHighlightsTheCurrentMatch(t *testing.T) {
	v := vwUsersViewer(t)
	searchFor(t, v, "adele 0")
	on, off := styleCodes(v.c.Styles.Match)
	if on == "" {
		t.Skip("the match style writes no escape sequence")
	}
	if !strings.Contains(v.View(), on+"Adele 0"+off) {
		t.Fatalf("the match is not drawn in the match style: %q", v.View())
	}
}

func TestBodySearchStartsAtTheScreen(t *testing.T) {
	v := vwViewer(54, 12)
	vwShow(v, vwUsersExchange(t, 40, false))
	for range 30 {
		v.Update(keyPress("pgdown"))
	}
	from := v.body.firstLine()
	searchFor(t, v, "engineer")
	if got := int(v.find.lines[v.find.cur]) + 1; got < from || got > from+16 {
		t.Fatalf("search from line %d jumped to line %d, want the next match below", from, got)
	}
	// Past the last match, the search wraps to the first.
	v.Update(keyPress("G"))
	searchFor(t, v, "engineer")
	if v.find.cur != 0 {
		t.Fatalf("search below the last match went to match %d, want the first", v.find.cur+1)
	}
}

func TestBodySearchEscClosesAndClears(t *testing.T) {
	v := vwUsersViewer(t)
	v.Update(keyPress("/"))
	typeKeys(v, "abc")
	v.Update(keyPress("esc"))
	if v.Capturing() || v.find.query != "" {
		t.Fatalf("esc left the input open (%v) or searched (%q)", v.Capturing(), v.find.query)
	}
	searchFor(t, v, "adele")
	v.Update(keyPress("esc"))
	if v.find.count() != 0 || v.body.matchLine != -1 {
		t.Fatal("esc outside the input does not clear the search")
	}
}

func TestBodySearchDropsStaleResults(t *testing.T) {
	v := vwUsersViewer(t)
	v.Update(keyPress("/"))
	typeKeys(v, "adele")
	stale := firstMsg(v.Update(keyPress("enter")))
	newer := vwUsersExchange(t, 5, false)
	newer.Seq = 9
	rerun := vwShow(v, newer) // the search carries over to the new body
	v.Update(stale)
	if v.find.count() != 0 || !v.find.pending {
		t.Fatal("a result for the previous body was applied")
	}
	v.Update(firstMsg(rerun, nil))
	if v.find.count() != 4 {
		t.Fatalf("the carried-over search found %d matches, want 4", v.find.count())
	}
}

func TestBodySearchNoMatch(t *testing.T) {
	v := vwUsersViewer(t)
	searchFor(t, v, "zebra")
	if got := vwView(t, v); !strings.Contains(got, `no match for "zebra"`) {
		t.Fatalf("no-match not reported:\n%s", got)
	}
	v.Update(keyPress("n")) // must not panic with no matches
}

func TestFindAllFoldsCase(t *testing.T) {
	src := newPlainLines([]byte("Straße STRASSE\nÉcole école ÉCOLE\nabcABCabc"))
	cases := []struct {
		q     string
		lines []int32
		cols  []int32
	}{
		{"abc", []int32{2, 2, 2}, []int32{0, 3, 6}},
		{"ÉCOLE", []int32{1, 1, 1}, []int32{0, 7, 14}},
		{"strasse", []int32{0}, []int32{8}},
	}
	for _, c := range cases {
		lines, cols, _ := findAll(src, c.q, maxMatches)
		if !equal32(lines, c.lines) || !equal32(cols, c.cols) {
			t.Errorf("findAll(%q) = %v %v, want %v %v", c.q, lines, cols, c.lines, c.cols)
		}
	}
	if _, _, capped := findAll(src, "abc", 2); !capped {
		t.Error("findAll does not report reaching its limit")
	}
}

func equal32(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBodySearchRevealsAMatchDeepInAWrappedLine(t *testing.T) {
	body := []byte(`{"contentBytes":"` + strings.Repeat("QUJD", 5000) + `needle` + strings.Repeat("QUJD", 100) + `"}`)
	for _, wrap := range []bool{false, true} {
		v := vwViewer(54, 12)
		vwShow(v, bodyExchange(t, "application/json", body, vwHighlight(t, body)))
		if wrap {
			v.Update(keyPress("w"))
		}
		searchFor(t, v, "NEEDLE")
		// Wrapped, the match may straddle two rows: read the rows as one.
		if got := vwView(t, v); !strings.Contains(strings.Join(strings.Fields(got), ""), "needle") {
			t.Fatalf("wrap %v: the match is not on screen:\n%s", wrap, got)
		}
	}
}
