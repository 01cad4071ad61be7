// Package support builds the support bundle: what Microsoft support (or a
// colleague) needs to look up one failed Graph call, as text or JSON, with
// every secret and token left out.
package support

import (
	"errors"
	"net/http"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// Bundle is one request's support bundle. Every string in it has been
// through the redactor: it is safe to attach to a ticket.
type Bundle struct {
	GeneratedAt time.Time `json:"generated_at"`
	Version     string    `json:"graphtui_version"`

	// The ids support needs to find the app and the tenant; none is a secret.
	Profile  string `json:"profile"`
	Cloud    string `json:"cloud"`
	Tenant   string `json:"tenant"`
	ClientID string `json:"client_id"`

	Request  Request   `json:"request"`
	Response *Response `json:"response,omitempty"` // nil when nothing came back

	GraphError *GraphError `json:"graph_error,omitempty"`
	TokenError *TokenError `json:"token_error,omitempty"`
	// Error is a failure with neither a response nor an identity platform
	// answer: a credential that did not load, a refused connection.
	Error string `json:"error,omitempty"`

	// Claims are the access token's decoded payload; the token itself and
	// its signature are never part of a bundle.
	Claims    map[string]any `json:"token_claims,omitempty"`
	Diagnosis *Diagnosis     `json:"diagnosis,omitempty"`
	// Curl repeats the request with $TOKEN in place of the token.
	Curl string `json:"curl,omitempty"`
}

// Request is what was sent, or would have been had the token not failed.
type Request struct {
	Method string `json:"method"`
	URL    string `json:"url"`
	Sent   bool   `json:"sent"`
}

// Response holds the fields Microsoft support asks for to find a call in
// their logs.
type Response struct {
	Status          int    `json:"status"`
	Reason          string `json:"reason"`
	RequestID       string `json:"request_id,omitempty"`
	ClientRequestID string `json:"client_request_id,omitempty"`
	Date            string `json:"date,omitempty"`
	// Diagnostic is the x-ms-ags-diagnostic header as received (JSON text).
	Diagnostic string `json:"x_ms_ags_diagnostic,omitempty"`
}

// GraphError is the parsed error body.
type GraphError struct {
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
}

// TokenError is the identity platform's answer to a failed token request.
type TokenError struct {
	AADSTS        string `json:"aadsts,omitempty"`
	OAuthError    string `json:"oauth_error,omitempty"`
	Description   string `json:"description,omitempty"`
	TraceID       string `json:"trace_id,omitempty"`
	CorrelationID string `json:"correlation_id,omitempty"`
	Timestamp     string `json:"timestamp,omitempty"`
	HTTPStatus    int    `json:"http_status,omitempty"`
}

// Diagnosis is the 403 doctor's finding.
type Diagnosis struct {
	Kind     string     `json:"kind"`
	Title    string     `json:"title"`
	Cause    string     `json:"cause"`
	Evidence []Evidence `json:"evidence,omitempty"`
	Next     []string   `json:"next_steps,omitempty"`
}

// Evidence is one fact behind the diagnosis.
type Evidence struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Input is what the CLI and the TUI know about a request once it ended.
type Input struct {
	Version string
	Profile profiles.Profile
	Request graph.Request
	// URL is the request URL as sent; when the token failed first, as it
	// would have been sent ("" when unknown). Response.URL wins when set.
	URL       string
	Response  *graph.Response
	Token     *auth.Token
	TokenErr  error // *auth.TokenError or *auth.CredentialError
	Err       error // no response for another reason
	Diagnosis *doctor.Diagnosis
	// Redact is the auth manager's redactor, which knows the secrets and
	// tokens it resolved; nil scrubs by pattern only.
	Redact func(string) string
	Now    time.Time
}

// New builds the bundle, scrubbing every string on the way in.
func New(in Input) *Bundle {
	s := scrubber{redact: in.Redact}
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	p := in.Profile
	cloud := string(p.Cloud)
	if cloud == "" {
		cloud = string(profiles.CloudGlobal)
	}
	b := &Bundle{
		GeneratedAt: now.UTC().Truncate(time.Second),
		Version:     s.clean(in.Version),
		Profile:     s.clean(p.Name),
		Cloud:       s.clean(cloud),
		Tenant:      s.clean(p.Tenant),
		ClientID:    s.clean(p.ClientID),
	}
	url := in.URL
	if r := in.Response; r != nil && r.URL != "" {
		url = r.URL
	}
	method := in.Request.Method
	if method == "" {
		method = http.MethodGet
	}
	b.Request = Request{Method: method, URL: s.clean(url), Sent: in.Response != nil}
	if url != "" {
		b.Curl = s.clean(graph.Curl(method, url, shareableHeaders(in.Request.Header)))
	}
	if r := in.Response; r != nil {
		b.Response = &Response{
			Status:          r.Status,
			Reason:          http.StatusText(r.Status),
			RequestID:       s.clean(r.RequestID),
			ClientRequestID: s.clean(r.ClientRequestID),
			Date:            s.clean(r.Date),
			Diagnostic:      s.clean(r.Diagnostic),
		}
		if e := r.Error; e != nil && (e.Code != "" || e.Message != "") {
			b.GraphError = &GraphError{Code: s.clean(e.Code), Message: s.clean(e.Message)}
		}
	}
	b.addFailure(s, in.TokenErr, in.Err)
	if t := in.Token; t != nil && t.ClaimsErr == nil {
		b.Claims = claimMap(s, t.Claims)
	}
	if d := in.Diagnosis; d != nil {
		b.Diagnosis = &Diagnosis{Kind: string(d.Kind), Title: s.clean(d.Title), Cause: s.clean(d.Cause)}
		for _, e := range d.Evidence {
			b.Diagnosis.Evidence = append(b.Diagnosis.Evidence, Evidence{Label: s.clean(e.Label), Value: s.clean(e.Value)})
		}
		for _, n := range d.Next {
			b.Diagnosis.Next = append(b.Diagnosis.Next, s.clean(n))
		}
	}
	return b
}

// sharedHeaders are the request headers that shape a Graph answer and hold
// nothing private. Any other header a user added (a cookie, an API key for a
// proxy) keeps its name in the bundle's curl, but not its value.
var sharedHeaders = map[string]bool{
	"Accept": true, "Accept-Language": true, "Accept-Encoding": true, "Cache-Control": true,
	"Client-Request-Id": true, "Consistencylevel": true, "Content-Type": true,
	"If-Match": true, "If-None-Match": true, "Prefer": true, "Return-Client-Request-Id": true,
}

// shareableHeaders is h with the value of every header not known to be
// harmless replaced by [redacted].
func shareableHeaders(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for name, values := range h {
		if sharedHeaders[http.CanonicalHeaderKey(name)] {
			out[name] = values
			continue
		}
		out[name] = []string{"[redacted]"}
	}
	return out
}

// addFailure records why there is no response: the identity platform's
// error in its own fields, anything else as text.
func (b *Bundle) addFailure(s scrubber, tokenErr, err error) {
	var te *auth.TokenError
	switch {
	case errors.As(tokenErr, &te):
		b.TokenError = &TokenError{
			OAuthError:    s.clean(te.OAuthError),
			Description:   s.clean(te.Description),
			TraceID:       s.clean(te.TraceID),
			CorrelationID: s.clean(te.CorrelationID),
			Timestamp:     s.clean(te.Timestamp),
			HTTPStatus:    te.Status,
		}
		if te.Code != 0 {
			b.TokenError.AADSTS = "AADSTS" + itoa(te.Code)
		}
		if te.Code == 0 && te.OAuthError == "" && te.Description == "" {
			b.Error = s.clean(te.Error()) // not reached, or no error body
		}
	case tokenErr != nil:
		b.Error = s.clean(tokenErr.Error())
	case err != nil:
		b.Error = s.clean(err.Error())
	}
}
