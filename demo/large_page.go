package demo

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// The large page: GET /v1.0/demo/largePage?mb=20 answers one page of about
// that many megabytes (1 to maxLargePageMB, default 20) shaped like
// /users?$select=<every property>: the generated users in order, as many
// as the size takes, numbered on past the directory's own if need be. It
// is not a Graph API (Graph caps /users at 999 a page); it is there so that
// big bodies can be tried and measured without Azure: the viewer on a
// 50 MB response, `graphtui get -o pretty` against `curl | jq`.

const (
	defaultLargePageMB = 20
	// maxLargePageMB allows pages past the 64 MiB cap on a body graphtui
	// keeps (the TUI), which `graphtui get` streams without a cap.
	maxLargePageMB = 200
)

// LargePagePath is the large page's path after the API version, with its
// size in MB as the query parameter mb.
const LargePagePath = "/demo/largePage"

// largePages keeps the last large page made: building 50 MB takes a moment,
// and benchmarks ask for the same page again and again.
type largePages struct {
	mu   sync.Mutex
	key  string // version and size
	body []byte
}

func getLargePage(c *call, _ []string) {
	mb := defaultLargePageMB
	if v := c.r.URL.Query().Get("mb"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLargePageMB {
			c.fail(errBadQuery("mb is the size of the large page in megabytes: a whole number from 1 to " + strconv.Itoa(maxLargePageMB) + "."))
			return
		}
		mb = n
	}
	body := c.t.largePage(c, mb)
	h := c.w.Header()
	h.Set("Content-Type", graphJSON)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	c.w.WriteHeader(http.StatusOK)
	if c.r.Method != http.MethodHead {
		c.w.Write(body) //nolint:errcheck // the client went away; nothing to do
	}
}

func (t *Tenant) largePage(c *call, mb int) []byte {
	t.large.mu.Lock()
	defer t.large.mu.Unlock()
	key := c.version + "/" + strconv.Itoa(mb)
	if t.large.key != key {
		t.large.key, t.large.body = "", nil // let the old page go before making the new one
		t.large.body = makeLargePage(c.contextURL("users"), t.dir.gen, mb<<20)
		t.large.key = key
	}
	return t.large.body
}

// makeLargePage writes the page directly: encoding/json would take
// seconds over 50 MB of maps.
func makeLargePage(context string, g *generatedUsers, size int) []byte {
	b := make([]byte, 0, size+4096)
	b = append(b, `{"@odata.context":`...)
	b = appendJSONString(b, context)
	b = append(b, `,"value":[`...)
	for i := 0; len(b) < size; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		for k, p := range userType.props {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, p)
			b = append(b, ':')
			b = appendJSONValue(b, generatedFields[p](g, i))
		}
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

func appendJSONValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendJSONString(b, v)
	case bool:
		return strconv.AppendBool(b, v)
	case []string:
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		return append(b, ']')
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, raw...)
}

// appendJSONString quotes s for JSON; the demo's data needs few escapes.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0 // s[:start] is appended
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(append(b, s[start:i]...), '\\', c)
			start = i + 1
		case c < 0x20:
			b = append(append(b, s[start:i]...), '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			start = i + 1
		}
	}
	return append(append(b, s[start:]...), '"')
}
