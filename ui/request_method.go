package ui

import (
	"net/http"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/graphtui/graphtui/graph"
)

// The method selector: GET by default, ctrl+t (m while browsing) cycles
// through the methods graphtui sends. A write's method is coloured on the
// request line so it is never sent unnoticed; the root asks before it
// leaves (model_writes.go).

// requestMethods is the cycle order: reads first, the destructive one last.
var requestMethods = []string{http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete}

// takesBody reports whether the method carries a request body.
func takesBody(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPatch, http.MethodPut:
		return true
	}
	return false
}

// Method is the selected method, upper case.
func (b *RequestBuilder) Method() string { return b.method }

// setMethod selects a method (any case; "" or unknown is GET). The path
// completions follow it: POST /users/{id}/sendMail is no GET path.
func (b *RequestBuilder) setMethod(m string) {
	if m = normalMethod(m); m == b.method {
		return
	}
	b.method = m
	if b.mode == modeBody && !takesBody(m) {
		b.leaveBody()
	}
	b.resize() // the request line's prefix changed width
	if v := b.path.Value(); strings.HasPrefix(v, "/") {
		b.out.emit(pathEditedMsg{Value: v, Method: b.method})
	}
}

// normalMethod is m in upper case, GET for "" or a method not sent.
func normalMethod(m string) string {
	m = strings.ToUpper(strings.TrimSpace(m))
	if !slices.Contains(requestMethods, m) {
		return http.MethodGet
	}
	return m
}

func (b *RequestBuilder) cycleMethod() {
	i := slices.Index(requestMethods, b.method)
	b.setMethod(requestMethods[(i+1)%len(requestMethods)])
}

// methodStyle colours the method: GET as a label, a write as a warning,
// DELETE as an error.
func (b *RequestBuilder) methodStyle() lipgloss.Style {
	s := b.c.Styles
	switch {
	case b.method == http.MethodDelete:
		return s.ErrorTitle
	case graph.IsWrite(b.method):
		return s.BadgeWarn.Bold(true)
	}
	return s.Label
}

// methodPrefix is the method and the space after it on the request line.
func (b *RequestBuilder) methodPrefix() string { return b.method + " " }

// requestMethod is the method as graph.Request carries it: "" for GET.
func (b *RequestBuilder) requestMethod() string {
	if b.method == http.MethodGet {
		return ""
	}
	return b.method
}
