package support

import (
	"errors"
	"regexp"

	"github.com/graphtui/graphtui/internal/redact"
)

// jwtStart is a word that starts like a base64url JSON object ({" is eyJ),
// with up to two more dot-separated parts: a JWT or a piece of one. Nothing
// a person needs in a bundle looks like that, so it goes even when no
// redactor knew it. The word must start there: "monkeyJar" stays.
var jwtStart = regexp.MustCompile(`(^|[^A-Za-z0-9])eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}`)

// jwtShaped is a whole JWT: three dot-separated base64url parts, the first
// a JSON object.
var jwtShaped = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*`)

// scrubber applies the auth manager's redactor, the credential patterns
// and the JWT pattern to every string that enters a bundle.
type scrubber struct{ redact func(string) string }

func (s scrubber) clean(v string) string {
	if v == "" {
		return v
	}
	if s.redact != nil {
		v = s.redact(v)
	}
	return jwtStart.ReplaceAllString(redact.String(v), "${1}[redacted-jwt]")
}

// errJWT is the last guard: a rendered bundle that still holds something
// JWT-shaped is not written at all.
var errJWT = errors.New("support bundle not written: it would contain something shaped like a token")

func refuseJWT(out []byte) ([]byte, error) {
	if jwtShaped.Match(out) {
		return nil, errJWT
	}
	return out, nil
}
