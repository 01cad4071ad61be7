package permissions

import (
	"slices"
	"sort"
	"strings"
)

// Suggestion classes: patterns an app-only caller can use first, then
// those with no Application permission, then /me ones (an app token has
// no user).
const (
	classAppOnly = iota
	classDelegated
	classMe
)

func suggestClass(e entry) int {
	switch {
	case isMe(e.lower):
		return classMe
	case len(e.perms) == 0:
		return classDelegated
	}
	return classAppOnly
}

// reached is a trie node the typed segments lead to, and how many of them
// only a placeholder matched (fewer: the user meant this branch more).
type reached struct {
	n    *node
	wild int
}

// Suggest completes a GET path as it is typed: patterns under what was
// typed so far, whose next segment starts with the last (partial) one,
// shallow and short ones first; then, to fill n, patterns the input is a
// fuzzy subsequence of. Concrete ids typed so far match placeholders
// ("/users/adele@contoso.com/me" suggests "/users/{id}/messages"); the
// suggestions keep placeholders such as {id} for the user to fill.
func Suggest(input string, n int) []string {
	if n <= 0 {
		return nil
	}
	ix := get()
	segs := splitPath(input)
	if len(segs) > maxSegments {
		return nil
	}
	partial := ""
	if typed, _, _ := strings.Cut(strings.TrimSpace(input), "?"); len(segs) > 0 && !strings.HasSuffix(typed, "/") {
		partial = strings.ToLower(segs[len(segs)-1])
		segs = segs[:len(segs)-1]
	}
	at := []reached{{ix.root, 0}}
	for _, s := range matchSegments(segs) {
		var next []reached
		for _, r := range at {
			r.n.children(s, func(c *node, wild bool) {
				next = append(next, reached{c, r.wild + b2i(wild)})
			})
		}
		if len(next) == 0 {
			// A typo in a segment before the last: literals it is a
			// subsequence of, or an id.
			for _, r := range at {
				r.n.fuzzyChildren(s, func(c *node) {
					next = append(next, reached{c, r.wild + 1})
				})
			}
		}
		at = dedupe(next)
	}

	c := ix.newCollector()
	for _, r := range at {
		r.n.completions(partial, func(child *node, wild bool) {
			child.each(func(id int32) { c.add(id, r.wild+b2i(wild), 0) })
		})
	}
	out := c.top(n, func(a, b candidate) bool {
		if a.wild != b.wild {
			return a.wild < b.wild
		}
		return ix.entries[a.id].before(ix.entries[b.id])
	})
	if len(out) < n && partial != "" {
		out = append(out, ix.fuzzy(at, partial, c.pos, n-len(out))...)
	}
	if len(at) == 0 {
		// A typo before the last segment: fuzzy over every pattern.
		q := "/" + strings.ToLower(strings.Join(append(segs, partial), "/"))
		out = append(out, ix.fuzzy([]reached{{ix.root, 0}}, q, c.pos, n-len(out))...)
	}
	return out
}

// candidate is a pattern in the running for a suggestion.
type candidate struct {
	id          int32
	wild, score int
}

// collector gathers candidates once each, keeping the fewest
// placeholders typed.
type collector struct {
	ix   *index
	pos  []int32 // entry -> index in list + 1; 0: not collected
	list []candidate
}

func (ix *index) newCollector() *collector {
	return &collector{ix: ix, pos: make([]int32, len(ix.entries))}
}

func (c *collector) add(id int32, wild, score int) {
	if p := c.pos[id]; p > 0 {
		if wild < c.list[p-1].wild {
			c.list[p-1].wild = wild
		}
		return
	}
	c.list = append(c.list, candidate{id, wild, score})
	c.pos[id] = int32(len(c.list))
}

// top returns the n best candidates' patterns, best first. It keeps a
// sorted short list instead of sorting thousands of candidates: most are
// rejected by one comparison with the worst kept so far.
func (c *collector) top(n int, less func(a, b candidate) bool) []string {
	best := make([]candidate, 0, n+1)
	for _, cand := range c.list {
		if len(best) == n && !less(cand, best[n-1]) {
			continue
		}
		i := sort.Search(len(best), func(i int) bool { return less(cand, best[i]) })
		best = slices.Insert(best, i, cand)
		if len(best) > n {
			best = best[:n]
		}
	}
	out := make([]string, len(best))
	for i, cand := range best {
		out[i] = c.ix.entries[cand.id].pattern
	}
	return out
}

// before orders suggestions of equal standing: class, then shallow, then
// short, then alphabetical.
func (e entry) before(o entry) bool {
	switch {
	case e.class != o.class:
		return e.class < o.class
	case e.depth != o.depth:
		return e.depth < o.depth
	case len(e.pattern) != len(o.pattern):
		return len(e.pattern) < len(o.pattern)
	}
	return e.lower < o.lower
}

func b2i(v bool) int {
	if v {
		return 1
	}
	return 0
}
