// Package audit works out, from the calls an app makes, the least
// privileged application permissions that allow them all, and compares them
// with what the app's token was granted: what to remove, what to add, which
// granted role each call uses today. It reads the permission reference only;
// nothing here touches the network.
package audit

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/permissions"
)

// Call is one request the app makes.
type Call struct {
	Method string `json:"method"` // upper-case; GET when the source gives none
	URL    string `json:"url"`    // a path (/users?$select=id) or a full URL, as given
}

func (c Call) String() string { return c.Method + " " + c.URL }

// maxLine bounds one line of a call list: longer is not a request.
const maxLine = 64 << 10

// ParseList reads a call list: one call a line, an optional method (GET
// when absent) then a path or full URL; blank lines and lines starting
// with # are skipped. Its error names the line.
func ParseList(r io.Reader) ([]Call, error) {
	var calls []Call
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		calls = append(calls, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("after line %d: %v", n, err)
	}
	return calls, nil
}

func parseLine(line string) (Call, error) {
	first, rest, spaced := strings.Cut(line, " ")
	if !spaced {
		first, rest, spaced = strings.Cut(line, "\t")
	}
	// A URL's query may hold spaces ($filter=a eq 'b'): only a leading word
	// of letters is a method.
	if !spaced && knownMethod(strings.ToUpper(line)) {
		return Call{}, fmt.Errorf("%s without a path: write e.g. %s /users", strings.ToUpper(line), strings.ToUpper(line))
	}
	if !spaced || !isWord(first) {
		return Call{Method: "GET", URL: line}, nil
	}
	method := strings.ToUpper(first)
	if !knownMethod(method) {
		return Call{}, fmt.Errorf("unknown method %q: use GET, POST, PATCH, PUT or DELETE, or give the path alone for GET", termsafe.Line(first))
	}
	return Call{Method: method, URL: strings.TrimSpace(rest)}, nil
}

func isWord(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return s != ""
}

func knownMethod(m string) bool {
	for _, k := range permissions.Methods() {
		if m == k {
			return true
		}
	}
	return false
}

// FromHistory turns a profile's TUI history (newest first) into calls,
// oldest first, each with the method it was sent with.
func FromHistory(entries []history.Entry) []Call {
	calls := make([]Call, 0, len(entries))
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		url := e.Path
		if len(e.Query) > 0 {
			sep := "?"
			if strings.Contains(url, "?") {
				sep = "&"
			}
			parts := make([]string, len(e.Query))
			for k, q := range e.Query {
				parts[k] = q.Key + "=" + q.Value
			}
			url += sep + strings.Join(parts, "&")
		}
		calls = append(calls, Call{Method: e.MethodName(), URL: url})
	}
	return calls
}

// dedupe keeps the first of calls equal in method and URL, in order.
func dedupe(calls []Call) []Call {
	seen := map[Call]bool{}
	out := make([]Call, 0, len(calls))
	for _, c := range calls {
		c.Method = strings.ToUpper(strings.TrimSpace(c.Method))
		if c.Method == "" {
			c.Method = "GET"
		}
		c.URL = strings.TrimSpace(c.URL)
		if c.URL == "" || seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	return out
}
