package session

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// Exchange is one request and what came of it: the response (nil when
// none came), the token used or why there was none, the trace, and the
// doctor's findings on a failure.
type Exchange struct {
	Profile  string
	Request  graph.Request
	Response *graph.Response
	Token    *auth.Token
	// TokenErr is why no token could be had: for the request (then Send
	// and FetchAll leave Token nil) or when renewing it on the way.
	TokenErr error
	Err      error // no response: transport error, cancellation, *SetupError
	Trace    Trace
	Page     int  // 1-based page number of Response; pages merged by FetchAll
	More     bool // a nextLink exists

	// The doctor's findings, computed on failures.
	Diagnosis  *doctor.Diagnosis
	ConsentURL string
	// Endpoint is the permission reference's entry for the request, also
	// on success (nil when the path is not in the reference).
	Endpoint *permissions.Match
	// RolesDiff is set on a replay after a forced token refresh (Recheck).
	RolesDiff *RolesDiff
}

// Trace is the timeline of one exchange: token, attempts, retries, pages.
type Trace struct {
	Started     time.Time
	TokenSource auth.Source
	TokenTook   time.Duration
	Events      []graph.Event
	Total       time.Duration
}

// RolesDiff is how a forced token refresh changed the token's roles.
type RolesDiff struct {
	Before, After  []string
	Added, Removed []string
}

// SetupError is a request that was never sent because it could not be
// built: the profile's connection settings (ca_file, proxy) or the URL.
// The fix is in the config or the command line.
type SetupError struct {
	Err     error
	Profile bool // the profile's settings, not the URL
}

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

// IsTokenError reports whether err is a token that could not be had: the
// identity platform refused, or the credential could not be loaded.
func IsTokenError(err error) bool {
	var te *auth.TokenError
	var ce *auth.CredentialError
	return errors.As(err, &te) || errors.As(err, &ce)
}

// start begins an exchange and its trace.
func start(p profiles.Profile, r graph.Request, page int) *Exchange {
	x := &Exchange{Profile: p.Name, Request: r, Page: page}
	x.Trace.Started = time.Now()
	return x
}

func (x *Exchange) end() { x.Trace.Total = time.Since(x.Trace.Started) }

// token gets the token for the exchange; false when there is none.
func (s *Session) token(ctx context.Context, x *Exchange, p profiles.Profile) bool {
	tok, err := s.Auth.Token(ctx, p)
	if err != nil {
		x.TokenErr = err
		return false
	}
	x.Token = tok
	x.Trace.TokenSource, x.Trace.TokenTook = tok.Source, tok.Took
	return true
}

// record keeps the event in the trace and passes it on.
func (x *Exchange) record(o SendOptions) func(graph.Event) {
	return func(ev graph.Event) {
		x.Trace.Events = append(x.Trace.Events, ev)
		if o.Events != nil {
			o.Events(ev)
		}
	}
}

// result fills the exchange from a response or an error; a token that
// could not be renewed on the way is a token failure.
func (x *Exchange) result(resp *graph.Response, err error) {
	x.Response = resp
	if resp != nil {
		x.More = resp.NextLink != ""
	}
	switch {
	case err == nil:
	case IsTokenError(err):
		x.TokenErr = err
	default:
		x.Err = err
	}
}

// Send gets a token and the first page of r, and asks the doctor about a
// failure. r may be a write (POST, PATCH, PUT, DELETE): CheckRequest
// refuses it first, before any network call, when p does not allow writes
// (x.Err is then a *SetupError wrapping the refusal). Whether the user
// confirmed a write is the front end's to ask before calling Send.
func (s *Session) Send(ctx context.Context, p profiles.Profile, r graph.Request, o SendOptions) *Exchange {
	return s.send(ctx, p, r, o, nil)
}

// SendStream is Send for a front end that shows a large body without
// holding it: a read's 2xx body goes to sink as it arrives (see
// graph.Client.GetStream), and x.Response.StreamErr says whether it all
// arrived and was taken. Writes, failures and retries are as in Send.
func (s *Session) SendStream(ctx context.Context, p profiles.Profile, r graph.Request, o SendOptions, sink graph.BodySink) *Exchange {
	return s.send(ctx, p, r, o, sink)
}

func (s *Session) send(ctx context.Context, p profiles.Profile, r graph.Request, o SendOptions, sink graph.BodySink) *Exchange {
	x := start(p, r, 1)
	defer x.end()
	if err := CheckRequest(p, r); err != nil {
		var wo *profiles.WritesOffError
		x.Err = &SetupError{Err: err, Profile: errors.As(err, &wo)}
		return x
	}
	c := s.prepare(ctx, x, p, o)
	if c == nil {
		return x
	}
	switch {
	case graph.IsWrite(r.Method):
		x.result(c.Do(ctx, r, x.record(o)))
	case sink != nil:
		x.result(c.GetStream(ctx, r, x.record(o), sink))
	default:
		x.result(c.Get(ctx, r, x.record(o)))
	}
	if o.FailuresOnly && !x.failed() {
		return x
	}
	x.diagnose(p)
	return x
}

// prepare gets the token and the client for x's request; nil when the
// request cannot be sent, and x says why.
func (s *Session) prepare(ctx context.Context, x *Exchange, p profiles.Profile, o SendOptions) *graph.Client {
	if !s.token(ctx, x, p) {
		x.diagnose(p)
		return nil
	}
	c, err := s.client(p, o)
	if err != nil {
		x.Err = &SetupError{Err: err, Profile: true}
		return nil
	}
	if _, err := c.BuildURL(x.Request); err != nil {
		x.Err = &SetupError{Err: err}
		x.diagnose(p)
		return nil
	}
	return c
}

// Next fetches the page after prev's.
func (s *Session) Next(ctx context.Context, p profiles.Profile, prev *Exchange, o SendOptions) *Exchange {
	x := start(p, prev.Request, prev.Page+1)
	defer x.end()
	x.Token = prev.Token
	if !s.token(ctx, x, p) {
		return x
	}
	c, err := s.client(p, o)
	if err != nil {
		x.Err = &SetupError{Err: err, Profile: true}
		return x
	}
	x.result(c.Next(ctx, prev.Response, x.record(o)))
	x.diagnose(p)
	return x
}

// Recheck forces a new token, diffs its roles against prev's token and
// replays prev's request: what a developer does right after an admin
// granted consent.
func (s *Session) Recheck(ctx context.Context, p profiles.Profile, prev *Exchange, o SendOptions) *Exchange {
	var before []string
	if prev.Token != nil {
		before = prev.Token.Claims.Roles
	}
	tok, err := s.Auth.Refresh(ctx, p)
	if err != nil {
		x := &Exchange{Profile: p.Name, Request: prev.Request, TokenErr: err, Page: 1}
		x.diagnose(p)
		return x
	}
	x := s.Send(ctx, p, prev.Request, o)
	x.RolesDiff = diffRoles(before, tok.Claims.Roles)
	return x
}

func diffRoles(before, after []string) *RolesDiff {
	d := &RolesDiff{Before: slices.Clone(before), After: slices.Clone(after)}
	for _, r := range after {
		if !slices.Contains(before, r) {
			d.Added = append(d.Added, r)
		}
	}
	for _, r := range before {
		if !slices.Contains(after, r) {
			d.Removed = append(d.Removed, r)
		}
	}
	return d
}
