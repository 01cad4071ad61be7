// Package history keeps the requests sent from the TUI, per profile, in a
// small private JSON file, so they can be recalled like shell history.
// Credentials never reach the file: see scrub.go.
package history

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/graphtui/graphtui/graph"
)

// Entry is one request as sent. Headers are a list, not an http.Header,
// so the file keeps one order and equal requests compare equal. A write's
// body is never kept: it can hold a password or a message, and recalling
// a write should make the user look at what it sends again.
type Entry struct {
	Profile string `json:"profile"`
	// Method is "POST", "PATCH", "PUT" or "DELETE"; "" is GET, so entries
	// written before methods existed load as GET and compare equal.
	Method  string             `json:"method,omitempty"`
	Version string             `json:"version,omitempty"`
	Path    string             `json:"path"`
	Query   []graph.QueryParam `json:"query,omitempty"`
	Header  []Header           `json:"header,omitempty"`
	Time    time.Time          `json:"time"`
}

// Header is one request header.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// NewEntry records r as sent with profile at time at. Header names are
// sorted because http.Header has no order.
func NewEntry(profile string, r graph.Request, at time.Time) Entry {
	e := Entry{Profile: profile, Method: entryMethod(r.Method), Version: r.Version, Path: r.Path, Query: slices.Clone(r.Query), Time: at}
	for _, name := range slices.Sorted(maps.Keys(r.Header)) {
		for _, v := range r.Header[name] {
			e.Header = append(e.Header, Header{Name: name, Value: v})
		}
	}
	return e
}

// entryMethod is the method as the file keeps it: upper case, GET as "".
func entryMethod(m string) string {
	m = strings.ToUpper(strings.TrimSpace(m))
	if m == http.MethodGet {
		return ""
	}
	return m
}

// MethodName is the entry's method, GET for an entry without one.
func (e Entry) MethodName() string {
	if e.Method == "" {
		return http.MethodGet
	}
	return e.Method
}

// Request turns the entry back into a request to replay, without a body:
// none was kept.
func (e Entry) Request() graph.Request {
	r := graph.Request{Method: e.Method, Version: e.Version, Path: e.Path, Query: slices.Clone(e.Query)}
	if len(e.Header) > 0 {
		r.Header = http.Header{}
		for _, h := range e.Header {
			r.Header.Add(h.Name, h.Value)
		}
	}
	return r
}

// SameRequest reports whether two entries describe the same request,
// whenever they were sent.
func (e Entry) SameRequest(o Entry) bool {
	return e.Profile == o.Profile && e.Method == o.Method && e.Version == o.Version && e.Path == o.Path &&
		slices.Equal(e.Query, o.Query) && slices.Equal(e.Header, o.Header)
}
