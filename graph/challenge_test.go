package graph

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A 401's WWW-Authenticate says why the token was refused (a claims
// challenge, for one): it reaches the error, made printable.
func TestErrorKeepsTheAuthenticateChallenge(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("WWW-Authenticate", `Bearer realm="", error="insufficient_claims", claims="e30="`)
		// Go's client refuses ESC in a header line, but lets C1 through.
		w.Header().Add("WWW-Authenticate", "PoP nonce=\"\xc2\x9b2J\"")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":{"code":"InvalidAuthenticationToken","message":"Continuous access evaluation resulted in challenge"}}`)
	})
	resp, err := newClient(srv, nil).Get(context.Background(), Request{Path: "/users"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Error == nil {
		t.Fatal("a 401 gave no error")
	}
	got := resp.Error.Challenge
	if !strings.Contains(got, `error="insufficient_claims", claims="e30="`) || !strings.Contains(got, "PoP nonce=") {
		t.Errorf("Challenge = %q, want both WWW-Authenticate headers", got)
	}
	if strings.Contains(got, "\u009b") {
		t.Errorf("Challenge = %q carries raw control characters", got)
	}
}
