package profiles

import (
	"errors"
	"fmt"
	"strings"
)

// ConfigError is one problem in a config file or a profile. Callers can
// inspect the fields; Error() renders them as
//
//	FILE:LINE: profile "NAME", key "KEY": MESSAGE
//
// leaving out the parts that do not apply. Message says what is wrong and
// what to do next; it never contains a secret value.
type ConfigError struct {
	File    string // empty for profiles that do not come from a file
	Line    int    // 1-based; 0 when unknown
	Column  int    // 1-based; only for TOML syntax errors
	Profile string // profile name; empty for file-level problems
	Key     string // config key; empty when the problem is the whole table
	Message string
}

func (e *ConfigError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
			if e.Column > 0 {
				fmt.Fprintf(&b, ":%d", e.Column)
			}
		}
		b.WriteString(": ")
	}
	if e.Profile != "" {
		fmt.Fprintf(&b, "profile %q", e.Profile)
		if e.Key != "" {
			fmt.Fprintf(&b, ", key %q", e.Key)
		}
		b.WriteString(": ")
	} else if e.Key != "" {
		fmt.Fprintf(&b, "key %q: ", e.Key)
	}
	b.WriteString(e.Message)
	return b.String()
}

// Errors is every problem found in one pass, so the user can fix them all at
// once instead of one run per mistake.
type Errors []*ConfigError

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find each *ConfigError.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// AsErrors returns the config problems inside err, if any.
func AsErrors(err error) (Errors, bool) {
	var es Errors
	if errors.As(err, &es) {
		return es, true
	}
	var one *ConfigError
	if errors.As(err, &one) {
		return Errors{one}, true
	}
	return nil, false
}

// orNil keeps a nil Errors from becoming a non-nil error interface.
func (es Errors) orNil() error {
	if len(es) == 0 {
		return nil
	}
	return es
}
