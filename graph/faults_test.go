package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphtui/graphtui/internal/canceltest"
	"github.com/graphtui/graphtui/render"
)

// The Graph faults of issue 6, as the client sees them. Rows covered by
// older tests are listed here so that the catalogue reads whole:
//
//	body larger than the cap           TestBodyCap, TestUnaskedGzipIsDecodedAndCapped
//	gzip body (asked, unasked, bomb)   TestUnaskedGzipIsDecodedAndCapped
//	429 / 503 storms, Retry-After in
//	seconds, as a date, absent         TestRetryAfterSeconds, TestRetryAfterHTTPDate,
//	                                   TestRetryBackoffWithoutRetryAfter, TestRetryStopsAtMaxRetries
//	cancel during a retry wait         TestCancelDuringRetryWaitReturnsAtOnce
//	per-attempt timeout                TestFailuresNeverShowTheToken
//	redirect to another host           TestRedirectToOtherHostDropsToken
//	nextLink to another host           TestForeignNextLinkIsRefused
//	nextLink loop                      TestGetAllDetectsNextLinkLoop
//	absolute URL to another host       TestTokenOnlyToGraphHost, TestBuildURLRefusesForeignHosts
//	HTML / text error bodies           TestParseErrorNonGraphBodies

// hangUp sends the headers and part of a body, then drops the connection.
func hangUp(w http.ResponseWriter, declared int, sent string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", fmt.Sprint(declared))
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, sent)
	w.(http.Flusher).Flush()
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

func TestGraphBodyFaults(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 100_000) + "1" + strings.Repeat("}", 100_000)
	longLine := `{"value":"` + strings.Repeat("x", 10<<20) + `"}`
	cases := []struct {
		name        string
		contentType string
		body        string
		hangUpAfter int // > 0: declare len(body), send this many bytes, drop the connection

		err       string // a transport error containing this, or
		jsonError string // a 200 whose JSONError (and notice) contains this ("" = valid)
	}{
		{name: "reset mid-body", contentType: "application/json", body: `{"value":[{"id":"1"},{"id":"2"}]}`, hangUpAfter: 12,
			err: "closed before the response was complete"},
		{name: "truncated JSON in a complete response", contentType: "application/json", body: `{"value":[{"id":"1"},{"id":`,
			jsonError: "unexpected end of JSON input"},
		{name: "HTML with a JSON content type", contentType: "application/json; charset=utf-8", body: "<html><body>Service Unavailable</body></html>",
			jsonError: "invalid character '<' looking for beginning of value at byte 1"},
		{name: "JSON nested 100,000 levels deep", contentType: "application/json", body: deep,
			jsonError: "exceeded max depth"},
		{name: "a single 10 MB line", contentType: "application/json", body: longLine},
		{name: "invalid UTF-8 inside strings", contentType: "application/json", body: "{\"displayName\":\"Zo\xeb \xff\xfe\"}"},
		{name: "not JSON, not declared as JSON", contentType: "text/plain", body: "plain text, no JSON here"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
				if tc.hangUpAfter > 0 {
					hangUp(w, len(tc.body), tc.body[:tc.hangUpAfter])
					return
				}
				w.Header().Set("Content-Type", tc.contentType)
				io.WriteString(w, tc.body)
			})
			var log eventLog
			resp, err := newClient(srv, nil).Get(context.Background(), Request{Path: "/users"}, log.add)
			log.assertNoToken(t)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got %v, want an error containing %q", err, tc.err)
				}
				assertNoToken(t, "error", err.Error())
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(resp.Body, []byte(tc.body)) {
				t.Errorf("the body was changed on the way (%d bytes, want %d)", len(resp.Body), len(tc.body))
			}
			notices := strings.Join(resp.Notices, "\n")
			switch {
			case tc.jsonError == "" && resp.JSONError != nil:
				t.Errorf("JSONError %v for a valid body", resp.JSONError)
			case tc.jsonError != "" && (resp.JSONError == nil || !strings.Contains(resp.JSONError.Error(), tc.jsonError)):
				t.Errorf("JSONError = %v, want one containing %q", resp.JSONError, tc.jsonError)
			case tc.jsonError != "" && !strings.Contains(notices, "declared as JSON but is not valid JSON"):
				t.Errorf("no notice tells the user: %q", resp.Notices)
			}
			// Printing it must work and must not take the terminal over.
			var out bytes.Buffer
			if err := render.Pretty(&out, resp.Body, tc.contentType, render.ColorNone, ""); err != nil {
				t.Errorf("Pretty: %v", err)
			}
			if bytes.IndexByte(out.Bytes(), 0x1b) >= 0 {
				t.Error("Pretty wrote a raw ESC")
			}
		})
	}
}

func TestConnectionRefusedSaysWhatToCheck(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c := &Client{Base: "https://" + addr, Token: func(context.Context) (string, error) { return testToken, nil }}
	_, err = c.Get(context.Background(), Request{Path: "/users"}, nil)
	if err == nil || !strings.Contains(err.Error(), "connection refused") || !strings.Contains(err.Error(), "nothing accepts connections at "+addr) {
		t.Fatalf("got %v", err)
	}
	assertNoToken(t, "error", err.Error())
}

func TestUntrustedCertificateSaysSetCAFile(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	defer srv.Close()
	c := newClient(srv, nil)
	c.HTTP = &http.Client{} // the system roots do not include httptest's certificate
	_, err := c.Get(context.Background(), Request{Path: "/users"}, nil)
	if err == nil || !strings.Contains(err.Error(), "set ca_file") {
		t.Fatalf("got %v", err)
	}
}

// Paging must not go on past a page whose nextLink cannot be read.
func TestGetAllStopsAtAPageThatIsNotJSON(t *testing.T) {
	srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page") == "" {
			fmt.Fprintf(w, `{"value":[{"id":"1"}],"@odata.nextLink":"https://%s/v1.0/users?page=2"}`, r.Host)
			return
		}
		io.WriteString(w, `{"value":[{"id":"2"}],"@odata.nextLink":"https://`+r.Host+`/v1.0/users?page=`) // cut short
	})
	pages := 0
	err := newClient(srv, nil).GetAll(context.Background(), Request{Path: "/users"}, 10, nil, func(*Response) error { pages++; return nil })
	if !errors.Is(err, ErrPageNotJSON) || !strings.Contains(err.Error(), "page 2") {
		t.Fatalf("got %v, want ErrPageNotJSON for page 2", err)
	}
	if pages != 2 || len(got.all()) != 2 {
		t.Errorf("%d pages delivered, %d requests", pages, len(got.all()))
	}
}

// A newline in a header value would let it add headers of its own
// (including a second Authorization); nothing is sent.
func TestHeaderInjectionIsRefused(t *testing.T) {
	srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {})
	for name, h := range map[string]http.Header{
		"CRLF in a value": {"X-Test": {"a\r\nAuthorization: Bearer stolen"}},
		"LF in a value":   {"X-Test": {"a\nb"}},
		"NUL in a value":  {"X-Test": {"a\x00b"}},
		"space in a name": {"X Test": {"a"}},
		"colon in a name": {"X-Test:": {"a"}},
	} {
		_, err := newClient(srv, nil).Get(context.Background(), Request{Path: "/users", Header: h}, nil)
		if err == nil || !strings.Contains(err.Error(), "header") {
			t.Errorf("%s: got %v, want a header error", name, err)
		}
	}
	if n := len(got.all()); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

// Spaces, non-ASCII letters and '#' in a path reach Graph as the same
// segments, percent-encoded once.
func TestAwkwardPathsReachTheServerIntact(t *testing.T) {
	srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {})
	cases := []struct{ path, wantEscaped, wantQuery string }{
		{"/me/drive/root:/Reports 2024/Zoë #1.txt:/content", "/v1.0/me/drive/root:/Reports%202024/Zo%C3%AB%20%231.txt:/content", ""},
		{"/groups?$filter=displayName eq 'C# & Go'", "/v1.0/groups", "$filter=displayName%20eq%20'C%23%20&%20Go'"},
		{"/users/ünïcødé@contoso.com", "/v1.0/users/%C3%BCn%C3%AFc%C3%B8d%C3%A9@contoso.com", ""},
	}
	c := newClient(srv, nil)
	for _, tc := range cases {
		if _, err := c.Get(context.Background(), Request{Path: tc.path}, nil); err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		reqs := got.all()
		r := reqs[len(reqs)-1]
		if r.URL.EscapedPath() != tc.wantEscaped || r.URL.RawQuery != tc.wantQuery {
			t.Errorf("%s: the server got %s?%s\nwant %s?%s", tc.path, r.URL.EscapedPath(), r.URL.RawQuery, tc.wantEscaped, tc.wantQuery)
		}
		path, _, _ := strings.Cut(tc.path, "?")
		if r.URL.Path != "/v1.0"+path {
			t.Errorf("%s: decoded path %q", tc.path, r.URL.Path)
		}
	}
}

// Header values the server sends are printed (request-id, date); control
// characters net/http lets through must arrive escaped.
func TestHeaderValuesAreMadePrintable(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "abc\u009b31mdef\xff")
		w.WriteHeader(http.StatusNotFound)
	})
	resp, err := newClient(srv, nil).Get(context.Background(), Request{Path: "/users"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{resp.RequestID, resp.Error.RequestID} {
		if s != `abc\u009b31mdef\xff` {
			t.Errorf("request-id shown as %q", s)
		}
	}
}

// esc in the TUI and Ctrl-C in the CLI cancel the context: the request
// returns at once however slow the server is.
func TestCancelDuringSlowResponse(t *testing.T) {
	for _, stage := range []string{"before the headers", "in the middle of the body"} {
		t.Run(stage, func(t *testing.T) {
			release := make(chan struct{})
			defer close(release)
			arrived := make(chan struct{}, 1)
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
				if stage != "before the headers" {
					w.Header().Set("Content-Length", "100")
					io.WriteString(w, `{"value":[`)
					w.(http.Flusher).Flush()
				}
				arrived <- struct{}{}
				select {
				case <-release:
				case <-r.Context().Done():
				}
			})
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			c := newClient(srv, nil)
			reading := make(chan struct{})
			c.HTTP.Transport = signalBody{c.HTTP.Transport, reading}
			go func() {
				_, err := c.Get(ctx, Request{Path: "/users"}, nil)
				done <- err
			}()
			<-arrived // the client waits for the headers
			if stage != "before the headers" {
				select { // the client has read into the body and waits for more
				case <-reading:
				case <-time.After(5 * time.Second):
					t.Fatal("the client never read the start of the body")
				}
			}
			if err := canceltest.Stops(t, "Get", cancel, done); !errors.Is(err, context.Canceled) {
				t.Errorf("got %v, want context.Canceled", err)
			}
		})
	}
}

// signalBody is a transport that closes reading once the client has read
// the first bytes of a response body.
type signalBody struct {
	http.RoundTripper
	reading chan struct{}
}

func (s signalBody) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.RoundTripper.RoundTrip(r)
	if err == nil {
		resp.Body = &firstRead{ReadCloser: resp.Body, reading: s.reading}
	}
	return resp, err
}

type firstRead struct {
	io.ReadCloser
	reading chan struct{}
	once    sync.Once
}

func (b *firstRead) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.once.Do(func() { close(b.reading) })
	}
	return n, err
}
