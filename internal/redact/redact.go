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
	// Form and query fields that carry credentials.
	{regexp.MustCompile(`(?i)((?:client_secret|client_assertion|access_token|refresh_token|password|assertion|code|sig)["']?\s*[=:]\s*["']?)[^&"'\s,}]+`), "${1}[redacted]"},
	// Authorization headers.
	{regexp.MustCompile(`(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}`), "${1}[redacted]"},
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
	return s
}

// String scrubs credential-shaped fragments from s (no literals known).
func String(s string) string {
	var r Redactor
	return r.Redact(s)
}
