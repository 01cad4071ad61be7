package permissions

import (
	"slices"
	"sort"
	"strings"
)

// node is one segment position in the pattern trie. Lookup walks it once
// per segment, trying the most specific kind of child first. Children are
// sorted slices rather than maps: the trie is built on every load, and
// thousands of small maps cost more than binary search saves.
type node struct {
	lits  []edge      // literal segments, lower-cased: "users", "delta", "$value"
	calls []edge      // function or key segments by name, overloads adjacent: "getoffice365activeuserdetail(period={value})"
	tmpls []*template // a placeholder with literal text around it: "{id}:"
	param *node       // a whole-segment placeholder: "{id}"
	entry int32       // index into index.entries; -1: no pattern ends here
	depth int32       // segments from the root
}

// edge leads to a child. For a call, params are its sorted lower-cased
// parameter names ("#" for a bare key, "" for none).
type edge struct {
	key, params string
	next        *node
}

type template struct {
	prefix, suffix string
	next           *node
}

func newNode() *node { return &node{entry: -1} }

func (n *node) newChild() *node { return &node{entry: -1, depth: n.depth + 1} }

// named returns the run of edges with key (a sorted slice).
func named(es []edge, key string) []edge {
	i := sort.Search(len(es), func(i int) bool { return es[i].key >= key })
	j := i
	for j < len(es) && es[j].key == key {
		j++
	}
	return es[i:j]
}

func (n *node) lit(s string) *node {
	if es := named(n.lits, s); len(es) > 0 {
		return es[0].next
	}
	return nil
}

// edgeTo finds or adds the edge (key, params) in a sorted slice.
func (n *node) edgeTo(es *[]edge, key, params string) *node {
	for _, e := range named(*es, key) {
		if e.params == params {
			return e.next
		}
	}
	i := sort.Search(len(*es), func(i int) bool { return (*es)[i].key > key })
	c := n.newChild()
	*es = slices.Insert(*es, i, edge{key, params, c})
	return c
}

// trail remembers the nodes of the last pattern inserted: the index is
// sorted, so the next pattern mostly shares its first segments.
type trail struct {
	segs  []string
	nodes []*node
}

// insert adds a lower-cased pattern below root.
func (t *trail) insert(root *node, lower string, id int32) {
	n, depth := root, 0
	for rest := lower; rest != ""; {
		var seg string
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			seg, rest = rest[:i], rest[i+1:]
		} else {
			seg, rest = rest, ""
		}
		if seg == "" {
			continue
		}
		if depth < len(t.segs) && t.segs[depth] == seg {
			n = t.nodes[depth]
		} else {
			t.segs, t.nodes = t.segs[:depth], t.nodes[:depth]
			n = n.child(seg)
			t.segs, t.nodes = append(t.segs, seg), append(t.nodes, n)
		}
		depth++
	}
	t.segs, t.nodes = t.segs[:depth], t.nodes[:depth]
	if n.entry < 0 { // the generator merges duplicates; keep the first
		n.entry = id
	}
}

func (n *node) child(s string) *node {
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && strings.Count(s, "{") == 1 {
		if n.param == nil {
			n.param = n.newChild()
		}
		return n.param
	}
	if name, params, ok := parseCall(s); ok {
		return n.edgeTo(&n.calls, name, params)
	}
	if open := strings.IndexByte(s, '{'); open >= 0 {
		end := strings.IndexByte(s[open:], '}')
		if end > 0 {
			prefix, suffix := s[:open], s[open+end+1:]
			for _, t := range n.tmpls {
				if t.prefix == prefix && t.suffix == suffix {
					return t.next
				}
			}
			t := &template{prefix: prefix, suffix: suffix, next: n.newChild()}
			n.tmpls = append(n.tmpls, t)
			// Longer literal text first: it is the more specific.
			sort.SliceStable(n.tmpls, func(i, j int) bool {
				return len(n.tmpls[i].prefix)+len(n.tmpls[i].suffix) > len(n.tmpls[j].prefix)+len(n.tmpls[j].suffix)
			})
			return t.next
		}
	}
	return n.edgeTo(&n.lits, s, "")
}

// parseCall splits "name(a=1,b='x')" into its name and sorted parameter
// names ("a,b"); a bare key "name('x')" has params "#", "name()" has "".
func parseCall(s string) (name, params string, ok bool) {
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open <= 0 || end < open {
		return "", "", false
	}
	var names []string
	for _, arg := range splitArgs(s[open+1 : end]) {
		if k, _, named := cutUnquoted(arg, '='); named {
			names = append(names, strings.TrimSpace(k))
		} else {
			names = append(names, "#")
		}
	}
	sort.Strings(names)
	return s[:open], strings.Join(names, ","), true
}

// keyValue is the value of a key segment's single argument, quotes
// removed: users('a@b.com') and users(userPrincipalName='a@b.com') give
// a@b.com.
func keyValue(s string) string {
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	arg := strings.TrimSpace(s[open+1 : end])
	if _, v, named := cutUnquoted(arg, '='); named {
		arg = strings.TrimSpace(v)
	}
	return strings.Trim(arg, "'\"")
}

// splitArgs splits on commas outside single quotes (OData doubles a quote
// inside a string, which this treats as closing and reopening).
func splitArgs(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var args []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			quoted = !quoted
		case ',':
			if !quoted {
				args = append(args, s[start:i])
				start = i + 1
			}
		}
	}
	return append(args, s[start:])
}

func cutUnquoted(s string, sep byte) (before, after string, found bool) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\'':
			quoted = !quoted
		case s[i] == sep && !quoted:
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// match finds the most specific pattern for segs[i:] below n: at each
// segment a literal beats a function or key, which beats a placeholder
// with text around it, which beats a bare placeholder. Backtracking keeps
// the first complete match in that order.
func (n *node) match(segs []string, i int) *node {
	if i == len(segs) {
		if n.entry >= 0 {
			return n
		}
		return nil
	}
	s := segs[i]
	if c := n.lit(s); c != nil {
		if m := c.match(segs, i+1); m != nil {
			return m
		}
	}
	if name, params, ok := parseCall(s); ok {
		if m := n.matchCall(s, name, params, segs, i); m != nil {
			return m
		}
	} else {
		// A function whose parameters went into the query string
		// (getWebPartsByPosition?isInVerticalSection=true).
		for _, c := range named(n.calls, s) {
			if m := c.next.match(segs, i+1); m != nil {
				return m
			}
		}
	}
	if isValue(s) {
		for _, t := range n.tmpls {
			if len(s) > len(t.prefix)+len(t.suffix) && strings.HasPrefix(s, t.prefix) && strings.HasSuffix(s, t.suffix) {
				if m := t.next.match(segs, i+1); m != nil {
					return m
				}
			}
		}
		if n.param != nil {
			if m := n.param.match(segs, i+1); m != nil {
				return m
			}
		}
	}
	// $value, $count, $ref without a pattern of their own: the parent's
	// permissions apply.
	if strings.HasPrefix(s, "$") && n.entry >= 0 && allSystem(segs[i:]) {
		return n
	}
	// A type cast (/members/microsoft.graph.user) narrows the parent's
	// results; without a pattern of its own the parent's permissions apply.
	if strings.HasPrefix(s, "microsoft.graph.") {
		return n.match(segs, i+1)
	}
	// A drive's root is one of its items: /drive/root/workbook is
	// /drive/items/{id}/workbook when the reference lists only the latter.
	if s == "root" {
		if c := n.lit("items"); c != nil && c.param != nil {
			return c.param.match(segs, i+1)
		}
	}
	return nil
}

func (n *node) matchCall(s, name, params string, segs []string, i int) *node {
	overloads := named(n.calls, name)
	for _, c := range overloads {
		if c.params == params {
			if m := c.next.match(segs, i+1); m != nil {
				return m
			}
		}
	}
	switch {
	case params == "":
		// delta() is delta.
		if c := n.lit(name); c != nil {
			if m := c.match(segs, i+1); m != nil {
				return m
			}
		}
	case !strings.Contains(params, ","):
		// Key syntax, users('id') or users(userPrincipalName='upn'): the
		// same as /users/{id} when the reference has no key pattern.
		if c := n.lit(name); c != nil {
			rest := append([]string{keyValue(s)}, segs[i+1:]...)
			if m := c.match(rest, 0); m != nil {
				return m
			}
		}
	}
	// Another overload of the function: same permissions in practice.
	for _, c := range overloads {
		if c.params != params {
			if m := c.next.match(segs, i+1); m != nil {
				return m
			}
		}
	}
	// A function the reference writes without its parameters
	// (/reports/getRelyingPartyDetailedSummary).
	if c := n.lit(name); c != nil && params != "" {
		return c.match(segs, i+1)
	}
	return nil
}

// isValue reports whether a segment can stand for a placeholder: OData
// system segments ($value) and type casts are never ids.
func isValue(s string) bool {
	return s != "" && !strings.HasPrefix(s, "$") && !strings.HasPrefix(s, "microsoft.graph.")
}

func allSystem(segs []string) bool {
	for _, s := range segs {
		if !strings.HasPrefix(s, "$") {
			return false
		}
	}
	return true
}
