// Package graph sends requests (GET, and writes through Do) to Microsoft
// Graph with an app-only token, retries throttled calls, follows
// @odata.nextLink pages and parses Graph error bodies; showing a body is
// package render's work. It takes plain values
// (a base URL and a token function) and knows nothing of profiles or MSAL.
package graph

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/graphtui/graphtui/render"
)

// TokenFunc returns a bearer token. It is called once per attempt, and only
// for requests to the Graph host.
type TokenFunc func(ctx context.Context) (string, error)

// Defaults for zero-valued Client fields.
const (
	DefaultTimeout = 60 * time.Second
	DefaultMaxBody = 64 << 20
	maxRedirects   = 5
)

// Client runs Graph requests. The zero value of every field but Base is
// usable. A Client is safe for concurrent use if its fields are not changed.
type Client struct {
	HTTP      *http.Client  // transport and TLS; nil means http.DefaultClient. Its CheckRedirect is replaced on a copy.
	Base      string        // Graph base URL, e.g. "https://graph.microsoft.com"
	Token     TokenFunc     // nil sends no Authorization header
	UserAgent string        // e.g. "graphtui/1.2.3"; "" means "graphtui"
	Timeout   time.Duration // per attempt, headers and body; 0 means DefaultTimeout
	MaxBody   int64         // bytes kept of a body; 0 means DefaultMaxBody
	Retry     RetryPolicy
	Sleep     func(ctx context.Context, d time.Duration) error // waits between retries; nil means a timer that honours ctx
	// JSONCheckLimit, when > 0, skips the JSON validity scan (and so
	// Response.JSONError) for bodies larger than this: callers that
	// validate while highlighting (the TUI) save about 10 ms per MB before
	// their first screen.
	JSONCheckLimit int
}

// Response is one page as received, after any retries.
type Response struct {
	URL             string // the URL requested (redirects are listed in Notices)
	Status          int
	Proto           string
	Header          http.Header
	Body            []byte // decoded from gzip if the server sent it unasked
	Truncated       bool   // Body was cut at MaxBody
	Duration        time.Duration
	RequestID       string // request-id header
	ClientRequestID string // as echoed by Graph, else the one sent
	Date            string
	Diagnostic      string // x-ms-ags-diagnostic
	NextLink        string // @odata.nextLink
	DeltaLink       string // @odata.deltaLink
	Retries         []Retry
	Notices         []string    // things the user should know: redirects, truncation, retries given up
	Error           *GraphError // set for non-2xx
	Page            int         // 1 for Get, +1 for each Next
	// JSONError is set when a complete 2xx body declared as JSON does not
	// parse (cut short by the server, an HTML page, nesting deeper than
	// 10,000 levels); the body is kept as received and a notice says so.
	JSONError error
	// Streamed is set when the body went to a BodySink as it arrived
	// (GetStream): Body is then nil, Size is how much the sink read and
	// StreamErr why it did not reach the body's end.
	Streamed  bool
	Size      int64
	StreamErr error
	request   Request
}

// BodySink takes a 2xx body as it arrives (see GetStream). Its error ends
// up in Response.StreamErr.
type BodySink func(resp *Response, body io.Reader) error

// OK reports a 2xx status.
func (r *Response) OK() bool { return r.Status >= 200 && r.Status < 300 }

func (c *Client) baseURL() (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(c.Base))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("invalid Graph base URL %q: it must look like https://graph.microsoft.com", c.Base)
	}
	return u, nil
}

func (c *Client) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

func (c *Client) maxBody() int64 {
	if c.MaxBody > 0 {
		return c.MaxBody
	}
	return DefaultMaxBody
}

func (c *Client) userAgent() string {
	if c.UserAgent != "" {
		return c.UserAgent
	}
	return "graphtui"
}

// Get fetches one page, retrying throttled attempts as the policy allows.
// A non-2xx status is not an error: it is in Response.Error. Errors are
// for requests that could not be built or answered.
func (c *Client) Get(ctx context.Context, r Request, ev func(Event)) (*Response, error) {
	return c.get(ctx, "Get", r, ev, nil)
}

// GetStream is Get for a caller that shows a large body without holding
// it: a 2xx body is handed to sink as it arrives instead of being read
// into Response.Body, and no --max-body cap applies to it. Retries happen
// only before that (they follow non-2xx statuses); other statuses, and a
// body Go cannot decode on the fly (gzip sent unasked), are read whole as
// Get reads them. Read errors mid-body and the sink's error are in
// Response.StreamErr, not the error result: part of the body was shown.
func (c *Client) GetStream(ctx context.Context, r Request, ev func(Event), sink BodySink) (*Response, error) {
	return c.get(ctx, "GetStream", r, ev, sink)
}

// get is Get and GetStream (sink nil for Get); caller names which in the
// refusal of a request that is not a plain GET, as those go through Do.
func (c *Client) get(ctx context.Context, caller string, r Request, ev func(Event), sink BodySink) (*Response, error) {
	if m := strings.ToUpper(r.Method); m != "" && m != http.MethodGet || r.Body != nil {
		return nil, fmt.Errorf("%s sends GET without a body; %s with a body goes through Do", caller, r.Method)
	}
	u, err := c.BuildURL(r)
	if err != nil {
		return nil, err
	}
	return c.fetch(ctx, u, r, 1, emitter(ev), sink)
}

// attemptState collects what CheckRedirect sees during one attempt.
type attemptState struct {
	notices []string
	emit    func(Event)
}

type attemptKey struct{}

// httpClient copies the caller's client and installs a CheckRedirect that
// strips the token whenever a redirect leaves the Graph origin.
func (c *Client) httpClient(base *url.URL) *http.Client {
	hc := http.DefaultClient
	if c.HTTP != nil {
		hc = c.HTTP
	}
	cp := *hc
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		st, _ := req.Context().Value(attemptKey{}).(*attemptState)
		if st == nil {
			st = &attemptState{emit: func(Event) {}}
		}
		if len(via) > maxRedirects {
			st.notices = append(st.notices, fmt.Sprintf("stopped after %d redirects; showing the last redirect response", maxRedirects))
			return http.ErrUseLastResponse
		}
		shown := req.URL.Redacted()
		if !sameOrigin(req.URL, base) {
			req.Header.Del("Authorization")
			st.notices = append(st.notices, fmt.Sprintf("redirected to %s; the token was not sent", req.URL.Host))
			shown = withoutQuery(req.URL) // download links carry their own credentials there
		}
		st.emit(Event{Kind: EventRedirect, URL: shown, Host: req.URL.Host, TokenSent: req.Header.Get("Authorization") != ""})
		return nil
	}
	return &cp
}

// withoutQuery shows a URL with its query elided.
func withoutQuery(u *url.URL) string {
	v := *u
	v.User, v.RawQuery, v.Fragment = nil, "", ""
	if u.RawQuery != "" {
		return v.String() + "?…"
	}
	return v.String()
}

// attempt sends one GET and reads the body. It returns an error only when
// no HTTP response could be read.
func (c *Client) attempt(ctx context.Context, u *url.URL, r Request, n int, emit func(Event), sink BodySink) (*Response, error) {
	hdr := r.Header
	base, err := c.baseURL()
	if err != nil {
		return nil, err
	}
	actx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	st := &attemptState{emit: emit}
	actx = context.WithValue(actx, attemptKey{}, st)

	method := http.MethodGet
	var send io.Reader
	if r.Method != "" {
		method = strings.ToUpper(r.Method)
	}
	if r.Body != nil {
		send = bytes.NewReader(r.Body) // rewindable: a redirect or retry sends it again
	}
	req, err := http.NewRequestWithContext(actx, method, u.String(), send)
	if err != nil {
		return nil, fmt.Errorf("building the request for %s: %w", u.Redacted(), err)
	}
	for k, vs := range hdr {
		if isOwnHeader(k) {
			continue
		}
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if r.Body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	id := newRequestID()
	req.Header.Set("client-request-id", id)
	req.Header.Set("User-Agent", c.userAgent())
	sendToken := c.Token != nil && sameOrigin(u, base)
	if sendToken {
		tok, err := c.Token(ctx)
		if err != nil {
			return nil, fmt.Errorf("getting a token: %w", err)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}

	emit(Event{Kind: EventAttempt, URL: u.String(), Attempt: n, ClientRequestID: id, TokenSent: sendToken})
	start := time.Now()
	hresp, err := c.httpClient(base).Do(req)
	if err != nil {
		return nil, transportError(ctx, u, c.timeout(), err)
	}
	defer hresp.Body.Close()
	if sink != nil && hresp.StatusCode >= 200 && hresp.StatusCode < 300 && hresp.Header.Get("Content-Encoding") == "" {
		// As below: an answer that races in after a cancel is no answer.
		// Checked again after the body, for a cancel that lands before
		// any of it arrived: nothing was shown, so it was cancelled.
		if err := actx.Err(); err != nil {
			return nil, transportError(ctx, u, c.timeout(), err)
		}
		resp := c.stream(ctx, actx, u, hresp, st, n, id, start, emit, sink)
		if err := actx.Err(); err != nil && resp.Size == 0 {
			return nil, transportError(ctx, u, c.timeout(), err)
		}
		return resp, nil
	}
	body, truncated, note, err := readBody(hresp, c.maxBody())
	if err != nil {
		return nil, transportError(ctx, u, c.timeout(), fmt.Errorf("reading the response body: %w", err))
	}
	if err := actx.Err(); err != nil {
		// Cancelling closes the connection, and a server can answer the
		// close before the socket is gone; net/http may then hand that
		// answer over as if nothing happened. Cancelled stays cancelled.
		return nil, transportError(ctx, u, c.timeout(), err)
	}
	resp := newResponse(u, hresp, body, truncated, time.Since(start), id, c.maxBody())
	resp.Notices = append(st.notices, resp.Notices...)
	if note != "" {
		resp.Notices = append(resp.Notices, note)
	}
	if resp.OK() && !truncated && (c.JSONCheckLimit <= 0 || len(body) <= c.JSONCheckLimit) && declaresJSON(hresp.Header.Get("Content-Type")) {
		if resp.JSONError = render.CheckJSON(body); resp.JSONError != nil {
			resp.Notices = append(resp.Notices, fmt.Sprintf("the body is declared as JSON but is not valid JSON (%v); it is shown as received", resp.JSONError))
		}
	}
	emit(Event{Kind: EventResponse, URL: resp.URL, Attempt: n, Status: resp.Status, Duration: resp.Duration, Bytes: len(body), ClientRequestID: id})
	return resp, nil
}

// declaresJSON reports a JSON content type (application/json, ...+json).
func declaresJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// checkHeaders refuses header names and values that cannot be sent as
// one header line: a line break would let a value add headers of its own.
func checkHeaders(h http.Header) error {
	for name, values := range h {
		if name == "" || strings.ContainsAny(name, " \t\r\n\x00:") {
			return fmt.Errorf("invalid header name %q: a name is one word such as ConsistencyLevel", name)
		}
		for _, v := range values {
			if strings.ContainsAny(v, "\r\n\x00") {
				return fmt.Errorf("the value of header %s contains a line break or NUL; header values must be one line", name)
			}
		}
	}
	return nil
}

// isOwnHeader lists headers the client sets itself. A caller's Authorization
// is dropped so that a token can only come from Token, and only go to Graph.
func isOwnHeader(k string) bool {
	switch http.CanonicalHeaderKey(k) {
	case "Authorization", "Client-Request-Id", "User-Agent", "Host":
		return true
	}
	return false
}

// transportError explains a failed attempt without ever including request
// headers (the token): url.Error carries only the method and URL. Common
// network failures get a hint saying what to check.
func transportError(ctx context.Context, u *url.URL, timeout time.Duration, err error) error {
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("GET %s: %w", u.Redacted(), ctx.Err())
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("GET %s: no complete response within %s (the per-request timeout): %w", u.Redacted(), timeout, err)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		err = fmt.Errorf("GET %s: %w", u.Redacted(), err)
	}
	if hint := networkHint(err, u.Host); hint != "" {
		return fmt.Errorf("%w; %s", err, hint)
	}
	return err
}

// networkHint names what to check for the usual ways a connection fails.
func networkHint(err error, host string) string {
	var dns *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var badHost x509.HostnameError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "nothing accepts connections at " + host + ": check graph_host and that the server is running"
	case errors.As(err, &dns):
		return "the host name does not resolve: check graph_host and your DNS or VPN"
	case errors.As(err, &unknownCA):
		return "the server's certificate is not signed by a trusted authority: if it uses a private CA, set ca_file in the profile"
	case errors.As(err, &badHost):
		return "the server's certificate is for another host name: check graph_host"
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF):
		return "the connection was closed before the response was complete; try again, and check any proxy in between"
	}
	return ""
}
