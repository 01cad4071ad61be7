package ui

import "testing"

// Every scroll key moves a position the same way in every view: a line, a
// page, either end, never past 0 or the last position.
func TestScrollMove(t *testing.T) {
	keys := defaultScrollKeyMap()
	for _, tc := range []struct {
		key       string
		pos, want int
	}{
		{"up", 5, 4}, {"k", 0, 0},
		{"down", 5, 6}, {"j", 10, 10},
		{"pgup", 5, 2}, {"ctrl+b", 2, 0}, {"ctrl+u", 5, 2},
		{"pgdown", 5, 8}, {"space", 9, 10}, {"ctrl+f", 5, 8}, {"ctrl+d", 5, 8},
		{"g", 5, 0}, {"home", 5, 0},
		{"G", 5, 10}, {"end", 0, 10},
	} {
		m, ok := keys.move(keyPress(tc.key), 3)
		if !ok {
			t.Errorf("%s: not a scroll key", tc.key)
			continue
		}
		if got := m.from(tc.pos, 10); got != tc.want {
			t.Errorf("%s from %d: %d, want %d", tc.key, tc.pos, got, tc.want)
		}
	}
	if _, ok := keys.move(keyPress("x"), 3); ok {
		t.Error("x read as a scroll key")
	}
}

// A list scrolls only as far as it must to keep the cursor on screen.
func TestShowing(t *testing.T) {
	for _, tc := range []struct{ top, cursor, n, want int }{
		{0, 3, 5, 0}, // on screen: stays
		{4, 2, 5, 2}, // above: the cursor's line comes first
		{0, 7, 5, 3}, // below: the cursor's line comes last
		{2, 9, 0, 2}, // no room: stays
		{6, 6, 1, 6}, // one line: the cursor's
	} {
		if got := showing(tc.top, tc.cursor, tc.n); got != tc.want {
			t.Errorf("showing(%d, %d, %d) = %d, want %d", tc.top, tc.cursor, tc.n, got, tc.want)
		}
	}
}

// The help screen and an open role scroll with the shared keys; the roles
// dialog pages only on pgup, pgdn and space.
func TestScrollViews(t *testing.T) {
	help := newHelpScreen(testCommon(), newRootForTest(t, 80, 24).helpSections())
	help.SetSize(40, 6)
	if help.maxTop() == 0 {
		t.Fatal("the help fits in 40x6: nothing to scroll")
	}
	for _, step := range []struct {
		key  string
		want int
	}{{"G", help.maxTop()}, {"g", 0}, {"space", help.pageRows()}, {"k", help.pageRows() - 1}} {
		help.update(keyPress(step.key))
		if help.top != step.want {
			t.Fatalf("help after %s: top %d, want %d", step.key, help.top, step.want)
		}
	}

	d := NewRolesDialog(testCommon(), []string{"User.ReadWrite.All"})
	d.SetSize(60, 8)
	pressKeys(d, "enter")
	last := len(d.detail.rows) - d.bodyHeight()
	if !d.open || last <= 0 {
		t.Fatalf("open %v, %d rows in %d lines: nothing to scroll", d.open, len(d.detail.rows), d.bodyHeight())
	}
	for _, step := range []struct {
		key  string
		want int
	}{{"ctrl+f", 0}, {"space", d.bodyHeight()}, {"ctrl+b", d.bodyHeight()}, {"pgup", 0}, {"end", last}, {"home", 0}} {
		pressKeys(d, step.key)
		if d.detail.top != step.want {
			t.Fatalf("roles after %s: top %d, want %d", step.key, d.detail.top, step.want)
		}
	}
}
