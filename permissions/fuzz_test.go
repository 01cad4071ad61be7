package permissions

import (
	"strings"
	"testing"
)

// Lookup and Suggest take whatever the user typed or pasted: they never
// panic, and a match is always a pattern of the index.
func FuzzLookup(f *testing.F) {
	for _, c := range lookupCases {
		f.Add(c.in)
	}
	for _, s := range []string{
		"", "/", "//", "?", "#", "://", "https://", "https://graph.microsoft.com",
		"/users('", "/users(')", "/users(a=)", "/users(='x')", "/users(,,)", "/users)(", "/users('a,b')",
		"/users/%", "/users/%zz", "/users/%2F", "/drive/root:", "/drive/root:/", "/drive/root::/:",
		"/$value", "/users/$count/$ref", "/microsoft.graph.user", "/users/{id}", "/users/{",
		"/users/" + strings.Repeat("a/", 200), strings.Repeat("(", 100), "/users/\x00/\xff",
	} {
		f.Add(s)
	}
	patterns := map[string]bool{}
	for _, e := range get().entries {
		patterns[e.pattern] = true
	}
	f.Fuzz(func(t *testing.T, in string) {
		m, ok := Lookup(in)
		if ok && !patterns[m.Pattern] {
			t.Fatalf("Lookup(%q) = %q, not a pattern of the index", in, m.Pattern)
		}
		if len(m.Least) > len(m.All) || m.AppOnly != (len(m.All) > 0) {
			t.Fatalf("Lookup(%q) = %+v: inconsistent", in, m)
		}
		for _, s := range Suggest(in, 5) {
			if !patterns[s] {
				t.Fatalf("Suggest(%q) gave %q, not a pattern of the index", in, s)
			}
		}
	})
}
