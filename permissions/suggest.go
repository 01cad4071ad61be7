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

func suggestClass(e *entry, m method) int {
	switch g := e.grantsFor(m); {
	case isMe(e.lower):
		return classMe
	case g == nil || len(g.perms) == 0 && len(g.pairs) == 0:
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

// Suggest completes a GET path as it is typed; see SuggestMethod.
func Suggest(input string, n int) []string { return SuggestMethod("GET", input, n) }

// SuggestMethod completes a path for a method (any case, "" is GET) as it
// is typed, from the patterns the reference lists for that method: patterns under what was
// typed so far, whose next segment starts with the last (partial) one,
// shallow and short ones first; then, to fill n, patterns the input is a
// fuzzy subsequence of. Concrete ids typed so far match placeholders
// ("/users/adele@contoso.com/me" suggests "/users/{id}/messages"); the
// suggestions keep placeholders such as {id} for the user to fill.
func SuggestMethod(methodName, input string, n int) []string {
	meth, known := parseMethod(methodName)
	if n <= 0 || !known {
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

	c := ix.newCollector(meth)
	for _, r := range at {
		r.n.completions(partial, func(child *node, wild bool) {
			child.each(func(id int32) { c.add(id, r.wild+b2i(wild), 0) })
		})
	}
	out := c.top(n, func(a, b candidate) bool {
		if a.wild != b.wild {
			return a.wild < b.wild
		}
		return ix.before(a.id, b.id, meth)
	})
	if len(out) < n && partial != "" {
		out = append(out, ix.fuzzy(at, partial, c.pos, n-len(out), meth)...)
	}
	if len(at) == 0 {
		// A typo before the last segment: fuzzy over every pattern.
		q := "/" + strings.ToLower(strings.Join(append(segs, partial), "/"))
		out = append(out, ix.fuzzy([]reached{{ix.root, 0}}, q, c.pos, n-len(out), meth)...)
	}
	return out
}

// candidate is a pattern in the running for a suggestion.
type candidate struct {
	id          int32
	wild, score int
}

// collector gathers candidates once each, keeping the fewest
// placeholders typed, among the patterns listed for one method.
type collector struct {
	ix   *index
	m    method
	pos  []int32 // entry -> index in list + 1; 0: not collected
	list []candidate
}

func (ix *index) newCollector(m method) *collector {
	return &collector{ix: ix, m: m, pos: make([]int32, len(ix.entries))}
}

func (c *collector) add(id int32, wild, score int) {
	if !c.ix.entries[id].methods.has(c.m) {
		return
	}
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

// before orders suggestions of equal standing: class for the method, then
// shallow, then short, then alphabetical.
func (ix *index) before(a, b int32, m method) bool {
	e, o := &ix.entries[a], &ix.entries[b]
	switch ce, co := suggestClass(e, m), suggestClass(o, m); {
	case ce != co:
		return ce < co
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
