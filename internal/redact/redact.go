// Package redact scrubs secrets and tokens out of text before it is shown
// or stored. It is pure (no MSAL, no network), so packages that only need
// to clean text, such as history and support, do not depend on auth.
package redact

import (
	"regexp"
	"strings"
)

// Redactor scrubs secrets and tokens out of text before it is shown. Errors
// from MSAL and net/http can carry request bodies, assertions and URLs with
// query strings; they all pass through here first.
type Redactor struct {
	literals []string
}

// Add registers exact values (resolved secrets, issued tokens) to scrub.
// Very short values are ignored: scrubbing "a" would mangle every message.
func (r *Redactor) Add(values ...string) {
	for _, v := range values {
		if len(v) >= 6 {
			r.literals = append(r.literals, v)
		}
	}
}

var redactPatterns = []struct {
	re   *regexp.Regexp
	with string
}{
	// JWTs: access tokens and client assertions.
	{regexp.MustCompile(`eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*`), "[redacted-jwt]"},
	// Authorization headers.
	{regexp.MustCompile(`(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}`), "${1}[redacted]"},
}

// credentialField is a form, query, JSON or TOML field that carries a
// credential: the key, the separator with its spaces, an opening quote,
// the value.
var credentialField = regexp.MustCompile(`(?i)(client_secret|client_assertion|access_token|refresh_token|password|assertion|code|sig)(["']?\s*[=:]\s*)(["']?)([^&"'\s,}]+)`)

// secretReferences name where a secret lives (graphtui's config syntax);
// a reference is not the secret, and hiding it would hide the advice.
var secretReferences = []string{"env:", "cmd:", "file:", "keyring:"}

// scrubFields redacts credential field values. Two shapes are left alone:
// a secret reference, and prose such as "client_secret: looks like a
// plain-text secret", where a colon and a space precede an unquoted word.
// A credential after a colon is quoted (JSON) or directly attached.
func scrubFields(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range credentialField.FindAllStringSubmatchIndex(s, -1) {
		sep, quote, value := s[m[4]:m[5]], s[m[6]:m[7]], s[m[8]:m[9]]
		if endsAWord(s, m[2], m[3]) || isReference(value) || (quote == "" && strings.Contains(sep, ":") && strings.TrimRight(sep, " \t\r\n") != sep) {
			continue
		}
		b.WriteString(s[last:m[8]])
		b.WriteString("[redacted]")
		last = m[9]
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// endsAWord reports whether the short keys "code" and "sig" at s[i:j] are
// the end of a longer name (statusCode, postalCode), which holds no
// credential. "password" stays a credential inside a name (userPassword).
func endsAWord(s string, i, j int) bool {
	key := strings.ToLower(s[i:j])
	if key != "code" && key != "sig" || i == 0 {
		return false
	}
	c := s[i-1] | 0x20 // ASCII lower case
	return c >= 'a' && c <= 'z'
}

func isReference(v string) bool {
	for _, prefix := range secretReferences {
		if len(v) > len(prefix) && strings.EqualFold(v[:len(prefix)], prefix) {
			return true
		}
	}
	return false
}

// Redact returns s with every registered literal and every credential-shaped
// fragment replaced.
func (r *Redactor) Redact(s string) string {
	for _, lit := range r.literals {
		s = strings.ReplaceAll(s, lit, "[redacted]")
	}
	for _, p := range redactPatterns {
		s = p.re.ReplaceAllString(s, p.with)
	}
	return scrubFields(s)
}

// String scrubs credential-shaped fragments from s (no literals known).
func String(s string) string {
	var r Redactor
	return r.Redact(s)
}
