package auth

import "github.com/graphtui/graphtui/internal/redact"

// Redactor scrubs the secrets and tokens a Manager has seen; see
// internal/redact, where the patterns live.
type Redactor = redact.Redactor

// Redact scrubs credential-shaped fragments from s (no literals known).
func Redact(s string) string { return redact.String(s) }
