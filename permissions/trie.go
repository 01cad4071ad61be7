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
	lits    []edge      // literal segments, lower-cased: "users", "delta", "$value"
	calls   []edge      // function or key segments by name, overloads adjacent: "getoffice365activeuserdetail(period={value})"
	tmpls   []*template // a placeholder with literal text around it: "{id}:"
	param   *node       // a whole-segment placeholder: "{id}"
	entry   int32       // index into index.entries; -1: no pattern ends here
	methods methodSet   // the methods entry is listed for
	depth   int32       // segments from the root
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

// insert adds a lower-cased pattern, listed for methods, below root.
func (t *trail) insert(root *node, lower string, id int32, methods methodSet) {
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
		n.entry, n.methods = id, methods
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
