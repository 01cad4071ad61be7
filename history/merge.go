package history

import "slices"

// merge is the union of two histories, newest first. An entry present in
// both (the same request at the same instant, typically one this session
// saved earlier) is kept once; everything else from either side stays.
// The caller replays the result through add to apply the usual rules.
func merge(ours, theirs []Entry) []Entry {
	all := slices.Concat(ours, theirs)
	slices.SortStableFunc(all, func(a, b Entry) int { return b.Time.Compare(a.Time) })
	out := all[:0]
	for _, e := range all {
		if !seenAtSameTime(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// seenAtSameTime reports whether kept, sorted newest first, already holds
// e. Only its tail can share e's time, so the search stops at an older one.
func seenAtSameTime(kept []Entry, e Entry) bool {
	for i := len(kept) - 1; i >= 0 && kept[i].Time.Equal(e.Time); i-- {
		if kept[i].SameRequest(e) {
			return true
		}
	}
	return false
}
