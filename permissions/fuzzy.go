package permissions

import (
	"unicode"

	"github.com/graphtui/graphtui/internal/editdistance"
)

// scorer rates how well a typed query matches a pattern as a subsequence,
// the way fuzzy finders do: characters at the start of a segment or a
// camelCase word and runs of consecutive characters score, gaps cost.
// It keeps its rows between calls to spare allocations.
type scorer struct{ prev, cur []int }

const (
	scoreChar        = 1
	scoreBoundary    = 8 // after "/", "(", ".", or an upper-case letter
	scoreConsecutive = 5
	scoreStart       = 8 // the query's first character starts the pattern
	gapPenalty       = 1
	noMatch          = -1 << 30
)

// score reports the best score of q (lower case) in s, and false when q is
// not a subsequence of s.
func (sc *scorer) score(q, s string) (int, bool) {
	if q == "" || len(q) > len(s) {
		return 0, false
	}
	sc.prev, sc.cur = grow(sc.prev, len(s)), grow(sc.cur, len(s))
	for i := 0; i < len(q); i++ {
		// gap: the best previous row score ending at least two characters
		// back, minus what the skipped characters cost.
		gap := noMatch
		for j := 0; j < len(s); j++ {
			if j >= 2 && sc.prev[j-2] > noMatch {
				gap = max(gap, sc.prev[j-2])
			}
			if gap > noMatch {
				gap -= gapPenalty
			}
			best := noMatch
			if lower(s[j]) == q[i] {
				bonus := scoreChar
				if j == 0 || boundary(s[j-1], s[j]) {
					bonus += scoreBoundary
				}
				switch {
				case i == 0:
					if j == 0 || j == 1 && s[0] == '/' {
						bonus += scoreStart
					}
					best = bonus - j*gapPenalty/4 // a later start costs a little
				default:
					if j >= 1 && sc.prev[j-1] > noMatch {
						best = sc.prev[j-1] + bonus + scoreConsecutive
					}
					if gap > noMatch {
						best = max(best, gap+bonus)
					}
				}
			}
			sc.cur[j] = best
		}
		sc.prev, sc.cur = sc.cur, sc.prev
	}
	// What follows the last match costs too, less than a gap: shorter
	// patterns rank first.
	top := noMatch
	for j, v := range sc.prev[:len(s)] {
		if v > noMatch {
			top = max(top, v-(len(s)-1-j)*gapPenalty/4)
		}
	}
	return top, top > noMatch
}

func boundary(prev, c byte) bool {
	return prev == '/' || prev == '(' || prev == '.' ||
		unicode.IsUpper(rune(c)) && !unicode.IsUpper(rune(prev))
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func grow(row []int, n int) []int {
	if cap(row) < n {
		return make([]int, n)
	}
	return row[:n]
}

// typo reports whether s is key mistyped: one edit (a letter missing,
// extra, wrong or two swapped) in a short word, two in a longer one.
func typo(s, key string) bool {
	limit := 1
	if len(key) > 5 {
		limit = 2
	}
	if d := len(s) - len(key); d > limit || -d > limit {
		return false
	}
	return editdistance.Bounded(s, key, limit) <= limit
}

// fuzzy ranks the patterns below the reached nodes, not suggested yet
// (skip), whose remaining segments contain q as a subsequence: best score
// first, but /me ones last as everywhere.
func (ix *index) fuzzy(at []reached, q string, skip []int32, n int, m method) []string {
	if n <= 0 {
		return nil
	}
	c := ix.newCollector(m)
	var sc scorer
	for _, r := range at {
		r.n.each(func(id int32) {
			if skip[id] > 0 || c.pos[id] > 0 || !ix.entries[id].methods.has(m) {
				return
			}
			e := &ix.entries[id]
			rest := afterSegments(e.pattern, int(r.n.depth))
			// Most patterns fail the cheap test; only the rest are scored.
			if !isSubsequence(q, e.lower[len(e.pattern)-len(rest):]) {
				return
			}
			// Below one point a character, the match is scattered over
			// long names: noise, not a suggestion.
			if score, ok := sc.score(q, rest); ok && score >= len(q) {
				c.add(id, r.wild, score)
			}
		})
	}
	return c.top(n, func(a, b candidate) bool {
		switch aMe, bMe := isMe(ix.entries[a.id].lower), isMe(ix.entries[b.id].lower); {
		case aMe != bMe:
			return bMe
		case a.score != b.score:
			return a.score > b.score
		case a.wild != b.wild:
			return a.wild < b.wild
		}
		return ix.before(a.id, b.id, m)
	})
}

// isSubsequence reports whether q's characters appear in s in order.
func isSubsequence(q, s string) bool {
	j := 0
	for i := 0; i < len(s) && j < len(q); i++ {
		if s[i] == q[j] {
			j++
		}
	}
	return j == len(q)
}
