package session

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// ExplainInput is a failure that happened elsewhere (a daemon's log, an
// SDK exception), handed to the doctor: what was asked, what came back,
// and what is known of the token.
type ExplainInput struct {
	Method string // "" means GET
	URL    string // absolute, or a path such as /users
	Status int
	// Error is the response body as logged: the JSON itself, or any text
	// holding it (an SDK exception's message); see ErrorJSON.
	Error []byte
	// Token is a raw access token; it is decoded and never kept. Claims
	// win over it, and Roles stand in when neither is given.
	Token  string
	Claims *auth.Claims
	Roles  []string
	// Profile is the app's profile when known (its name goes into the next
	// steps). Otherwise the one of Known whose app and tenant the token
	// names is taken, else one is made up from the token and the URL.
	Profile profiles.Profile
	Known   []profiles.Profile
	Now     time.Time
}

// Explanation is what the doctor makes of an ExplainInput.
type Explanation struct {
	Diagnosis  *doctor.Diagnosis // nil when there is nothing to say (a 404, a 5xx)
	GraphError *graph.GraphError
	Endpoint   *permissions.Match // nil when the path is not in the reference
	ConsentURL string
	// Notes say how the input was read, e.g. that no JSON error object was
	// found in the text.
	Notes []string
}

// Explain diagnoses a failure from its parts, without any network call.
// Its error is input it cannot use (a token that does not decode).
func Explain(in ExplainInput) (*Explanation, error) {
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	if strings.TrimSpace(in.URL) == "" {
		return nil, errors.New("no URL: give the request's URL or path, e.g. https://graph.microsoft.com/v1.0/users")
	}
	claims := in.Claims
	if claims == nil && strings.TrimSpace(in.Token) != "" {
		c, err := auth.DecodeClaims(bareToken(in.Token))
		if err != nil {
			// The token's text stays out of the message: it is a credential.
			return nil, fmt.Errorf("the token cannot be read: %v; give the raw access token (three dot-separated parts), as 'graphtui token --raw' prints it", err)
		}
		claims = &c
	}
	if claims == nil && in.Roles != nil {
		// Only the roles are known: an app-only token that carries them.
		claims = &auth.Claims{IDType: "app", Roles: in.Roles}
	}
	p := in.Profile
	if p.Name == "" && p.Tenant == "" && p.ClientID == "" {
		var ok bool
		if p, ok = profileOfToken(in.Known, claims); !ok {
			p = profileFor(in.URL, claims)
		}
	}
	x := &Explanation{}
	body, found := ErrorJSON(in.Error)
	if !found && len(bytes.TrimSpace(in.Error)) > 0 {
		x.Notes = append(x.Notes, `no JSON object with an "error" member was found in the error text; it was read as plain text`)
		body = in.Error
	}
	ctype := ""
	if found {
		ctype = "application/json"
	}
	x.GraphError = graph.ParseError(in.Status, ctype, body)
	method := strings.ToUpper(strings.TrimSpace(in.Method))
	if m, ok := permissions.LookupMethod(method, in.URL); ok {
		x.Endpoint = &m
	}
	x.Diagnosis = doctor.Diagnose(doctor.Input{Profile: p, Method: method, URL: in.URL, Status: in.Status, GraphError: x.GraphError, Claims: claims, Now: in.Now})
	if x.Diagnosis != nil {
		x.ConsentURL = x.Diagnosis.ConsentURL
	}
	return x, nil
}

// ExplainAs is Explain with p's own token (cached or fetched: the one
// network call explain may make) and p's name in the next steps.
func (s *Session) ExplainAs(ctx context.Context, p profiles.Profile, in ExplainInput) (*Explanation, error) {
	tok, err := s.Auth.Token(ctx, p)
	if err != nil {
		return nil, err
	}
	in.Profile, in.Token, in.Roles = p, "", nil
	in.Claims = nil
	if tok.ClaimsErr == nil { // unreadable claims are no evidence of missing roles
		c := tok.Claims
		in.Claims = &c
	}
	return Explain(in)
}

// bareToken drops what often surrounds a token copied from a log or a
// header: whitespace and a "Bearer " prefix.
func bareToken(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 7 && strings.EqualFold(s[:7], "bearer ") {
		s = strings.TrimSpace(s[7:])
	}
	return s
}

// profileOfToken is the profile among list for the token's app in the
// token's tenant (a profile naming its tenant by domain matches any).
func profileOfToken(list []profiles.Profile, c *auth.Claims) (profiles.Profile, bool) {
	if c == nil || c.AppID == "" {
		return profiles.Profile{}, false
	}
	for _, p := range list {
		if strings.EqualFold(p.ClientID, c.AppID) && (strings.EqualFold(p.Tenant, c.TenantID) || strings.Contains(p.Tenant, ".")) {
			return p, true
		}
	}
	return profiles.Profile{}, false
}

// profileFor makes up the profile a failure came from: the tenant and app
// from the token, the cloud (or, off the known clouds, the Graph host)
// from the URL. It has no name: the next steps then say "graphtui token"
// without -p.
func profileFor(rawURL string, c *auth.Claims) profiles.Profile {
	var p profiles.Profile
	if c != nil {
		p.Tenant, p.ClientID = c.TenantID, c.AppID
	}
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return p
	}
	origin := u.Scheme + "://" + u.Host
	for cloud, hosts := range profiles.Clouds {
		if strings.EqualFold(hosts.Graph, origin) {
			p.Cloud = cloud
			return p
		}
	}
	p.GraphHost = origin
	return p
}

// maxErrorScan bounds the search for the JSON in a pasted text: past it,
// the text is not a logged response.
const maxErrorScan = 1 << 20

// ErrorJSON finds Graph's error body in text: text itself when it is a
// JSON object with an "error" member, else the first such object inside
// it (an SDK exception's message, a log line), also when the JSON was
// logged as an escaped string (\"error\"). It reports false when there is
// none.
func ErrorJSON(text []byte) ([]byte, bool) {
	if len(text) > maxErrorScan {
		text = text[:maxErrorScan]
	}
	if b, ok := firstErrorObject(text); ok {
		return b, true
	}
	if bytes.Contains(text, []byte(`\"`)) {
		return firstErrorObject(bytes.ReplaceAll(text, []byte(`\"`), []byte(`"`)))
	}
	return nil, false
}

func firstErrorObject(text []byte) ([]byte, bool) {
	for i := 0; i < len(text); i++ {
		j := bytes.IndexByte(text[i:], '{')
		if j < 0 {
			return nil, false
		}
		i += j
		dec := json.NewDecoder(bytes.NewReader(text[i:]))
		var obj map[string]json.RawMessage
		if dec.Decode(&obj) != nil {
			continue
		}
		if e, ok := obj["error"]; ok && len(e) > 0 && e[0] == '{' {
			return text[i : i+int(dec.InputOffset())], true
		}
	}
	return nil, false
}
