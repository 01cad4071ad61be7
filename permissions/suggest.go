package permissions

import (
	"slices"
	"sort"
	"strings"
)

// suggestClass ranks patterns an app-only caller can use first, then those
// with no Application permission, then /me ones (an app token has no user).
func suggestClass(e entry) int {
	switch {
	case isMe(e.lower):
		return 2
	case len(e.perms) == 0:
		return 1
	}
	return 0
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

// fuzzy ranks the patterns below the reached nodes, not suggested yet
// (skip), whose remaining segments contain q as a subsequence: best score
// first, but /me ones last as everywhere.
func (ix *index) fuzzy(at []reached, q string, skip []int32, n int) []string {
	if n <= 0 {
		return nil
	}
	c := ix.newCollector()
	var sc scorer
	for _, r := range at {
		r.n.each(func(id int32) {
			if skip[id] > 0 || c.pos[id] > 0 {
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
		ea, eb := ix.entries[a.id], ix.entries[b.id]
		switch aMe, bMe := ea.class == 2, eb.class == 2; {
		case aMe != bMe:
			return bMe
		case a.score != b.score:
			return a.score > b.score
		case a.wild != b.wild:
			return a.wild < b.wild
		}
		return ea.before(eb)
	})
}

// afterSegments is what follows the first k segments of a pattern: the
// whole pattern for k = 0, else without the slash ("{id}/messages").
func afterSegments(pattern string, k int) string {
	if k == 0 {
		return pattern
	}
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '/' {
			if k == 0 {
				return pattern[i+1:]
			}
			k--
		}
	}
	return ""
}

// children yields the nodes one typed segment leads to; wild: only a
// placeholder matched it.
func (n *node) children(s string, yield func(c *node, wild bool)) {
	if c := n.lit(s); c != nil {
		yield(c, false)
	}
	if name, _, ok := parseCall(s); ok {
		for _, c := range named(n.calls, name) {
			yield(c.next, false)
		}
		if c := n.lit(name); c != nil {
			if v := keyValue(s); v != "" {
				c.children(v, yield)
			} else {
				yield(c, false)
			}
		}
	}
	if !isValue(s) {
		return
	}
	for _, t := range n.tmpls {
		if strings.HasPrefix(s, t.prefix) && strings.HasSuffix(s, t.suffix) {
			yield(t.next, true)
		}
	}
	if n.param != nil {
		yield(n.param, true)
	}
}

// fuzzyChildren yields the literal children s is a subsequence or a typo
// of, and the placeholders.
func (n *node) fuzzyChildren(s string, yield func(c *node)) {
	for _, e := range n.lits {
		if isSubsequence(s, e.key) || typo(s, e.key) {
			yield(e.next)
		}
	}
	if !isValue(s) {
		return
	}
	for _, t := range n.tmpls {
		yield(t.next)
	}
	if n.param != nil {
		yield(n.param)
	}
}

func isSubsequence(q, s string) bool {
	j := 0
	for i := 0; i < len(s) && j < len(q); i++ {
		if s[i] == q[j] {
			j++
		}
	}
	return j == len(q)
}

// completions yields the children whose segment could complete the
// partial one. When no literal or function starts with it, the user is
// typing an id: placeholders complete it.
func (n *node) completions(partial string, yield func(c *node, wild bool)) {
	name, _, isCall := strings.Cut(partial, "(")
	found := false
	for _, e := range n.lits {
		if !isCall && strings.HasPrefix(e.key, partial) {
			yield(e.next, false)
			found = true
		}
	}
	for _, e := range n.calls {
		if isCall && e.key == name || !isCall && strings.HasPrefix(e.key, partial) {
			yield(e.next, false)
			found = true
		}
	}
	if partial != "" && !found {
		// A finished word with a typo: /usres, /users/x/mesages.
		for _, e := range n.lits {
			if typo(partial, e.key) {
				yield(e.next, true)
			}
		}
	}
	if found && partial != "" || !isValue(partial) && partial != "" {
		return
	}
	for _, t := range n.tmpls {
		if strings.HasPrefix(partial, t.prefix) || strings.HasPrefix(t.prefix, partial) {
			yield(t.next, partial != "")
		}
	}
	if n.param != nil {
		yield(n.param, partial != "")
	}
}

// each calls f for every pattern at or below n.
func (n *node) each(f func(id int32)) {
	if n.entry >= 0 {
		f(n.entry)
	}
	for _, e := range n.lits {
		e.next.each(f)
	}
	for _, e := range n.calls {
		e.next.each(f)
	}
	for _, t := range n.tmpls {
		t.next.each(f)
	}
	if n.param != nil {
		n.param.each(f)
	}
}

// dedupe keeps each node once, with its fewest placeholders, so that
// alternative routes do not multiply from segment to segment.
func dedupe(rs []reached) []reached {
	best := map[*node]int{}
	out := rs[:0]
	for _, r := range rs {
		if w, ok := best[r.n]; ok {
			if r.wild < w {
				best[r.n] = r.wild
			}
			continue
		}
		best[r.n] = r.wild
		out = append(out, r)
	}
	for i := range out {
		out[i].wild = best[out[i].n]
	}
	return out
}

func b2i(v bool) int {
	if v {
		return 1
	}
	return 0
}
