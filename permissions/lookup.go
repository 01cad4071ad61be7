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
	// be several); empty when AppOnly is false.
	Least []string
	// All is every Application permission that allows GET on the pattern,
	// least privileged first.
	All []string
	// AppOnly is false when the path exists but no Application permission
	// allows it, or it is a /me path (an app token has no signed-in user):
	// not callable app-only.
	AppOnly bool
}

// Lookup finds the reference's pattern for a GET path or URL. It ignores
// case, the host (any cloud's Graph host, or any host with a scheme), the
// version prefix and the query string; literal segments beat placeholders.
// It reports false when no pattern matches.
func Lookup(pathOrURL string) (Match, bool) {
	segs := splitPath(pathOrURL)
	m := Match{Path: "/" + strings.Join(segs, "/"), Least: []string{}, All: []string{}}
	if len(segs) == 0 || len(segs) > maxSegments {
		return m, false
	}
	ix := get()
	n := ix.root.match(matchSegments(segs), 0)
	if n == nil {
		return m, false
	}
	e := ix.entries[n.entry]
	m.Pattern = e.pattern
	if isMe(e.lower) {
		// An app token has no signed-in user, whatever the reference lists
		// for /me (its Application permissions there are for /users/{id}).
		return m, true
	}
	for i, p := range e.perms {
		name := ix.perms[p].name
		if i < e.least {
			m.Least = append(m.Least, name)
		}
		m.All = append(m.All, name)
	}
	m.AppOnly = len(m.All) > 0
	return m, true
}

// isMe reports whether a lower-cased pattern is about the signed-in user.
func isMe(lower string) bool { return lower == "/me" || strings.HasPrefix(lower, "/me/") }
