package permissions

import "strings"

// Match is what the reference says about one concrete GET path.
type Match struct {
	// Path is the path as matched: scheme, host, version prefix and query
	// string removed, percent-decoded, e.g. "/users/adele@contoso.com/messages".
	Path string
	// Pattern is the reference's pattern, e.g. "/users/{id}/messages".
	Pattern string
	// Least are the least-privileged Application permissions for GET (may
	// be several, equally least privileged); empty when AppOnly is false.
	// Least[0] is graphtui's pick, the same on every run: tenant-wide
	// before resource-specific consent, then by name among equals.
	Least []string
	// CoLeast are Least[1:], the alternatives to the pick: any one of them
	// is as good.
	CoLeast []string
	// RSC are resource-specific consent permissions that the reference
	// flags least privileged here while graphtui names a tenant-wide one in
	// Least (see RSCNote for why); empty when there are none.
	RSC []string
	// All is every Application permission that allows GET on the pattern,
	// least privileged first.
	All []string
	// AppOnly is false when the path exists but no Application permission
	// allows it, or it is a /me or /education/me path (an app token has no
	// signed-in user): not callable app-only.
	AppOnly bool
	// Instead, for a /me path, is the app-callable pattern that names the
	// user, e.g. "/users/{id}/messages" for /me/messages; "" when there is
	// none.
	Instead string
}

// RSCNote says in one line why Least names a tenant-wide permission where
// the reference prefers a resource-specific consent one (Match.RSC).
const RSCNote = "Resource-specific consent (RSC) is granted per team or chat by installing the app there, and never shows in the token's roles; graphtui names the tenant-wide permission, which one admin consent grants for every team and chat."

// Lookup finds the reference's pattern for a GET path or URL. It ignores
// case, the host (any cloud's Graph host, or any host with a scheme), the
// version prefix and the query string; literal segments beat placeholders.
// Items and sites addressed by path (root:/a/b.txt:, hostname:/sites/x:)
// match as their ids would. Every /me and /education/me path is found and
// not app-callable. It reports false when no pattern matches.
func Lookup(pathOrURL string) (Match, bool) {
	segs := splitPath(pathOrURL)
	m := Match{Path: "/" + strings.Join(segs, "/"), Least: []string{}, CoLeast: []string{}, RSC: []string{}, All: []string{}}
	if len(segs) == 0 || len(segs) > maxSegments {
		return m, false
	}
	ix := get()
	lower := matchSegments(segs)
	if k := meSegments(lower); k > 0 {
		// An app token has no signed-in user, whatever the reference lists
		// for /me (its Application permissions there are for /users/{id}),
		// and a /me path it does not list is still one.
		return ix.lookupMe(m, lower, k), true
	}
	n := ix.match(lower)
	if n == nil {
		return m, false
	}
	e := ix.entries[n.entry]
	m.Pattern = e.pattern
	for i, p := range e.perms {
		name := ix.perms[p].name
		switch {
		case i < e.least:
			m.Least = append(m.Least, name)
		case e.rsc&(1<<i) != 0:
			m.RSC = append(m.RSC, name)
		}
		m.All = append(m.All, name)
	}
	if len(m.Least) > 1 {
		m.CoLeast = m.Least[1:len(m.Least):len(m.Least)]
	}
	m.AppOnly = len(m.All) > 0
	return m, true
}

// match finds the pattern for lower-cased segments: as written (the
// reference has a few colon patterns of its own), then the item or site a
// colon path addresses, then, for /solutions/backupRestore (the docs'
// form), the reference's form without /solutions.
func (ix *index) match(lower []string) *node {
	if n := ix.root.match(lower, 0); n != nil {
		return n
	}
	if resolved, ok := resolveAddressing(lower); ok {
		if n := ix.root.match(resolved, 0); n != nil {
			return n
		}
	}
	if len(lower) > 1 && lower[0] == "solutions" && lower[1] == "backuprestore" {
		return ix.match(lower[1:])
	}
	return nil
}

// meSegments counts the leading segments that name the signed-in user: 1
// for /me/..., 2 for /education/me/..., 0 for any other path.
func meSegments(lower []string) int {
	switch {
	case len(lower) > 0 && lower[0] == "me":
		return 1
	case len(lower) > 1 && lower[0] == "education" && lower[1] == "me":
		return 2
	}
	return 0
}

// lookupMe describes a /me path: never app-callable, its pattern the
// reference's own or else the /users/{id} one spelled with /me, and the
// /users/{id} pattern to use instead.
func (ix *index) lookupMe(m Match, lower []string, k int) Match {
	users := append(append(append([]string{}, lower[:k-1]...), "users", "{id}"), lower[k:]...)
	me := "/" + strings.Join(append(append([]string{}, lower[:k-1]...), "me"), "/")
	m.Pattern = m.Path
	if n := ix.match(users); n != nil {
		e := ix.entries[n.entry]
		if len(e.perms) > 0 {
			m.Instead = e.pattern
		}
		if rest := afterSegments(e.pattern, k+1); rest != "" {
			m.Pattern = me + "/" + rest
		} else {
			m.Pattern = me
		}
	}
	if n := ix.match(lower); n != nil {
		m.Pattern = ix.entries[n.entry].pattern
	}
	return m
}

// isMe reports whether a lower-cased pattern is about the signed-in user.
func isMe(lower string) bool {
	return lower == "/me" || strings.HasPrefix(lower, "/me/") ||
		lower == "/education/me" || strings.HasPrefix(lower, "/education/me/")
}
