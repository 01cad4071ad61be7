// Package editdistance measures how far a typed word is from a known one,
// for "did you mean" in the config and fuzzy path suggestions.
package editdistance

// Bounded is the optimal-string-alignment distance between a and b:
// inserts, deletes, substitutions and swaps of two neighbours (the most
// common typo: secert) each count one. Once every way on exceeds limit it
// stops and returns a value above limit. It compares bytes; the words it
// serves (config keys, Graph path segments) are ASCII.
func Bounded(a, b string, limit int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return rowMin
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
