package history

import (
	"regexp"
	"strings"

	"github.com/graphtui/graphtui/internal/redact"
)

// Headers whose names contain one of these carry credentials or session
// state (Authorization, Proxy-Authorization, Cookie, X-Api-Key, ...). They
// are dropped whatever their value, because a history file outlives tokens
// but is still read by whoever gets the home directory.
var secretHeaderParts = []string{"auth", "cookie", "token", "secret", "password", "passwd", "key", "session", "signature", "credential"}

// Query options that carry credentials when someone pastes a URL. Graph's
// own $skiptoken is a paging cursor, not a secret, so it stays.
var secretQueryKeys = map[string]bool{
	"access_token": true, "id_token": true, "refresh_token": true, "token": true,
	"client_secret": true, "client_assertion": true, "code": true, "password": true,
	"sig": true, "signature": true, "api-key": true, "apikey": true, "key": true,
}

// A JWT: header and payload are base64url JSON, so both start with eyJ.
var jwtPattern = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*`)

// scrubPath redacts JWTs anywhere and credentials in the query string. The
// path part is left alone otherwise: OneDrive paths such as
// /me/drive/root:/code:/children must survive.
func scrubPath(p string) string {
	path, query, hasQuery := strings.Cut(p, "?")
	path = jwtPattern.ReplaceAllString(path, "[redacted-jwt]")
	if !hasQuery {
		return path
	}
	return path + "?" + redact.String(query)
}

// A value that starts with an HTTP auth scheme followed by a credential.
var authSchemeValue = regexp.MustCompile(`(?i)^\s*(bearer|basic|negotiate|ntlm|pop|digest)\s+\S{8,}`)

// secretHeader reports whether a header must not be stored.
func secretHeader(name, value string) bool {
	n := strings.ToLower(name)
	for _, part := range secretHeaderParts {
		if strings.Contains(n, part) {
			return true
		}
	}
	return secretValue(value)
}

// secretValue reports whether a value looks like a token: a JWT, an auth
// scheme with a credential, or anything redact.String would scrub.
func secretValue(v string) bool {
	return authSchemeValue.MatchString(v) || redact.String(v) != v
}

// scrub returns e without credentials: such headers and query options are
// dropped and credential-shaped fragments of the path are redacted.
func scrub(e Entry) Entry {
	out := e
	out.Path = scrubPath(e.Path)
	out.Query = nil
	for _, q := range e.Query {
		if secretQueryKeys[strings.ToLower(q.Key)] || secretValue(q.Key) || secretValue(q.Value) {
			continue
		}
		out.Query = append(out.Query, q)
	}
	out.Header = nil // a fresh slice: the caller's is not sorted in place
	for _, h := range e.Header {
		if secretHeader(h.Name, h.Value) {
			continue
		}
		out.Header = append(out.Header, h)
	}
	return out
}
