// Package graph sends GET requests to Microsoft Graph with an app-only token,
// retries throttled calls, follows @odata.nextLink pages, parses Graph error
// bodies and pretty-prints responses for the terminal. It takes plain values
// (a base URL and a token function) and knows nothing of profiles or MSAL.
package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
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

// Client runs Graph GET requests. The zero value of every field but Base is
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
	request         Request
}

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
	u, err := c.BuildURL(r)
	if err != nil {
		return nil, err
	}
	return c.fetch(ctx, u, r, 1, emitter(ev))
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
func (c *Client) attempt(ctx context.Context, u *url.URL, hdr http.Header, n int, emit func(Event)) (*Response, error) {
	base, err := c.baseURL()
	if err != nil {
		return nil, err
	}
	actx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	st := &attemptState{emit: emit}
	actx = context.WithValue(actx, attemptKey{}, st)

	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
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
	body, truncated, note, err := readBody(hresp, c.maxBody())
	if err != nil {
		return nil, transportError(ctx, u, c.timeout(), fmt.Errorf("reading the response body: %w", err))
	}
	resp := newResponse(u, hresp, body, truncated, time.Since(start), id, c.maxBody())
	resp.Notices = append(st.notices, resp.Notices...)
	if note != "" {
		resp.Notices = append(resp.Notices, note)
	}
	emit(Event{Kind: EventResponse, URL: resp.URL, Attempt: n, Status: resp.Status, Duration: resp.Duration, Bytes: len(body), ClientRequestID: id})
	return resp, nil
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
// headers (the token): url.Error carries only the method and URL.
func transportError(ctx context.Context, u *url.URL, timeout time.Duration, err error) error {
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("GET %s: %w", u.Redacted(), ctx.Err())
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("GET %s: no complete response within %s (the per-request timeout): %w", u.Redacted(), timeout, err)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue
	}
	return fmt.Errorf("GET %s: %w", u.Redacted(), err)
}
