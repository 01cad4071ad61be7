package auth

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/graphtui/graphtui/profiles"
)

// origin is a URL's scheme, host and port, spelled one way so that two
// spellings of one origin compare equal.
type origin struct{ scheme, host, port string }

func originOf(u *url.URL) origin {
	o := origin{
		scheme: strings.ToLower(u.Scheme),
		host:   strings.TrimSuffix(strings.ToLower(u.Hostname()), "."),
		port:   u.Port(),
	}
	if o.port == "" {
		switch o.scheme {
		case "https":
			o.port = "443"
		case "http":
			o.port = "80"
		}
	}
	return o
}

func (o origin) String() string {
	return o.scheme + "://" + net.JoinHostPort(o.host, o.port)
}

// offOriginError is a request MSAL wanted to send to another origin than
// the profile's authority, refused before anything was sent. The discovery
// document names the token endpoint, so a hostile or misconfigured one
// would otherwise receive the client secret or assertion.
type offOriginError struct {
	authority, target origin
	method            string
}

func (e *offOriginError) Error() string {
	return fmt.Sprintf("%s to %s refused: not the authority's origin %s", e.method, safeText(e.target.String()), e.authority)
}

// redirectError is a redirect graphtui did not follow: any redirect of a
// token request (http.Client would re-POST the credential on a 307 or
// 308), or a redirect to another origin.
type redirectError struct {
	authority origin
	to        *url.URL
	method    string
}

func (e *redirectError) Error() string {
	return "redirect to " + safeText(redirectTarget(e.to)) + " not followed"
}

// redirectTarget is the origin and path of a redirect, without the query:
// enough to recognise where it pointed.
func redirectTarget(u *url.URL) string {
	return originOf(u).String() + u.EscapedPath()
}

// safeText keeps a server-chosen string fit for one line of a terminal.
func safeText(s string) string { return excerpt([]byte(s), 200) }

// identityClient is hc restricted to the profile's identity platform: every
// request must go to the authority's origin (which must be https, or http on
// a loopback host the user configured), and no redirect of a token request
// is followed. Both checks run before a request is written, so a client
// secret or assertion never leaves for another origin.
func identityClient(hc *http.Client, authority string) (*http.Client, error) {
	u, err := url.Parse(authority)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("the authority %q is not a URL", authority)
	}
	auth := originOf(u)
	if auth.scheme != "https" && !(auth.scheme == "http" && profiles.IsLoopback(auth.host)) {
		return nil, fmt.Errorf("the authority %s is not https (plain http is accepted only for a loopback host)", auth)
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	cp := *hc
	cp.Transport = originGuard{next: next, authority: auth}
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if via[0].Method != http.MethodGet || originOf(req.URL) != auth {
			return &redirectError{authority: auth, to: req.URL, method: via[0].Method}
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &cp, nil
}

// originGuard refuses, before sending, any request off the authority's
// origin.
type originGuard struct {
	next      http.RoundTripper
	authority origin
}

func (g originGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if o := originOf(req.URL); o != g.authority {
		if req.Body != nil {
			req.Body.Close() // a RoundTripper owns the body, even when refusing
		}
		return nil, &offOriginError{authority: g.authority, target: o, method: req.Method}
	}
	return g.next.RoundTrip(req)
}

func (g originGuard) CloseIdleConnections() {
	if c, ok := g.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// originTokenError explains a refused request or redirect, or returns nil
// when err is neither. The cause says it all, so Err stays empty rather than
// repeating it in Error().
func originTokenError(p profiles.Profile, err error) *TokenError {
	var off *offOriginError
	var redir *redirectError
	switch {
	case errors.As(err, &off):
		te := &TokenError{Profile: p.Name}
		if off.method == http.MethodPost {
			te.Cause = fmt.Sprintf("the identity platform at %s names %s as its token endpoint, another origin; the credential was not sent there",
				off.authority, safeText(off.target.String()))
		} else {
			te.Cause = fmt.Sprintf("the identity platform at %s sent graphtui to %s, another origin; not contacted",
				off.authority, safeText(off.target.String()))
		}
		te.NextStep = fmt.Sprintf("Check authority_host (%s): it must be the identity platform itself, whose discovery document keeps the token endpoint on the same scheme, host and port.", off.authority)
		return te
	case errors.As(err, &redir):
		what := "identity platform"
		if redir.method == http.MethodPost {
			what = "token endpoint"
		}
		return &TokenError{
			Profile:  p.Name,
			Cause:    fmt.Sprintf("the %s redirected to %s; not followed", what, safeText(redirectTarget(redir.to))),
			NextStep: fmt.Sprintf("graphtui sends credentials only to %s and follows no redirect of a token request; check authority_host and any proxy or gateway in between.", redir.authority),
		}
	}
	return nil
}
