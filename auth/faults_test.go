package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/internal/canceltest"
	"github.com/graphtui/graphtui/internal/fakeidp"
	"github.com/graphtui/graphtui/profiles"
)

// The token endpoint faults of issue 6, one row each: what the identity
// platform (or whatever answers in its place) does, and what the user is
// told. Each row must end within the manager's timeout, with a cause and a
// next step, and without the client secret anywhere in the text.

const faultTimeout = 400 * time.Millisecond

func faultManager() *Manager {
	return NewManager(Options{Secrets: profiles.Secrets{LookupEnv: fakeidp.Env}, Timeout: faultTimeout})
}

// everyText is all the text a TokenError can put on a screen.
func everyText(te *TokenError) string {
	return strings.Join([]string{te.Error(), te.Description, te.Cause, te.NextStep, fmt.Sprint(te.Err)}, "\n")
}

func TestTokenEndpointFaults(t *testing.T) {
	cases := []struct {
		name  string
		token http.HandlerFunc
		// What the TokenError must say.
		status      int
		cause       string
		description string
	}{
		{
			name: "5xx with a gateway's HTML page",
			token: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				io.WriteString(w, "<!DOCTYPE html><html><head><style>h1{}</style></head><body><h1>502 Bad Gateway</h1>\x1b[31m</body></html>")
			},
			status: 502, cause: "answered HTTP 502 without an identity platform error body", description: "502 Bad Gateway",
		},
		{
			name:   "5xx with an empty body",
			token:  func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) },
			status: 503, cause: "answered HTTP 503", description: "HTTP 503 with an empty body",
		},
		{
			name: "5xx from the identity platform itself",
			token: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusInternalServerError)
				io.WriteString(w, `{"error":"temporarily_unavailable","error_description":"AADSTS90033: A transient error has occurred. Please try again.","error_codes":[90033],"trace_id":"t-1","correlation_id":"c-1"}`)
			},
			status: 500, cause: "refused the request", description: "AADSTS90033",
		},
		{
			name: "HTML instead of JSON with status 200 (a captive portal)",
			token: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				r.ParseForm()
				// A hostile page echoing what was posted: the secret must be scrubbed.
				fmt.Fprintf(w, "<html><body><p>Please sign in to the Wi-Fi</p><!-- %s --><p>%s</p></body></html>", r.PostForm.Encode(), r.PostForm.Get("client_secret"))
			},
			cause: "not a token response", description: "Please sign in to the Wi-Fi",
		},
		{
			name: "garbage JSON",
			token: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"token_type":"Bearer","access_token":"abc`)
			},
			cause: "not a token response",
		},
		{
			name: "JSON without an access token",
			token: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"token_type":"Bearer","expires_in":3599}`)
			},
			cause: "unusable answer",
		},
		{
			name: "slow: no answer within the timeout",
			token: func(w http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body) // so the server notices when the client hangs up
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			cause: "did not answer within " + faultTimeout.String(),
		},
		{
			// A body cut off by the deadline is a slow answer, not a bad
			// one. (Without headers, MSAL now and then reports the cut as
			// "missing access_token": about 1 run in 20 under -race.)
			name: "slow: headers, then the body stalls past the timeout",
			token: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, `{"token_type":"Bearer",`)
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			cause: "did not answer within " + faultTimeout.String(),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			idp := fakeidp.Start(t, tc.token)
			start := time.Now()
			_, err := faultManager().Token(context.Background(), idp.Profile("fault", "https://graph.invalid"))
			if took := time.Since(start); took > faultTimeout+2*time.Second {
				t.Errorf("took %s; the timeout is %s", took, faultTimeout)
			}
			var te *TokenError
			if !errors.As(err, &te) {
				t.Fatalf("got %v, want a TokenError", err)
			}
			if te.Status != tc.status || !strings.Contains(te.Cause, tc.cause) || !strings.Contains(te.Description, tc.description) {
				t.Errorf("got status %d, cause %q, description %q\nwant status %d, cause containing %q, description containing %q",
					te.Status, te.Cause, te.Description, tc.status, tc.cause, tc.description)
			}
			if te.NextStep == "" {
				t.Error("no next step")
			}
			text := everyText(te)
			if strings.Contains(text, fakeidp.Secret) || strings.ContainsRune(text, 0x1b) {
				t.Errorf("the error shows the secret or a raw escape:\n%s", text)
			}
			if strings.Contains(te.Error(), "\n") {
				t.Errorf("Error() spans lines: %q", te.Error())
			}
		})
	}
}

func TestTokenEndpointUnreachable(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	p := idp.Profile("gone", "https://graph.invalid")
	idp.Close() // connection refused from now on
	_, err := faultManager().Token(context.Background(), p)
	var te *TokenError
	if !errors.As(err, &te) || !strings.Contains(te.Cause, "could not be reached") || !strings.Contains(te.NextStep, p.LoginBase()) {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(te.Error(), "connection refused") {
		t.Errorf("the reason is lost: %s", te.Error())
	}
}

// A token that is not a JWT is still a token (Graph decides), but the user
// must be told that its roles cannot be read rather than see "no roles".
func TestTokenThatIsNotAJWT(t *testing.T) {
	idp := fakeidp.Start(t, func(w http.ResponseWriter, r *http.Request) { fakeidp.WriteToken(w, "opaque-token-value") })
	tok, err := faultManager().Token(context.Background(), idp.Profile("opaque", "https://graph.invalid"))
	if err != nil {
		t.Fatal(err)
	}
	if tok.ClaimsErr == nil || !strings.Contains(tok.ClaimsErr.Error(), "not a readable JWT") {
		t.Errorf("ClaimsErr = %v", tok.ClaimsErr)
	}
	if strings.Contains(tok.ClaimsErr.Error(), "opaque-token-value") {
		t.Error("ClaimsErr repeats the token")
	}
}

// esc in the TUI cancels the context: a slow token request, and a second
// caller waiting behind it, both return at once.
func TestCancelDuringSlowTokenRequest(t *testing.T) {
	idp, arrived, _ := fakeidp.StartHanging(t)
	m := NewManager(Options{Secrets: profiles.Secrets{LookupEnv: fakeidp.Env}}) // the default, long timeout
	p := idp.Profile("slow", "https://graph.invalid")

	first, cancelFirst := context.WithCancel(context.Background())
	firstDone := make(chan error, 1)
	go func() { _, err := m.Token(first, p); firstDone <- err }()
	waitArrived(t, arrived)
	second, cancelSecond := context.WithCancel(context.Background())
	secondDone := make(chan error, 1)
	go func() { _, err := m.Token(second, p); secondDone <- err }()

	for _, c := range []struct {
		name   string
		cancel context.CancelFunc
		done   chan error
	}{{"waiting caller", cancelSecond, secondDone}, {"caller on the wire", cancelFirst, firstDone}} {
		err := canceltest.Stops(t, "Token for the "+c.name, c.cancel, c.done)
		var te *TokenError
		if !errors.As(err, &te) || te.Cause != "cancelled" {
			t.Errorf("%s: got %v, want a cancelled TokenError", c.name, err)
		}
	}
	if m.Cached("slow") != nil {
		t.Error("a cancelled request left a token behind")
	}
}

// Cached must answer while a token request for the same profile hangs:
// the TUI calls it from its event loop.
func TestCachedDoesNotWaitForASlowRequest(t *testing.T) {
	idp, arrived, _ := fakeidp.StartHanging(t)
	m := faultManager()
	p := idp.Profile("slow", "https://graph.invalid")
	go m.Token(context.Background(), p)
	waitArrived(t, arrived)
	done := make(chan *Token, 1)
	go func() { done <- m.Cached("slow") }()
	select {
	case tok := <-done:
		if tok != nil {
			t.Errorf("Cached = %v while the first request is in flight", tok)
		}
	case <-time.After(time.Second):
		t.Fatal("Cached blocked behind the token request")
	}
}

// waitArrived waits until the identity platform holds a token request.
func waitArrived(t *testing.T, arrived <-chan struct{}) {
	t.Helper()
	select {
	case <-arrived:
	case <-time.After(5 * time.Second):
		t.Fatal("the token request never reached the identity platform")
	}
}
