package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/render"
	"github.com/graphtui/graphtui/session"
)

// Fixed clock for every fixture, so golden files do not move.
var vwStart = time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC)

func vwViewer(w, h int) *Viewer {
	v := NewViewer(testCommon())
	v.SetSize(w, h)
	return v
}

// vwView is View with colours removed, checked to be exactly w x h.
func vwView(t *testing.T, v *Viewer) string {
	t.Helper()
	return requireSize(t, v.View(), v.w, v.h)
}

func vwPalette(t testing.TB) *render.Palette {
	st, err := render.LookupStyle("monokai")
	if err != nil {
		t.Fatal(err)
	}
	return render.NewPalette(st, render.ColorTrue)
}

func vwHighlight(t testing.TB, body []byte) *render.Lines {
	var l render.Lines
	if err := render.Highlight(&l, body, vwPalette(t)); err != nil {
		t.Fatal(err)
	}
	return &l
}

// vwUsersBody is a /users page of n generated users, compact as Graph sends it.
func vwUsersBody(n int, nextLink bool) []byte {
	var b bytes.Buffer
	b.WriteString(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users",`)
	if nextLink {
		b.WriteString(`"@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=RFNwdAIAAQAAAB",`)
	}
	b.WriteString(`"value":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		vwWriteUser(&b, i)
	}
	b.WriteString("]}")
	return b.Bytes()
}

var vwNames = []string{"Adele", "Alex", "Diego", "Grady", "Henrietta", "Isaiah", "Johanna", "Joni", "Lee", "Lidia", "Lynne", "Megan", "Miriam", "Nestor", "Patti", "Pradeep"}

func vwWriteUser(b *bytes.Buffer, i int) {
	name := vwNames[i%len(vwNames)]
	fmt.Fprintf(b, `{"id":"%08x-6d0b-4f3a-9c3e-%012x","displayName":"%s %d","givenName":"%s","surname":"User%d",`+
		`"userPrincipalName":"%s.%d@contoso.com","mail":"%s.%d@contoso.com","jobTitle":"Engineer","officeLocation":"%d/%d",`+
		`"businessPhones":["+1 425 555 %04d"],"mobilePhone":null,"preferredLanguage":"en-US"}`,
		i*7919, i, name, i, name, i, strings.ToLower(name), i, strings.ToLower(name), i, 18+i%4, 1000+i%300, i%10000)
}

func vwUsersExchange(t testing.TB, n int, more bool) *Exchange {
	body := vwUsersBody(n, more)
	resp := &graph.Response{
		URL:       "https://graph.microsoft.com/v1.0/users?$select=id,displayName&$top=" + fmt.Sprint(n),
		Status:    200,
		Proto:     "HTTP/2.0",
		Header:    http.Header{"Content-Type": {"application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"}, "Request-Id": {"5c3e1a2b-0d4f-4e6a-9b8c-7d6e5f4a3b2c"}, "Date": {"Mon, 04 May 2026 09:30:00 GMT"}},
		Body:      body,
		Duration:  182 * time.Millisecond,
		RequestID: "5c3e1a2b-0d4f-4e6a-9b8c-7d6e5f4a3b2c",
		Date:      "Mon, 04 May 2026 09:30:00 GMT",
		Page:      1,
	}
	if more {
		resp.NextLink = "https://graph.microsoft.com/v1.0/users?$skiptoken=RFNwdAIAAQAAAB"
	}
	return &Exchange{
		Seq:   1,
		Lines: vwHighlight(t, body),
		Exchange: session.Exchange{
			Profile:  "contoso-reader",
			Request:  graph.Request{Path: "/users", Query: []graph.QueryParam{{Key: "$select", Value: "id,displayName"}}, Header: http.Header{"Consistencylevel": {"eventual"}}},
			Response: resp,
			Token:    vwReaderToken(),
			Trace: Trace{
				Started: vwStart, TokenSource: auth.SourceCache, TokenTook: 2 * time.Millisecond, Total: 190 * time.Millisecond,
				Events: []graph.Event{
					{Kind: graph.EventAttempt, URL: resp.URL, Attempt: 1, TokenSent: true, ClientRequestID: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"},
					{Kind: graph.EventResponse, URL: resp.URL, Attempt: 1, Status: 200, Duration: resp.Duration, Bytes: len(body)},
					{Kind: graph.EventPage, URL: resp.URL, Page: 1, Items: n, Bytes: len(body), Duration: resp.Duration},
				},
			},
			Page: 1,
			More: more,
		}}
}

func vwReaderToken() *auth.Token {
	return &auth.Token{
		Profile:   "contoso-reader",
		ExpiresOn: vwStart.Add(59*time.Minute + 30*time.Second),
		Source:    auth.SourceCache,
		Took:      2 * time.Millisecond,
		Claims: auth.Claims{
			Audience:       "https://graph.microsoft.com",
			Issuer:         "https://sts.windows.net/b03b09d7-5f35-4001-9f99-2578e865f845/",
			TenantID:       "b03b09d7-5f35-4001-9f99-2578e865f845",
			AppID:          "6f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b",
			AppDisplayName: "Contoso Directory Reader",
			IDType:         "app",
			Roles:          []string{"Group.Read.All", "User.Read.All"},
			IssuedAt:       vwStart.Add(-30 * time.Second),
			NotBefore:      vwStart.Add(-30 * time.Second),
			ExpiresAt:      vwStart.Add(59*time.Minute + 30*time.Second),
			Other:          []auth.Claim{{Name: "oid", Value: "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d"}, {Name: "ver", Value: "1.0"}},
		},
	}
}

// vwNoConsent is the 401 Graph sends to an app whose token has no roles.
func vwNoConsent() *Exchange {
	body := []byte(`{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure. The token has no roles claim: the application has no permissions granted for this resource.","innerError":{"date":"2026-05-04T09:31:12","request-id":"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d","client-request-id":"1a2b3c4d-5e6f-4789-8a9b-0c1d2e3f4a5b"}}}`)
	h := http.Header{"Content-Type": {"application/json"}, "Request-Id": {"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"}, "Www-Authenticate": {`Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"`}}
	resp := &graph.Response{
		URL: "https://graph.microsoft.com/v1.0/users", Status: 401, Proto: "HTTP/2.0", Header: h, Body: body,
		Duration: 95 * time.Millisecond, RequestID: "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", Page: 1,
		Error: graph.ParseError(401, "application/json", body),
	}
	tok := vwReaderToken()
	tok.Profile = "no-consent"
	tok.Source = auth.SourceIdentityProvider
	tok.Took = 240 * time.Millisecond
	tok.Claims.Roles = nil
	tok.Claims.AppDisplayName = "Contoso Unconsented"
	var l render.Lines
	_ = render.Highlight(&l, body, nil)
	return &Exchange{Seq: 2, Lines: &l, Exchange: session.Exchange{
		Profile: "no-consent", Request: graph.Request{Path: "/users"}, Response: resp, Token: tok, Page: 1,
		Trace: Trace{Started: vwStart, TokenSource: auth.SourceIdentityProvider, TokenTook: 240 * time.Millisecond, Total: 340 * time.Millisecond,
			Events: []graph.Event{
				{Kind: graph.EventAttempt, URL: resp.URL, Attempt: 1, TokenSent: true, ClientRequestID: "1a2b3c4d-5e6f-4789-8a9b-0c1d2e3f4a5b"},
				{Kind: graph.EventResponse, URL: resp.URL, Attempt: 1, Status: 401, Duration: resp.Duration, Bytes: len(body)},
			}},
	}}
}

// vwWrongSecret failed before Graph: the identity platform refused
// the secret (the secret's ID was given instead of its value).
func vwWrongSecret() *Exchange {
	cause, next, _ := auth.Explain(7000215)
	te := &auth.TokenError{
		Profile: "wrong-secret", Status: 401, Code: 7000215, OAuthError: "invalid_client",
		Description:   "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '3c2b1a09-8f7e-4d6c-5b4a-392817160504'.",
		TraceID:       "e4d3c2b1-a098-4f7e-6d5c-4b3a29180716",
		CorrelationID: "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
		Timestamp:     "2026-05-04 09:32:05Z",
		Cause:         cause, NextStep: next,
	}
	return &Exchange{Seq: 3, Exchange: session.Exchange{Profile: "wrong-secret", Request: graph.Request{Path: "/users"}, TokenErr: te,
		Trace: Trace{Started: vwStart, Total: 410 * time.Millisecond}}}
}

// vwThrottled got a 429, waited as told and then succeeded.
func vwThrottled(t testing.TB) *Exchange {
	x := vwUsersExchange(t, 3, false)
	x.Seq = 4
	u := "https://graph.microsoft.com/v1.0/auditLogs/signIns?$top=3"
	x.Response.URL = u
	x.Response.Retries = []graph.Retry{{Attempt: 1, Status: 429, Wait: 2 * time.Second, Reason: "Retry-After: 2"}}
	x.Trace.Total = 2*time.Second + 410*time.Millisecond
	x.Trace.Events = []graph.Event{
		{Kind: graph.EventAttempt, URL: u, Attempt: 1, TokenSent: true, ClientRequestID: "2b3c4d5e-6f70-4819-9a0b-1c2d3e4f5a6b"},
		{Kind: graph.EventResponse, URL: u, Attempt: 1, Status: 429, Duration: 120 * time.Millisecond, Bytes: 211},
		{Kind: graph.EventRetry, URL: u, Attempt: 1, Status: 429, Wait: 2 * time.Second, Reason: "Retry-After: 2"},
		{Kind: graph.EventAttempt, URL: u, Attempt: 2, TokenSent: true, ClientRequestID: "2b3c4d5e-6f70-4819-9a0b-1c2d3e4f5a6b"},
		{Kind: graph.EventResponse, URL: u, Attempt: 2, Status: 200, Duration: 182 * time.Millisecond, Bytes: len(x.Response.Body)},
		{Kind: graph.EventPage, URL: u, Page: 1, Items: 3, Bytes: len(x.Response.Body), Duration: 182 * time.Millisecond},
	}
	return x
}

// vwUsersViewer is a 54x12 viewer showing three users.
func vwUsersViewer(t *testing.T) *Viewer {
	v := vwViewer(54, 12)
	vwShow(v, vwUsersExchange(t, 3, false))
	return v
}

// vwShow delivers an exchange the way the root does.
func vwShow(v *Viewer, x *Exchange) tea.Cmd { return noIntents(v.Update(exchangeMsg{Exchange: x})) }
