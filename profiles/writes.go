package profiles

import (
	"fmt"
	"strings"
)

// isWriteMethod: POST, PATCH, PUT and DELETE change data; GET does not.
func isWriteMethod(method string) bool {
	switch strings.ToUpper(strings.TrimSpace(method)) {
	case "POST", "PATCH", "PUT", "DELETE":
		return true
	}
	return false
}

// MayWrite is the write guard: nil for GET (or ""), and for a write when
// the profile's config says allow_writes = true; otherwise a
// *WritesOffError naming the key and the file to put it in. Call it before
// any network call; a confirmation comes after it, never instead.
func (p Profile) MayWrite(method string) error {
	if !isWriteMethod(method) || p.AllowWrites {
		return nil
	}
	return &WritesOffError{Profile: p.Name, Method: strings.ToUpper(strings.TrimSpace(method)), File: p.Source.File}
}

// WritesOffError is a write refused because the profile does not allow
// writes.
type WritesOffError struct {
	Profile string
	Method  string
	File    string // the config file defining the profile; "" for an implicit one (env)
}

func (e *WritesOffError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("profile %q does not allow writes: %s changes data, and a profile from environment variables never writes; define it in a config file with %s = true",
			e.Profile, e.Method, keyAllowWrites)
	}
	return fmt.Sprintf("profile %q does not allow writes: %s changes data; add %s = true under %s in %s to let it send POST, PATCH, PUT and DELETE",
		e.Profile, e.Method, keyAllowWrites, headerFor(e.Profile), e.File)
}
