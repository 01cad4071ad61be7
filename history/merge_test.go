package history

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Two TUIs load the same file, each sends its own requests, both save:
// the file must hold every request of both, newest first.
func TestTwoSessionsKeepEachOthersEntries(t *testing.T) {
	path := tempHistory(t)
	seed, _ := Load(path)
	seed.Add(entry("a", "/shared", 0))
	if err := seed.Save(); err != nil {
		t.Fatal(err)
	}
	one, _ := Load(path)
	two, _ := Load(path)
	one.Add(entry("a", "/one/1", 1))
	two.Add(entry("a", "/two/2", 2))
	one.Add(entry("a", "/one/3", 3))
	two.Add(entry("b", "/two/b", 4))
	saveAll(t, one, two)
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths(back.For("a")), " "); got != "/one/3 /two/2 /one/1 /shared" {
		t.Errorf("file holds %s for a, want both sessions' entries newest first, /shared once", got)
	}
	if got := strings.Join(paths(back.For("b")), " "); got != "/two/b" {
		t.Errorf("file holds %s for b", got)
	}
	// The session that saved last sees the other's entries in memory.
	if got := strings.Join(paths(two.For("a")), " "); got != "/one/3 /two/2 /one/1 /shared" {
		t.Errorf("second session recalls %s, want the merged history", got)
	}
	// And the first one does at its next save.
	one.Add(entry("a", "/one/5", 5))
	if err := one.Save(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths(one.For("a")), " "); got != "/one/5 /one/3 /two/2 /one/1 /shared" {
		t.Errorf("first session recalls %s after its next save", got)
	}
}

func TestMergeKeepsBoundsAndCollapsesDuplicates(t *testing.T) {
	path := tempHistory(t)
	one, _ := Load(path)
	two, _ := Load(path)
	// Interleaved times: one has the even minutes, two the odd ones.
	for i := range MaxPerProfile {
		one.Add(entry("a", fmt.Sprintf("/one/%d", 2*i), 2*i))
		two.Add(entry("a", fmt.Sprintf("/two/%d", 2*i+1), 2*i+1))
	}
	// The same request, last in one session and replayed later in the
	// other with nothing in between, collapses as it would in one session.
	one.Add(entry("a", "/users", 1000))
	two.Add(entry("a", "/users", 1001))
	saveAll(t, one, two)
	back, _ := Load(path)
	got := back.For("a")
	if len(got) != MaxPerProfile {
		t.Fatalf("kept %d entries for a, want the bound %d", len(got), MaxPerProfile)
	}
	if got[0].Path != "/users" || !got[0].Time.Equal(t0.Add(1001*time.Minute)) || got[1].Path == "/users" {
		t.Errorf("newest = %s at %v then %s, want one /users at the later time", got[0].Path, got[0].Time, got[1].Path)
	}
	if !slices.IsSortedFunc(got, func(a, b Entry) int { return b.Time.Compare(a.Time) }) {
		t.Errorf("merged entries are not newest first: %v", paths(got))
	}
	// The newest 199 of the 400 interleaved entries: minutes 201..399.
	if last := got[len(got)-1].Path; last != "/two/201" {
		t.Errorf("oldest kept = %s, want the oldest of the newest", last)
	}
}

// Sessions saving from several goroutines, each with its own store as a
// separate process would have: no entry of any of them is lost.
func TestRacingSavesKeepEveryEntry(t *testing.T) {
	path := tempHistory(t)
	const sessions, each = 8, 10
	var wg sync.WaitGroup
	for s := range sessions {
		wg.Go(func() {
			st, err := Load(path)
			if err != nil {
				t.Error(err)
				return
			}
			for j := range each {
				st.Add(entry("a", fmt.Sprintf("/s%d/%d", s, j), j*sessions+s))
				if err := st.Save(); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got := back.For("a")
	var want []string
	for m := sessions*each - 1; m >= 0; m-- {
		want = append(want, fmt.Sprintf("/s%d/%d", m%sessions, m/sessions))
	}
	if strings.Join(paths(got), " ") != strings.Join(want, " ") {
		t.Errorf("file holds %d entries:\n%v\nwant all %d newest first:\n%v", len(got), paths(got), len(want), want)
	}
}

// saveAll saves each store in turn, as sessions closing one after another.
func saveAll(t *testing.T, stores ...*Store) {
	t.Helper()
	for _, s := range stores {
		if err := s.Save(); err != nil {
			t.Fatal(err)
		}
	}
}
