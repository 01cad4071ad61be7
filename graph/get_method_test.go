package graph

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// Get and GetStream send a plain GET only: a method or a body is refused,
// by the name the caller used, before anything is sent.
func TestGetRefusesWrites(t *testing.T) {
	srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {})
	c := newClient(srv, nil)
	ctx := context.Background()
	for name, call := range map[string]func() (*Response, error){
		"Get": func() (*Response, error) {
			return c.Get(ctx, Request{Method: "post", Path: "/users"}, nil)
		},
		"GetStream": func() (*Response, error) {
			return c.GetStream(ctx, Request{Path: "/users", Body: []byte("{}")}, nil, nil)
		},
	} {
		resp, err := call()
		if resp != nil || err == nil || !strings.HasPrefix(err.Error(), name+" sends GET without a body") || !strings.Contains(err.Error(), "goes through Do") {
			t.Errorf("%s: %v, %v; want a refusal that names %s and Do", name, resp, err, name)
		}
	}
	if n := len(got.all()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}
