package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// writeMethods are the methods Do sends besides GET.
var writeMethods = []string{http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete}

// IsWrite reports whether method changes data: POST, PATCH, PUT or DELETE
// (any case). GET and "" do not.
func IsWrite(method string) bool {
	for _, m := range writeMethods {
		if strings.EqualFold(strings.TrimSpace(method), m) {
			return true
		}
	}
	return false
}

// Do sends one request with its method and body, retrying as Get does
// (a write only after 429, see isRead). Whether a write may be sent at all
// is the caller's to decide first (profiles.Profile.MayWrite and a
// confirmation); Do refuses only what it cannot send: an unknown method,
// a body on GET or DELETE, and JSON batching.
func (c *Client) Do(ctx context.Context, r Request, ev func(Event)) (*Response, error) {
	m := strings.ToUpper(strings.TrimSpace(r.Method))
	switch {
	case m == "" || m == http.MethodGet:
		r.Method = ""
	case IsWrite(m):
		r.Method = m
	default:
		return nil, fmt.Errorf("method %q is not one graphtui sends: use GET, POST, PATCH, PUT or DELETE", r.Method)
	}
	if r.Body != nil && (r.Method == "" || r.Method == http.MethodDelete) {
		return nil, fmt.Errorf("%s takes no body here; give a body with POST, PATCH or PUT", methodName(r.Method))
	}
	u, err := c.BuildURL(r)
	if err != nil {
		return nil, err
	}
	if IsBatch(u.Path) {
		return nil, ErrBatch
	}
	return c.fetch(ctx, u, r, 1, emitter(ev), nil)
}

// ErrBatch refuses JSON batching: one $batch request carries many, each
// with its own method, and graphtui checks and confirms requests one by one.
var ErrBatch = errors.New("JSON batching (POST /$batch) is not supported: send the requests one by one")

// IsBatch reports whether a URL path ends in Graph's $batch endpoint
// (/v1.0/$batch, /beta/$batch; any case, a trailing slash or a query).
func IsBatch(path string) bool {
	p, _, _ := strings.Cut(path, "?")
	p = strings.TrimSuffix(strings.ToLower(p), "/")
	return p == "$batch" || strings.HasSuffix(p, "/$batch")
}

func methodName(m string) string {
	if m == "" {
		return http.MethodGet
	}
	return m
}
