package permissions

import (
	"slices"
	"strings"
	"testing"
)

func TestSuggestRanking(t *testing.T) {
	cases := []struct {
		why, input string
		first      string   // the top suggestion
		within     []string // also among the first 5
	}{
		{"prefix: the collection itself first", "/us", "/users", []string{"/users/{id}", "/users/delta"}},
		{"absolute URL typed so far", "https://graph.microsoft.com/v1.0/us", "/users", nil},
		{"without a leading slash", "groups", "/groups", nil},
		{"a literal next segment beats an id being typed", "/users/de", "/users/delta", nil},
		{"after a slash: the children", "/users/", "/users/{id}", []string{"/users/delta"}},
		{"an id typed so far matches the placeholder", "/users/adele@contoso.com/mess", "/users/{id}/messages", []string{"/users/{id}/messages/{id}"}},
		{"an id typed so far, short prefix", "/users/abc/me", "/users/{id}/memberof", []string{"/users/{id}/messages"}},
		{"key syntax typed so far", "/users('abc')/mess", "/users/{id}/messages", nil},
		{"function overloads", "/reports/getOffice365ActiveUserDetail(", "/reports/getoffice365activeuserdetail(date={value})",
			[]string{"/reports/getoffice365activeuserdetail(period={value})"}},
		{"fuzzy: a subsequence", "usrmsg", "/users/{id}/messages", nil},
		{"fuzzy: a letter dropped", "/grp", "/groups", nil},
		{"fuzzy: a typo in the last segment", "/users/x/mesages", "/users/{id}/messages", nil},
		{"fuzzy: a typo in the middle", "/sits/x/lsts", "/sites/{id}/lists", nil},
		{"typo: letters swapped", "/usres", "/users", nil},
		{"typo: a wrong letter, then an id", "/userz/x", "/users/{id}", nil},
		{"typo in a finished word", "/grups/x/membrs", "/groups/{id}/members", nil},
	}
	for _, c := range cases {
		t.Run(c.input, func(t *testing.T) {
			got := Suggest(c.input, 5)
			if len(got) == 0 || got[0] != c.first {
				t.Fatalf("%s\nSuggest(%q) = %q, want %s first", c.why, c.input, got, c.first)
			}
			for _, w := range c.within {
				if !slices.Contains(got, w) {
					t.Errorf("%s\nSuggest(%q) = %q, want %s among them", c.why, c.input, got, w)
				}
			}
		})
	}
}

// Patterns continuing what was typed come before fuzzy ones.
func TestSuggestPrefixFirst(t *testing.T) {
	for in, prefix := range map[string]string{
		"/users/":       "/users/",
		"/groups/x/mem": "/groups/{id}/mem",
		"/sites/s/li":   "/sites/{id}/li",
	} {
		got := Suggest(in, 20)
		fuzzy := false
		for _, s := range got {
			cont := strings.HasPrefix(strings.ToLower(s), prefix)
			if fuzzy && cont {
				t.Errorf("Suggest(%q) = %q: %s comes after a fuzzy match", in, got, s)
			}
			fuzzy = fuzzy || !cont
		}
		if len(got) == 0 || !strings.HasPrefix(strings.ToLower(got[0]), prefix) {
			t.Errorf("Suggest(%q) = %q, want %s... first", in, got, prefix)
		}
	}
}

// /me needs a signed-in user: app-only suggestions come first.
func TestSuggestMeLast(t *testing.T) {
	got := Suggest("/m", 10)
	seenMe := false
	for _, s := range got {
		me := s == "/me" || strings.HasPrefix(strings.ToLower(s), "/me/")
		if seenMe && !me {
			t.Fatalf("Suggest(/m) = %q: %s after a /me pattern", got, s)
		}
		seenMe = seenMe || me
	}
	if !seenMe {
		t.Errorf("Suggest(/m) = %q: /me patterns are kept, below the others", got)
	}
	for _, s := range Suggest("", 20) {
		if strings.HasPrefix(s, "/me") {
			t.Errorf("Suggest(\"\") offers %s among the first 20", s)
		}
	}
}

// Suggestions are patterns of the index, placeholders kept, GET-able,
// without duplicates, at most n.
func TestSuggestReturnsPatterns(t *testing.T) {
	patterns := map[string]bool{}
	for _, e := range get().entries {
		patterns[e.pattern] = true
	}
	for _, in := range []string{"", "/", "/users/", "/us", "usrmsg", "/users/x/", "/zzzz", "/me/drive/root:/a:/"} {
		got := Suggest(in, 12)
		if len(got) > 12 {
			t.Errorf("Suggest(%q): %d suggestions, asked for 12", in, len(got))
		}
		seen := map[string]bool{}
		for _, s := range got {
			if seen[s] {
				t.Errorf("Suggest(%q): %s twice", in, s)
			}
			seen[s] = true
			if !patterns[s] {
				t.Errorf("Suggest(%q) gave %s, which is not a pattern of the index", in, s)
			}
		}
	}
	if !slices.ContainsFunc(Suggest("/users/", 5), func(s string) bool { return strings.Contains(s, "{id}") }) {
		t.Error("Suggest(/users/) kept no {id} placeholder")
	}
	if got := Suggest("/us", 0); got != nil {
		t.Errorf("Suggest(n=0) = %q", got)
	}
	if got := Suggest("/qqqqqqqq", 5); len(got) != 0 {
		t.Errorf("Suggest(/qqqqqqqq) = %q, want nothing", got)
	}
}
