package permissions

import "strings"

// Walking the trie for suggestions: unlike Lookup, every branch a typed
// segment could mean is followed.

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
