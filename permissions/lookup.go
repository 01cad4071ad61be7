package permissions

import "strings"

// Match is what the reference says about one method on one concrete path.
type Match struct {
	// Method is the HTTP method looked up, upper-case: "GET", "POST"...
	Method string
	// Path is the path as matched: scheme, host, version prefix and query
	// string removed, percent-decoded, e.g. "/users/adele@contoso.com/messages".
	Path string
	// Pattern is the reference's pattern, e.g. "/users/{id}/messages".
	Pattern string
	// Methods are the methods the reference lists Pattern for. When the
	// lookup fails because the path is listed for other methods only,
	// Pattern and Methods say which (e.g. sendMail: POST only).
	Methods []string
	// Least are the least-privileged Application permissions for Method
	// that are enough by themselves (may be several, equally least
	// privileged). Least[0] is graphtui's pick, the same on every run:
	// tenant-wide before resource-specific consent, then by name among
	// equals. See Pick when Combinations[0].Least.
	Least []string
	// CoLeast are Least[1:], the alternatives to the pick: any one of them
	// is as good.
	CoLeast []string
	// RSC are resource-specific consent permissions that the reference
	// flags least privileged here while graphtui names a tenant-wide one in
	// Least (see RSCNote for why); empty when there are none.
	RSC []string
	// All is every Application permission that allows Method on the
	// pattern by itself, least privileged first.
	All []string
	// Combinations are permissions that allow Method only together
	// (the reference's AlsoRequires), least privileged first.
	Combinations []Combination
	// AppOnly is false when the path exists but no Application permission
	// allows Method, or it is a /me or /education/me path (an app token has
	// no signed-in user): not callable app-only.
	AppOnly bool
	// Note says in one line where the permissions come from when they are
	// not the reference's own for Method on Pattern; "" when they are.
	Note string
	// Instead, for a /me path, is the app-callable pattern that names the
	// user, e.g. "/users/{id}/messages" for /me/messages; "" when there is
	// none.
	Instead string
}

// Combination is permissions that allow a method only together, e.g.
// POST /servicePrincipals/{id}/appRoleAssignedTo: AppRoleAssignment.ReadWrite.All
// with Application.Read.All.
type Combination struct {
	// Permissions are needed together, the writing one first.
	Permissions []string
	// Least: this combination, not any single permission, is the least
	// privileged choice (only ever on the first).
	Least bool
}

// Pick is the least-privileged choice to name: the first combination when
// the reference makes it the least privileged, else Least[0] alone; nil
// when nothing allows Method app-only.
func (m Match) Pick() []string {
	switch {
	case len(m.Combinations) > 0 && m.Combinations[0].Least:
		return m.Combinations[0].Permissions
	case len(m.Least) > 0:
		return m.Least[:1]
	case len(m.Combinations) > 0:
		return m.Combinations[0].Permissions
	}
	return nil
}

// Allows reports whether roles (a token's roles claim) hold a permission
// that allows Method alone, or every permission of a combination. Names
// compare ignoring case, as Entra does.
func (m Match) Allows(roles []string) bool {
	has := func(name string) bool {
		for _, r := range roles {
			if strings.EqualFold(r, name) {
				return true
			}
		}
		return false
	}
	for _, p := range m.All {
		if has(p) {
			return true
		}
	}
	for _, c := range m.Combinations {
		all := true
		for _, p := range c.Permissions {
			all = all && has(p)
		}
		if all {
			return true
		}
	}
	return false
}

// RSCNote says in one line why Least names a tenant-wide permission where
// the reference prefers a resource-specific consent one (Match.RSC).
const RSCNote = "Resource-specific consent (RSC) is granted per team or chat by installing the app there, and never shows in the token's roles; graphtui names the tenant-wide permission, which one admin consent grants for every team and chat."

// Lookup finds the reference's pattern for a GET path or URL; see
// LookupMethod.
func Lookup(pathOrURL string) (Match, bool) { return LookupMethod("GET", pathOrURL) }

// LookupMethod finds the reference's pattern for a method (any case, ""
// is GET) on a path or URL. It ignores case, the host (any cloud's Graph
// host, or any host with a scheme), the version prefix and the query
// string; literal segments beat placeholders. Items and sites addressed by
// path (root:/a/b.txt:, hostname:/sites/x:) match as their ids would.
// Every /me and /education/me path is found and not app-callable. It
// reports false for a method it does not know and when no pattern is
// listed for the method (Match.Methods then names those the path is
// listed for, if any).
func LookupMethod(methodName, pathOrURL string) (Match, bool) {
	segs := splitPath(pathOrURL)
	meth, known := parseMethod(methodName)
	m := Match{Method: strings.ToUpper(methodName), Path: "/" + strings.Join(segs, "/"),
		Methods: []string{}, Least: []string{}, CoLeast: []string{}, RSC: []string{}, All: []string{}, Combinations: []Combination{}}
	if m.Method == "" {
		m.Method = "GET"
	}
	if !known || len(segs) == 0 || len(segs) > maxSegments {
		return m, false
	}
	ix := get()
	lower := matchSegments(segs)
	want := methodSet(1) << meth
	if k := meSegments(lower); k > 0 {
		// An app token has no signed-in user, whatever the reference lists
		// for /me (its Application permissions there are for /users/{id}),
		// and a /me path it does not list is still one.
		return ix.lookupMe(m, lower, k, meth), true
	}
	n := ix.match(lower, want)
	if n == nil && meth == methodPOST && len(lower) > 1 && lower[len(lower)-1] == "$ref" {
		// POST .../members/$ref adds a reference; the reference often
		// lists only DELETE .../members/{id} (/groups/{id}/members), and
		// the same permissions add and remove it.
		del := append(append([]string{}, lower[:len(lower)-1]...), "id", "$ref")
		if d := ix.match(del, 1<<methodDELETE); d != nil {
			e := &ix.entries[d.entry]
			parent, _ := cutLastSegment(e.pattern)
			m.Pattern, m.Methods = parent+"/$ref", []string{"POST"}
			m.Note = "The reference lists no POST for " + m.Pattern + "; adding a reference takes the permissions that remove it (DELETE " + e.pattern + ")."
			return m.fill(ix, e.grantsFor(methodDELETE)), true
		}
	}
	if n == nil {
		if other := ix.match(lower, allMethods); other != nil {
			e := ix.entries[other.entry]
			m.Pattern, m.Methods = e.pattern, e.methods.names()
		}
		return m, false
	}
	e := &ix.entries[n.entry]
	m.Pattern, m.Methods = e.pattern, e.methods.names()
	return m.fill(ix, e.grantsFor(meth)), true
}

// fill sets the permissions of one method's group.
func (m Match) fill(ix *index, g *grants) Match {
	for i, p := range g.perms {
		name := ix.perms[p].name
		switch {
		case i < g.least:
			m.Least = append(m.Least, name)
		case g.rsc&(1<<i) != 0:
			m.RSC = append(m.RSC, name)
		}
		m.All = append(m.All, name)
	}
	for i, pr := range g.pairs {
		m.Combinations = append(m.Combinations, Combination{
			Permissions: []string{ix.perms[pr[0]].name, ix.perms[pr[1]].name},
			Least:       i == 0 && g.leastPair,
		})
	}
	if len(m.Least) > 1 {
		m.CoLeast = m.Least[1:len(m.Least):len(m.Least)]
	}
	m.AppOnly = len(m.All) > 0 || len(m.Combinations) > 0
	return m
}

// cutLastSegment splits "/a/b/{id}" into "/a/b" and "{id}".
func cutLastSegment(pattern string) (string, string) {
	i := strings.LastIndexByte(pattern, '/')
	if i < 0 {
		return pattern, ""
	}
	return pattern[:i], pattern[i+1:]
}

const allMethods = methodSet(1<<methodCount - 1)

// match finds the pattern for lower-cased segments: as written (the
// reference has a few colon patterns of its own), then the item or site a
// colon path addresses, then, for /solutions/backupRestore (the docs'
// form), the reference's form without /solutions.
func (ix *index) match(lower []string, want methodSet) *node {
	if n := ix.root.match(lower, 0, want); n != nil {
		return n
	}
	if resolved, ok := resolveAddressing(lower); ok {
		if n := ix.root.match(resolved, 0, want); n != nil {
			return n
		}
	}
	if len(lower) > 1 && lower[0] == "solutions" && lower[1] == "backuprestore" {
		return ix.match(lower[1:], want)
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
func (ix *index) lookupMe(m Match, lower []string, k int, meth method) Match {
	want := methodSet(1) << meth
	users := append(append(append([]string{}, lower[:k-1]...), "users", "{id}"), lower[k:]...)
	me := "/" + strings.Join(append(append([]string{}, lower[:k-1]...), "me"), "/")
	m.Pattern = m.Path
	if n := ix.match(users, want); n != nil {
		e := ix.entries[n.entry]
		if g := e.grantsFor(meth); g != nil && (len(g.perms) > 0 || len(g.pairs) > 0) {
			m.Instead = e.pattern
		}
		if rest := afterSegments(e.pattern, k+1); rest != "" {
			m.Pattern = me + "/" + rest
		} else {
			m.Pattern = me
		}
	}
	if n := ix.match(lower, want); n != nil {
		m.Pattern = ix.entries[n.entry].pattern
	}
	return m
}

// isMe reports whether a lower-cased pattern is about the signed-in user.
func isMe(lower string) bool {
	return lower == "/me" || strings.HasPrefix(lower, "/me/") ||
		lower == "/education/me" || strings.HasPrefix(lower, "/education/me/")
}
