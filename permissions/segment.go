package permissions

import (
	"sort"
	"strings"
)

// OData segment syntax: function calls and key segments.

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
