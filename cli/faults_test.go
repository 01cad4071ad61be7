package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/fakeidp"
	"github.com/graphtui/graphtui/internal/memkeyring"
	"github.com/graphtui/graphtui/profiles"
)

// The fault catalogue of issue 6, run through the real command line: a
// fake identity platform and a Graph server that misbehave on purpose.
// Every row checks the exit code (1 for HTTP and token failures, 2 for
// usage and config), what stderr says, and that neither the client secret
// nor the access token reaches any output. A hang is caught by go test's
// -timeout; how fast a row runs is the benchmarks' business, not an assert.
//
// Rows tested elsewhere: an absolute URL to another host and a header with
// a line break (TestUsageErrorsExitTwo, TestForeignHostNamesTheAllowedHost),
// an unknown key (TestConfigErrorExitsTwoAndNamesFileAndLine); the TUI's
// escaping of response strings (TestViewerEscapesControlCharacters in ui).

// faultRun is one command line against the fault servers.
type faultRun struct {
	code     int
	out, err string
}

// runFault runs graphtui with config and the fake tenant's secret in its
// environment. setup may adjust the App (timeouts, keyring, Graph client).
func runFault(t *testing.T, ctx context.Context, config string, setup func(*App), args ...string) faultRun {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{
		Out: &out, Err: &errb,
		LookupEnv: func(k string) (string, bool) {
			if k == "GRAPHTUI_CONFIG" {
				return config, true
			}
			return fakeidp.Env(k)
		},
		Build:         BuildInfo{Version: "test"}.withDefaults(),
		TokenTimeout:  time.Second,
		SecretTimeout: time.Second,
	}
	if setup != nil {
		setup(app)
	}
	r := faultRun{code: app.Run(ctx, args), out: out.String(), err: errb.String()}
	all := r.out + r.err
	if strings.Contains(all, fakeidp.Secret) {
		t.Errorf("the output contains the client secret:\n%s", all)
	}
	if strings.Contains(all, "eyJ") {
		t.Errorf("the output contains something JWT-shaped:\n%s", all)
	}
	if strings.ContainsRune(r.err, 0x1b) {
		t.Errorf("stderr contains a raw ESC: %q", r.err)
	}
	return r
}

func (r faultRun) check(t *testing.T, code int, stderr ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d\nstderr:\n%s", r.code, code, r.err)
	}
	for _, s := range stderr {
		if !strings.Contains(r.err, s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.err)
		}
	}
}

// graphServer is a Graph that answers with h and counts what it got.
type graphServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []*http.Request
}

func newGraphServer(t *testing.T, h http.HandlerFunc) *graphServer {
	g := &graphServer{}
	g.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		g.reqs = append(g.reqs, r.Clone(context.Background()))
		g.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(g.Close)
	return g
}

func (g *graphServer) requests() []*http.Request {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]*http.Request(nil), g.reqs...)
}

// faultConfig writes a config with one profile, "fault", that gets tokens
// from idp and sends Graph requests to graphURL.
func faultConfig(t *testing.T, idp *fakeidp.Server, graphURL string, change func(*profiles.Profile)) string {
	t.Helper()
	p := idp.Profile("fault", graphURL)
	if change != nil {
		change(&p)
	}
	return fakeidp.WriteConfig(t, t.TempDir(), p)
}

// noSleep records retry waits instead of waiting.
type noSleep struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *noSleep) tune(a *App) {
	a.tuneClient = func(c *graph.Client) {
		c.Sleep = func(ctx context.Context, d time.Duration) error {
			s.mu.Lock()
			s.waits = append(s.waits, d)
			s.mu.Unlock()
			return ctx.Err()
		}
	}
}

func gzipped(t *testing.T, s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	zw.Close()
	return b.Bytes()
}

func TestCLIGraphFaults(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	retryDate := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		name   string
		graph  http.HandlerFunc
		args   []string
		tune   func(*App)
		code   int
		stderr []string
		stdout string
	}{
		{
			name:   "reset mid-body",
			graph:  func(w http.ResponseWriter, r *http.Request) { hangUpMidBody(w, `{"value":[{"id":"1"}]}`, 8) },
			code:   1,
			stderr: []string{"Body incomplete after 8 B", "reading the response body", "closed before the response was complete; try again"},
		},
		{
			name:   "truncated JSON",
			graph:  jsonBody(`{"value":[{"id":"1"},{"id":`),
			code:   0,
			stderr: []string{"200 OK", "note: the body is declared as JSON but is not valid JSON (unexpected end of JSON input at byte 27 of 27); it is shown as received"},
			stdout: `{"value":[{"id":"1"},{"id":`,
		},
		{
			name:   "truncated JSON while paging",
			graph:  jsonBody(`{"value":[{"id":"1"},{"id":`),
			args:   []string{"--all"},
			code:   1,
			stderr: []string{"Paging stopped: page 1: a page is not valid JSON; paging stopped (unexpected end of JSON input"},
		},
		{
			name:   "JSON body larger than the cap is streamed whole",
			graph:  jsonBody(`{"value":[` + strings.Repeat(`{"id":"1"},`, 200) + `{"id":"last"}]}`),
			args:   []string{"--max-body", "1000"},
			code:   0,
			stderr: []string{"200 OK", "2.2 KB"},
			stdout: `"id": "last"`,
		},
		{
			name: "text body larger than the cap",
			graph: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				io.WriteString(w, strings.Repeat("line of text\n", 200))
			},
			args:   []string{"--max-body", "1000"},
			code:   1,
			stderr: []string{"longer than the 1000 B that may be held", "raise the cap with --max-body, e.g. --max-body 1MB"},
		},
		{
			name:   "body larger than the cap, with a bundle",
			graph:  jsonBody(`{"value":[` + strings.Repeat(`{"id":"1"},`, 200) + `{"id":"1"}]}`),
			args:   []string{"--max-body", "1000", "--bundle", "BUNDLE"},
			code:   1,
			stderr: []string{"note: body cut at 1000 bytes (the size cap); it is incomplete", "raise the size cap with --max-body, e.g. --max-body 1MB"},
		},
		{
			name:   "body under a raised cap",
			graph:  jsonBody(`{"value":[` + strings.Repeat(`{"id":"1"},`, 200) + `{"id":"1"}]}`),
			args:   []string{"--max-body", "1KB", "--max-body", "1MB"},
			code:   0,
			stdout: `"id": "1"`,
		},
		{
			name:   "body larger than the cap while paging",
			graph:  jsonBody(`{"value":[` + strings.Repeat(`{"id":"1"},`, 200) + `{"id":"1"}]}`),
			args:   []string{"--all", "--max-body", "1000"},
			code:   1,
			stderr: []string{"Paging stopped: page 1: a page was cut at the body size cap; paging stopped", "--max-body"},
		},
		{
			name:   "not JSON with a JSON content type",
			graph:  jsonBody("<html><body>Service Unavailable \x1b[2J</body></html>"),
			code:   0,
			stderr: []string{"note: the body is declared as JSON but is not valid JSON (invalid character '<' looking for beginning of value at byte 1 of"},
			stdout: `<html><body>Service Unavailable \x1b[2J</body></html>`,
		},
		{
			name: "gzip body",
			graph: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(gzipped(t, `{"value":[{"id":"zipped"}]}`))
			},
			args:   []string{"-o", "json"},
			code:   0,
			stdout: `{"value":[{"id":"zipped"}]}`,
		},
		{
			name: "gzip bytes without Content-Encoding",
			graph: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Write(gzipped(t, `{"value":[]}`))
			},
			code:   1,
			stderr: []string{"not valid JSON", "graphtui: the body is binary (application/json,", "write it raw to a file instead"},
		},
		{
			name:   "invalid UTF-8",
			graph:  jsonBody("{\"displayName\":\"Zo\xeb \xff\"}"),
			args:   []string{"-o", "json"},
			code:   0,
			stderr: []string{"200 OK"},
		},
		{
			name:   "JSON nested 100,000 levels deep",
			graph:  jsonBody(strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)),
			code:   0,
			stderr: []string{"note: the body is declared as JSON but is not valid JSON (invalid character '[' exceeded max depth at byte 10001 of 200000); it is shown as received"},
		},
		{
			name:   "a single 10 MB line",
			graph:  jsonBody(`{"value":"` + strings.Repeat("x", 10<<20) + `"}`),
			args:   []string{"-o", "json"},
			code:   0,
			stderr: []string{"200 OK", "10.0 MB"},
		},
		{
			name:   "escape sequences inside response strings",
			graph:  jsonBody(`{"displayName":"\u001b]0;pwned\u0007\u001b[31mred","note":"\u009b2J"}`),
			code:   0,
			stdout: `"\u001b]0;pwned\u0007\u001b[31mred"`,
		},
		{
			name: "escape sequences in a Graph error message",
			graph: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				io.WriteString(w, `{"error":{"code":"BadRequest","message":"bad \u001b[2Jthing"}}`)
			},
			code:   1,
			stderr: []string{`Graph error: BadRequest: bad \x1b[2Jthing`},
		},
		{
			name:   "429 storm, Retry-After in seconds",
			graph:  throttle(http.StatusTooManyRequests, "1", -1),
			tune:   (&noSleep{}).tune,
			code:   1,
			stderr: []string{"HTTP 429: retrying in 1s (Retry-After: 1)", "HTTP 429: giving up after 3 retries", "Graph error: TooManyRequests"},
		},
		{
			name:   "429 storm, Retry-After as an HTTP date",
			graph:  throttleAt(retryDate),
			tune:   (&noSleep{}).tune,
			code:   1,
			stderr: []string{"HTTP 429: retrying in 2s (Retry-After: " + retryDate.Add(2*time.Second).Format(http.TimeFormat) + ")", "giving up after 3 retries", "Graph error: HTTP 429 Too Many Requests, with an empty body"},
		},
		{
			name:   "429 storm, no Retry-After",
			graph:  throttle(http.StatusTooManyRequests, "", -1),
			tune:   (&noSleep{}).tune,
			code:   1,
			stderr: []string{"HTTP 429: retrying in 1s (no usable Retry-After; exponential backoff)", "retrying in 2s", "retrying in 4s", "giving up after 3 retries"},
		},
		{
			name:   "503 with Retry-After, then success",
			graph:  throttle(http.StatusServiceUnavailable, "2", 1),
			tune:   (&noSleep{}).tune,
			code:   0,
			stderr: []string{"HTTP 503: retrying in 2s (Retry-After: 2)", "200 OK"},
			stdout: `"ok"`,
		},
		{
			name: "nextLink loop",
			graph: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, `{"value":[{"id":"1"}],"@odata.nextLink":"https://%s/v1.0/users?$skiptoken=same"}`, r.Host)
			},
			args:   []string{"--all"},
			code:   1,
			stderr: []string{"Paging stopped: page 2: @odata.nextLink points back to a page already fetched"},
		},
		{
			name: "slow response past --timeout",
			graph: func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			args:   []string{"--timeout", "300ms"},
			code:   1,
			stderr: []string{"Request failed: GET ", "no complete response within 300ms (the per-request timeout)"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := newGraphServer(t, tc.graph)
			config := faultConfig(t, idp, g.URL, nil)
			args := slices.Clone(tc.args)
			if i := slices.Index(args, "BUNDLE"); i >= 0 {
				args[i] = filepath.Join(t.TempDir(), "bundle.txt")
			}
			r := runFault(t, context.Background(), config, tc.tune, append([]string{"get", "/users"}, args...)...)
			r.check(t, tc.code, tc.stderr...)
			if tc.stdout != "" && !strings.Contains(r.out, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%.500s", tc.stdout, r.out)
			}
			if strings.ContainsRune(r.out, 0x1b) {
				t.Errorf("stdout contains a raw ESC: %.300q", r.out)
			}
		})
	}
}

func jsonBody(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, body)
	}
}

// throttle answers status with Retry-After retryAfter ("" = none) to the
// first n requests (n < 0: all of them), then 200.
func throttle(status int, retryAfter string, n int32) http.HandlerFunc {
	var calls atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if c := calls.Add(1); n < 0 || c <= n {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(status)
			io.WriteString(w, `{"error":{"code":"TooManyRequests","message":"Too many requests, slow down."}}`)
			return
		}
		io.WriteString(w, `{"value":["ok"]}`)
	}
}

// throttleAt says "retry 2 s after my clock" with a date, whatever the local
// clock says: the wait is measured against the response's Date.
func throttleAt(now time.Time) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", now.Format(http.TimeFormat))
		w.Header().Set("Retry-After", now.Add(2*time.Second).Format(http.TimeFormat))
		w.WriteHeader(http.StatusTooManyRequests)
	}
}

// hangUpMidBody declares the whole body, sends sent bytes of it and drops
// the connection.
func hangUpMidBody(w http.ResponseWriter, body string, sent int) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	io.WriteString(w, body[:sent])
	w.(http.Flusher).Flush()
	if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
		conn.Close()
	}
}

func TestCLIGraphConnectionRefused(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r := runFault(t, context.Background(), faultConfig(t, idp, "https://"+addr, nil), nil, "get", "/users")
	r.check(t, 1, `Request failed: Get "https://`+addr+`/v1.0/users"`, "connection refused", "nothing accepts connections at "+addr+": check graph_host")
}

// The token must not follow a redirect off the Graph host, and the user
// is told the redirect happened without it.
func TestCLIRedirectToAnotherHost(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	other := newGraphServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "file content")
	})
	g := newGraphServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/download?sig=secret-signature", http.StatusFound)
	})
	r := runFault(t, context.Background(), faultConfig(t, idp, g.URL, nil), nil, "get", "/me/drive/items/1/content", "-o", "raw")
	otherHost := strings.TrimPrefix(other.URL, "https://")
	r.check(t, 0, "redirected to "+other.URL+"/download?…; the token was not sent to "+otherHost, "note: redirected to "+otherHost+"; the token was not sent")
	if r.out != "file content" {
		t.Errorf("stdout %q", r.out)
	}
	if g.requests()[0].Header.Get("Authorization") == "" {
		t.Error("Graph itself got no token")
	}
	for _, req := range other.requests() {
		if a := req.Header.Get("Authorization"); a != "" {
			t.Errorf("the other host got Authorization %q", a)
		}
	}
	if strings.Contains(r.err, "secret-signature") {
		t.Error("the download link's query is shown")
	}
}

func TestCLIForeignNextLinkIsRefused(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	other := newGraphServer(t, jsonBody(`{"value":[]}`))
	g := newGraphServer(t, jsonBody(`{"value":[{"id":"1"}],"@odata.nextLink":"`+other.URL+`/v1.0/users?$skiptoken=x"}`))
	r := runFault(t, context.Background(), faultConfig(t, idp, g.URL, nil), nil, "get", "/users", "--all")
	r.check(t, 1, "Paging stopped: refusing to follow @odata.nextLink to "+strings.TrimPrefix(other.URL, "https://"),
		"the token is only sent to "+strings.TrimPrefix(g.URL, "https://"))
	if n := len(other.requests()); n != 0 {
		t.Errorf("the other host got %d requests", n)
	}
}

// Ctrl-C during a slow response returns at once. The server answers only
// when the client goes away, so a run that ignored the cancel would wait
// out the 100 s --timeout and report a timeout, not "cancelled".
func TestCLICancelDuringSlowResponse(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	arrived := make(chan struct{}, 1)
	g := newGraphServer(t, func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-r.Context().Done()
	})
	config := faultConfig(t, idp, g.URL, nil)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	r := runFault(t, ctx, config, nil, "get", "/users")
	r.check(t, 1, "Request failed: cancelled")
}

// Spaces, non-ASCII letters and '#' in the path, and a config file whose
// own path has all three.
func TestCLIAwkwardPaths(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	g := newGraphServer(t, jsonBody(`{}`))
	dir := filepath.Join(t.TempDir(), "my configs #2 (Zoë)")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	config := fakeidp.WriteConfig(t, dir, idp.Profile("fault", g.URL))
	r := runFault(t, context.Background(), config, nil, "get", "/me/drive/root:/Reports 2024/Zoë #1.txt:", "-q", "$select=name,size")
	r.check(t, 0, "200 OK")
	got := g.requests()[0].URL
	if want := "/v1.0/me/drive/root:/Reports%202024/Zo%C3%AB%20%231.txt:"; got.EscapedPath() != want || got.RawQuery != "$select=name,size" {
		t.Errorf("the server got %s?%s, want %s?$select=name,size", got.EscapedPath(), got.RawQuery, want)
	}
}

func TestCLITokenFaults(t *testing.T) {
	cases := []struct {
		name   string
		token  http.HandlerFunc
		stderr []string
	}{
		{
			name: "5xx with a gateway's HTML page",
			token: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				io.WriteString(w, "<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>")
			},
			stderr: []string{`Token request failed for profile "fault" (HTTP 502)`, "Cause: The token endpoint answered HTTP 502 without an identity platform error body.", "description: 502 Bad Gateway nginx"},
		},
		{
			name: "HTML instead of JSON",
			token: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				io.WriteString(w, "<html><body>Sign in to continue</body></html>")
			},
			stderr: []string{"Cause: The token endpoint answered with something that is not a token response (an HTML page or broken JSON).", "Sign in to continue", "Next:", "Check authority_host"},
		},
		{
			name: "garbage JSON",
			token: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"access_token": 42, "expires_in": "soon"`)
			},
			stderr: []string{"not a token response"},
		},
		{
			name: "slow past the token timeout",
			token: func(w http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body)
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			stderr: []string{"Cause: The identity platform did not answer within 300ms.", "Check the network path to"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			idp := fakeidp.Start(t, tc.token)
			g := newGraphServer(t, jsonBody(`{}`))
			config := faultConfig(t, idp, g.URL, nil)
			short := func(a *App) { a.TokenTimeout = 300 * time.Millisecond }
			for _, args := range [][]string{{"get", "/users"}, {"token"}} {
				r := runFault(t, context.Background(), config, short, args...)
				r.check(t, 1, tc.stderr...)
				if r.out != "" {
					t.Errorf("%s: stdout %q", args[0], r.out)
				}
			}
			if n := len(g.requests()); n != 0 {
				t.Errorf("Graph got %d requests without a token", n)
			}
		})
	}
}

func TestCLITokenEndpointUnreachable(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	config := faultConfig(t, idp, "https://127.0.0.1:9", nil)
	idp.Close()
	r := runFault(t, context.Background(), config, nil, "token")
	r.check(t, 1, `Token request failed for profile "fault"`, "Cause: The identity platform could not be reached.", "connection refused")
}

// A token that is not a JWT: graphtui says it cannot read it, and does not
// blame missing consent when Graph refuses it.
func TestCLITokenThatIsNotAJWT(t *testing.T) {
	idp := fakeidp.Start(t, func(w http.ResponseWriter, r *http.Request) { fakeidp.WriteToken(w, "opaque-token") })
	g := newGraphServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"error":{"code":"InvalidAuthenticationToken","message":"IDX14100: JWT is not well formed."}}`)
	})
	config := faultConfig(t, idp, g.URL, nil)
	r := runFault(t, context.Background(), config, nil, "token")
	r.check(t, 0)
	if !strings.Contains(r.out, "claims: the access token is not a readable JWT") || strings.Contains(r.out, "roles: none") {
		t.Errorf("stdout:\n%s", r.out)
	}
	r = runFault(t, context.Background(), config, nil, "get", "/users")
	r.check(t, 1, "Graph error: InvalidAuthenticationToken: IDX14100")
	if strings.Contains(r.err, "consent") {
		t.Errorf("an unreadable token is blamed on consent:\n%s", r.err)
	}
}

// hangingKeyring is a keyring backend that never answers (a Secret
// Service waiting for a desktop prompt).

type hangingKeyring struct{ release chan struct{} }

func (k hangingKeyring) Get(string, string) (string, error) { <-k.release; return "", nil }
func (k hangingKeyring) Set(string, string, string) error   { <-k.release; return nil }
func (k hangingKeyring) Delete(string, string) error        { <-k.release; return nil }

func TestCLIBadInput(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	g := newGraphServer(t, jsonBody(`{}`))
	certOnly, wrongPFX := writeCredentialFiles(t)
	release := make(chan struct{})
	defer close(release)
	short := func(a *App) { a.SecretTimeout = 300 * time.Millisecond }

	cases := []struct {
		name   string
		config string                  // raw config text ("" = a fault profile changed by change)
		change func(*profiles.Profile) // applied to the fault profile
		setup  func(*App)
		code   int
		stderr []string
	}{
		{name: "malformed TOML", config: "[profiles.a]\ntenant = \"contoso.onmicrosoft.com\nclient_id = \"x\"\n",
			code: 2, stderr: []string{"config.toml:2:", `profile "a", key "tenant": invalid TOML`}},
		{name: "wrong type", config: "[profiles.a]\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = 42\nclient_secret = \"env:A\"\n",
			code: 2, stderr: []string{"config.toml:3:", `key "client_id": must be a string in quotes, not a number`}},
		{name: "duplicate profile name", config: "[profiles.a]\ntenant = \"a.com\"\n\n[profiles.a]\ntenant = \"b.com\"\n",
			code: 2, stderr: []string{"config.toml:4:", `profile "a" is defined twice (first at line 1); profile names must be unique`}},
		{name: "unreadable certificate", config: "[profiles.a]\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\ncertificate = \"" + t.TempDir() + "\"\n",
			code: 2, stderr: []string{"config.toml:4:", `key "certificate": cannot read`, "fix the path"}},
		{name: "certificate without its key", change: func(p *profiles.Profile) { p.ClientSecret, p.Certificate = "", certOnly },
			code: 1, stderr: []string{`Could not load the credential of profile "fault"`, "holds no private key; put the certificate and its key in one file"}},
		{name: "certificate with the wrong password", change: func(p *profiles.Profile) {
			p.ClientSecret, p.Certificate, p.CertificatePassword = "", wrongPFX, "env:"+fakeidp.SecretEnv
		},
			code: 1, stderr: []string{"wrong password for " + wrongPFX}},
		{name: "env: reference to an unset variable", change: func(p *profiles.Profile) { p.ClientSecret = "env:GRAPHTUI_FAULT_UNSET" },
			code: 1, stderr: []string{"environment variable GRAPHTUI_FAULT_UNSET (from env:GRAPHTUI_FAULT_UNSET) is not set; export it"}},
		{name: "cmd: that fails", change: func(p *profiles.Profile) { p.ClientSecret = `cmd:sh -c "echo vault is locked >&2; exit 3"` },
			code: 1, stderr: []string{"cmd: sh failed (exit status 3); it said: vault is locked; run the command yourself"}},
		{name: "cmd: that hangs", change: func(p *profiles.Profile) { p.ClientSecret = "cmd:sleep 10" }, setup: short,
			code: 1, stderr: []string{"cmd: sleep did not finish within 300ms; check that it runs without prompting"}},
		{name: "keyring: backend that fails", change: func(p *profiles.Profile) { p.ClientSecret = "keyring:fault" },
			setup: func(a *App) {
				a.Keyring = memkeyring.Broken{Err: errors.New("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided")}
			},
			code: 1, stderr: []string{"keyring:fault: org.freedesktop.DBus.Error.ServiceUnknown"}},
		{name: "keyring: backend that hangs", change: func(p *profiles.Profile) { p.ClientSecret = "keyring:fault" },
			setup: func(a *App) { a.Keyring = hangingKeyring{release}; short(a) },
			code:  1, stderr: []string{"keyring:fault: the keyring did not answer within 300ms", "use an env:, file: or cmd: reference instead"}},
		{name: "keyring: with no keyring at all", change: func(p *profiles.Profile) { p.ClientSecret = "keyring:fault" },
			code: 1, stderr: []string{"keyring:fault: no keyring is available here; use an env:, file: or cmd: reference"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var config string
			if tc.config != "" {
				config = filepath.Join(t.TempDir(), "config.toml")
				if err := os.WriteFile(config, []byte(tc.config), 0o600); err != nil {
					t.Fatal(err)
				}
			} else {
				config = faultConfig(t, idp, g.URL, tc.change)
			}
			r := runFault(t, context.Background(), config, tc.setup, "get", "/users")
			r.check(t, tc.code, tc.stderr...)
			if tc.code == 1 && !strings.Contains(r.err, "Next:") {
				t.Errorf("no next step:\n%s", r.err)
			}
		})
	}
	if n := len(g.requests()); n != 0 {
		t.Errorf("Graph got %d requests", n)
	}
}

// writeCredentialFiles writes a PEM holding only a certificate, and a
// PKCS#12 file whose password is not fakeidp.Secret.
func writeCredentialFiles(t *testing.T) (certOnly, pfx string) {
	t.Helper()
	cert, key := fakeidp.SelfSigned(t, "fault")
	dir := t.TempDir()
	certOnly = filepath.Join(dir, "cert-only.pem")
	if err := os.WriteFile(certOnly, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := pkcs12.Modern.Encode(key, cert, nil, "another password")
	if err != nil {
		t.Fatal(err)
	}
	pfx = filepath.Join(dir, "app.pfx")
	if err := os.WriteFile(pfx, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return certOnly, pfx
}
