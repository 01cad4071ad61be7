package session

import (
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// CheckRequest says why r must not be sent as p, before anything is sent
// (no token, no connection): a write from a profile without allow_writes
// (*profiles.WritesOffError), a method graphtui does not send, a body on
// GET or DELETE, JSON batching (graph.ErrBatch), or a JSON body that does
// not parse (*graph.BodyError, with its line and column). Send checks it
// too; front ends call it first to refuse before asking for confirmation.
func CheckRequest(p profiles.Profile, r graph.Request) error {
	method := strings.ToUpper(strings.TrimSpace(r.Method))
	if method != "" && method != http.MethodGet && !graph.IsWrite(method) {
		return fmt.Errorf("method %q is not one graphtui sends: use GET, POST, PATCH, PUT or DELETE", r.Method)
	}
	if err := p.MayWrite(method); err != nil {
		return err
	}
	if r.Body != nil && (method == "" || method == http.MethodGet || method == http.MethodDelete) {
		return fmt.Errorf("%s takes no body: give a body only with POST, PATCH or PUT", methodName(method))
	}
	if graph.IsWrite(method) {
		if u, err := graph.BuildURL(p.GraphBase(), r); err == nil && graph.IsBatch(u.Path) {
			return graph.ErrBatch
		}
	}
	if r.Body != nil && jsonBody(r.Header) {
		return graph.CheckBody(r.Body)
	}
	return nil
}

func methodName(m string) string {
	if m == "" {
		return http.MethodGet
	}
	return m
}

// jsonBody: the body is JSON unless a Content-Type says otherwise (graph
// sends application/json when none is given).
func jsonBody(h http.Header) bool {
	ct := h.Get("Content-Type")
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}
