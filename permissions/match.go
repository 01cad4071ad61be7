package permissions

import "strings"

// match finds the most specific pattern listed for one of the methods in
// want for segs[i:] below n: at each
// segment a literal beats a function or key, which beats a placeholder
// with text around it, which beats a bare placeholder. Backtracking keeps
// the first complete match in that order.
func (n *node) match(segs []string, i int, want methodSet) *node {
	if i == len(segs) {
		if n.entry >= 0 && n.methods&want != 0 {
			return n
		}
		return nil
	}
	s := segs[i]
	if c := n.lit(s); c != nil {
		if m := c.match(segs, i+1, want); m != nil {
			return m
		}
	}
	if name, params, ok := parseCall(s); ok {
		if m := n.matchCall(s, name, params, segs, i, want); m != nil {
			return m
		}
	} else {
		// A function whose parameters went into the query string
		// (getWebPartsByPosition?isInVerticalSection=true).
		for _, c := range named(n.calls, s) {
			if m := c.next.match(segs, i+1, want); m != nil {
				return m
			}
		}
	}
	if isValue(s) {
		for _, t := range n.tmpls {
			if len(s) > len(t.prefix)+len(t.suffix) && strings.HasPrefix(s, t.prefix) && strings.HasSuffix(s, t.suffix) {
				if m := t.next.match(segs, i+1, want); m != nil {
					return m
				}
			}
		}
		if n.param != nil {
			if m := n.param.match(segs, i+1, want); m != nil {
				return m
			}
		}
	}
	// $value, $count, $ref without a pattern of their own: the parent's
	// permissions apply.
	if strings.HasPrefix(s, "$") && n.entry >= 0 && n.methods&want != 0 && allSystem(segs[i:]) {
		return n
	}
	// A type cast (/members/microsoft.graph.user) narrows the parent's
	// results; without a pattern of its own the parent's permissions apply.
	if strings.HasPrefix(s, "microsoft.graph.") {
		return n.match(segs, i+1, want)
	}
	// A drive's root is one of its items: /drive/root/workbook is
	// /drive/items/{id}/workbook when the reference lists only the latter.
	if s == "root" {
		if c := n.lit("items"); c != nil && c.param != nil {
			return c.param.match(segs, i+1, want)
		}
	}
	return nil
}

func (n *node) matchCall(s, name, params string, segs []string, i int, want methodSet) *node {
	overloads := named(n.calls, name)
	for _, c := range overloads {
		if c.params == params {
			if m := c.next.match(segs, i+1, want); m != nil {
				return m
			}
		}
	}
	switch {
	case params == "":
		// delta() is delta.
		if c := n.lit(name); c != nil {
			if m := c.match(segs, i+1, want); m != nil {
				return m
			}
		}
	case !strings.Contains(params, ","):
		// Key syntax, users('id') or users(userPrincipalName='upn'): the
		// same as /users/{id} when the reference has no key pattern.
		if c := n.lit(name); c != nil {
			rest := append([]string{keyValue(s)}, segs[i+1:]...)
			if m := c.match(rest, 0, want); m != nil {
				return m
			}
		}
	}
	// Another overload of the function: same permissions in practice.
	for _, c := range overloads {
		if c.params != params {
			if m := c.next.match(segs, i+1, want); m != nil {
				return m
			}
		}
	}
	// A function the reference writes without its parameters
	// (/reports/getRelyingPartyDetailedSummary).
	if c := n.lit(name); c != nil && params != "" {
		return c.match(segs, i+1, want)
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
