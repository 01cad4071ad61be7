package graph

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Graph API versions. Graph has exactly these two.
const (
	VersionV1   = "v1.0"
	VersionBeta = "beta"
)

// Request is one Graph request as the user wrote it.
type Request struct {
	Method  string       // "GET", "POST", "PATCH", "PUT" or "DELETE"; "" means GET. Only Do sends other methods.
	Body    []byte       // sent as is by Do (see CheckBody); nil sends none
	Version string       // "v1.0" or "beta"; "" means v1.0. A version already in Path wins.
	Path    string       // "/users", "users", "beta/users", "/users?$top=5" or an absolute URL on the Graph host
	Query   []QueryParam // appended after any query in Path, in order; values are plain text, encoded here
	Header  http.Header  // extra headers (e.g. ConsistencyLevel); they carry over to next pages
}

// QueryParam is one query option, such as $select=id,displayName.
// Order matters to people reading URLs, so it is a slice, not url.Values.
type QueryParam struct{ Key, Value string }

// BuildURL resolves r against the client's Base. An absolute URL is accepted
// only on the Base origin (scheme, host and port); any other host gets a
// *ForeignHostError so that the token can never be sent there.
func (c *Client) BuildURL(r Request) (*url.URL, error) {
	return c.buildURL(r, "URL")
}

// BuildURL resolves r against base, as a client on base would: for
// showing and checking a URL without a client to send it.
func BuildURL(base string, r Request) (*url.URL, error) {
	return (&Client{Base: base}).BuildURL(r)
}

func (c *Client) buildURL(r Request, what string) (*url.URL, error) {
	base, err := c.baseURL()
	if err != nil {
		return nil, err
	}
	version, err := normalizeVersion(r.Version)
	if err != nil {
		return nil, err
	}
	raw := strings.TrimSpace(r.Path)
	if raw == "" {
		return nil, errors.New("empty Graph path: give a path such as /users or /organization")
	}

	basePath := strings.TrimRight(base.EscapedPath(), "/")
	var path, query string
	if isAbsoluteURL(raw) {
		target, rest, err := splitAbsolute(raw)
		if err != nil {
			return nil, err
		}
		if !sameOrigin(target, base) {
			return nil, newForeignHostError(target, base, what)
		}
		if target.User != nil {
			return nil, fmt.Errorf("the %s %s contains a user name or password; remove it (graphtui authenticates with the profile's token)", what, target.Redacted())
		}
		path, query, _ = strings.Cut(rest, "?")
		// The URL already names the Graph root; keep only what follows it.
		if basePath != "" && strings.HasPrefix(path, basePath+"/") {
			path = path[len(basePath):]
		}
	} else {
		path, query, _ = strings.Cut(raw, "?")
	}

	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	if !hasVersion(path) {
		path = "/" + version + path
	}
	escaped := basePath + escapeRaw(path, pathSafe)

	u := &url.URL{Scheme: base.Scheme, Host: base.Host, RawPath: escaped}
	if u.Path, err = url.PathUnescape(escaped); err != nil {
		return nil, fmt.Errorf("invalid path %q: %v", raw, err)
	}

	parts := make([]string, 0, 1+len(r.Query))
	if query != "" {
		parts = append(parts, escapeRaw(query, querySafe))
	}
	for _, q := range r.Query {
		if q.Key == "" {
			return nil, fmt.Errorf("query option with an empty name (value %q): write it as KEY=VALUE, e.g. $top=5", q.Value)
		}
		parts = append(parts, escapeComponent(q.Key)+"="+escapeComponent(q.Value))
	}
	u.RawQuery = strings.Join(parts, "&")
	return u, nil
}

func normalizeVersion(v string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", VersionV1:
		return VersionV1, nil
	case VersionBeta:
		return VersionBeta, nil
	}
	return "", fmt.Errorf("unknown Graph API version %q: use %s or %s", v, VersionV1, VersionBeta)
}

// hasVersion reports whether the path (starting with "/") already names an
// API version, as in "/beta/users" or "/v1.0/$metadata".
func hasVersion(path string) bool {
	first, _, _ := strings.Cut(path[1:], "/")
	return strings.EqualFold(first, VersionV1) || strings.EqualFold(first, VersionBeta)
}

func isAbsoluteURL(s string) bool {
	i := strings.Index(s, "://")
	if i <= 0 {
		return false
	}
	for _, c := range s[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// splitAbsolute separates scheme://authority from the rest by hand, because
// url.Parse would treat '#' in an OData filter as a fragment and drop it.
func splitAbsolute(raw string) (*url.URL, string, error) {
	i := strings.Index(raw, "://")
	after := raw[i+3:]
	end := strings.IndexAny(after, "/?#")
	if end < 0 {
		end = len(after)
	}
	origin, err := url.Parse(raw[:i+3] + after[:end])
	if err != nil || origin.Host == "" {
		return nil, "", fmt.Errorf("invalid URL %q: give a path such as /users or a full https URL on the Graph host", raw)
	}
	rest := after[end:]
	if strings.HasPrefix(rest, "#") || strings.HasPrefix(rest, "?") {
		rest = "/" + rest
	}
	return origin, rest, nil
}

// sameOrigin compares scheme, host (case-insensitive) and port, filling in
// the scheme's default port, so that https://graph.microsoft.com:443 matches.
func sameOrigin(u, base *url.URL) bool {
	return strings.EqualFold(u.Scheme, base.Scheme) &&
		strings.EqualFold(u.Hostname(), base.Hostname()) &&
		effectivePort(u) == effectivePort(base)
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// Byte classes for escaping. The goal is a URL a person can read and Graph
// accepts: $, comma, quotes and parentheses stay literal, a space is %20.
var (
	pathSafe      = byteSet("-._~!$&'()*+,;=:@/")
	querySafe     = byteSet("-._~!$&'()*+,;=:@/?")
	componentSafe = byteSet("-._~!$'()*,:@/")
)

type byteClass [256]bool

func byteSet(extra string) *byteClass {
	var s byteClass
	for c := 'a'; c <= 'z'; c++ {
		s[c] = true
		s[c-'a'+'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		s[c] = true
	}
	for i := 0; i < len(extra); i++ {
		s[extra[i]] = true
	}
	return &s
}

const upperHex = "0123456789ABCDEF"

// escapeRaw keeps what the user typed, including existing %XX escapes and
// the separators & and =, and encodes only bytes that cannot appear in a URL.
func escapeRaw(s string, safe *byteClass) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case safe[c]:
			b.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(upperHex[c>>4])
			b.WriteByte(upperHex[c&15])
		}
	}
	return b.String()
}

// escapeComponent encodes a key or value given as plain text: & = + # % and
// spaces are encoded so that the value arrives exactly as written.
func escapeComponent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if componentSafe[c] {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
