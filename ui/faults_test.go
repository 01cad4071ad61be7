package ui

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/fakeidp"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// The TUI under Graph and token faults: a fake identity platform and Graph
// servers that misbehave on purpose. After each fault the screen must say
// what happened and the UI must still work. Escape sequences inside
// response strings are covered by the viewer's own tests (TestViewerEscapes*
// in viewer_test.go); the CLI runs the whole catalogue in cli/faults_test.go.

// startFaultFlow opens the TUI on ps, whose tokens come from idp.
func startFaultFlow(t *testing.T, idp *fakeidp.Server, ps ...profiles.Profile) *flow {
	t.Helper()
	backend := &Backend{
		Session: testSession(t, session.Options{
			Config:  fakeidp.WriteConfig(t, t.TempDir(), ps...),
			Auth:    auth.NewManager(auth.Options{Secrets: profiles.Secrets{LookupEnv: fakeidp.Env}, Timeout: 2 * time.Second}),
			Version: "test",
		}),
		MaxPages: graph.DefaultMaxPages,
	}
	return newFlow(t, Options{Backend: backend, Title: "fault test"}, 120, 40, nil)
}

func graphStub(t *testing.T, h http.HandlerFunc) *httptest.Server {
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func okUsers(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"value":[{"displayName":"Fault Tolerant"}]}`)
}

// escCancels presses esc on a request in flight: the screen must say it
// was cancelled (waitFor's own deadline catches a cancel that never lands;
// how fast it lands is no test's business on a loaded machine).
func (f *flow) escCancels() {
	f.t.Helper()
	f.press("esc")
	f.waitFor("cancelled: GET /users")
}

// sendPath types a path into the request builder (which has the focus at
// start) and sends it; the focus moves to the response.
func (f *flow) sendPath(path string) {
	f.typeText(path)
	f.press("enter")
}

func TestFaultConnectionRefusedThenAnotherProfileWorks(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "https://" + ln.Addr().String()
	ln.Close()
	up := graphStub(t, okUsers)
	f := startFaultFlow(t, idp, idp.Profile("down", down), idp.Profile("up", up.URL))
	f.waitFor("down", "1 role")

	f.sendPath("/users")
	f.waitFor("connection refused", "nothing accepts connections")

	// Still usable: pick the other profile and send again.
	f.press("tab") // response → profiles
	f.press("down")
	f.press("tab")   // → request
	f.press("i")     // edit the path, still /users
	f.press("enter") // send
	f.waitFor("200 OK", "Fault Tolerant")
}

func TestFaultSlowResponseEscCancelsThenANewRequestWorks(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	var calls atomic.Int32
	arrived := make(chan struct{}, 1)
	srv := graphStub(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 { // the first request hangs until the client gives up
			arrived <- struct{}{}
			<-r.Context().Done()
			return
		}
		okUsers(w, r)
	})
	f := startFaultFlow(t, idp, idp.Profile("slow", srv.URL))
	f.waitFor("slow", "1 role")

	f.sendPath("/users")
	select {
	case <-arrived:
	case <-time.After(5 * time.Second):
		t.Fatal("the request never reached the server")
	}
	f.escCancels()

	f.press("ctrl+l", "enter") // back to the path, still there: send
	f.waitFor("200 OK", "Fault Tolerant")
}

func TestFaultSlowTokenEscCancelsThenANewRequestWorks(t *testing.T) {
	idp, arrived, release := fakeidp.StartHanging(t)
	srv := graphStub(t, okUsers)
	f := startFaultFlow(t, idp, idp.Profile("slow-login", srv.URL))
	f.waitFor("slow-login")
	select { // the picker's token request is hanging
	case <-arrived:
	case <-time.After(5 * time.Second):
		t.Fatal("the picker never asked for a token")
	}

	f.sendPath("/users")
	f.waitFor("GET /users")
	f.escCancels()

	release() // the identity platform recovers
	f.press("ctrl+l", "enter")
	f.waitFor("200 OK", "Fault Tolerant")
}

func TestFault429StormShowsRetriesInTrace(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	var calls atomic.Int32
	srv := graphStub(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"error":{"code":"TooManyRequests","message":"slow down"}}`)
			return
		}
		okUsers(w, r)
	})
	f := startFaultFlow(t, idp, idp.Profile("busy", srv.URL))
	f.waitFor("busy", "1 role")
	f.sendPath("/users")
	f.waitFor("200 OK", "Fault Tolerant")
	f.typeText("r") // Trace tab
	s := f.waitFor("HTTP 429: retrying in 0s (Retry-After: 0)")
	if n := strings.Count(s, "HTTP 429: retrying"); n != 2 {
		t.Errorf("%d retries in the trace, want 2:\n%s", n, s)
	}
}

func TestFaultRetryGivenUpIsExplained(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	srv := graphStub(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	f := startFaultFlow(t, idp, idp.Profile("down-for-maintenance", srv.URL))
	f.waitFor("down-for-maintenance", "1 role")
	f.sendPath("/users")
	f.waitFor("503", "giving up after 3 retries")
}

func TestFaultHugeNestedJSON(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	deep := strings.Repeat(`{"a":`, 100_000) + "1" + strings.Repeat("}", 100_000)
	var calls atomic.Int32
	srv := graphStub(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if calls.Add(1) == 1 {
			io.WriteString(w, deep)
			return
		}
		okUsers(w, r)
	})
	f := startFaultFlow(t, idp, idp.Profile("deep", srv.URL))
	f.waitFor("deep", "1 role")
	f.sendPath("/users")
	f.waitFor("200 OK", "not valid JSON", `{"a":{"a":`)

	f.press("ctrl+l", "enter") // still usable
	f.waitFor("Fault Tolerant")
}

// A Graph host that answers with HTML under a JSON content type: the note
// says so and the page is shown as text.
func TestFaultHTMLWithJSONContentType(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	srv := graphStub(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, "<html><body>Gateway says hi</body></html>")
	})
	f := startFaultFlow(t, idp, idp.Profile("html", srv.URL))
	f.waitFor("html", "1 role")
	f.sendPath("/users")
	f.waitFor("200 OK", "declared as JSON but is not valid JSON", "Gateway says hi")
}
