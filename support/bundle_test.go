package support

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/redact"
	"github.com/graphtui/graphtui/profiles"
)

const secret = "Zq8~s3cr3t-value.of-the-app"

// fakeJWT is shaped like an access token, signature included.
func fakeJWT() string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"typ":"JWT","alg":"RS256"}`)) + "." + enc([]byte(`{"aud":"https://graph.microsoft.com","roles":[]}`)) + ".c2lnbmF0dXJl"
}

func forbiddenInput() Input {
	var r redact.Redactor
	r.Add(secret)
	jwt := fakeJWT()
	return Input{
		Version: "v1.2.3",
		Profile: profiles.Profile{Name: "contoso", Tenant: "contoso.onmicrosoft.com", ClientID: "11111111-2222-3333-4444-555555555555"},
		Request: graph.Request{Path: "/users", Header: http.Header{"Consistencylevel": {"eventual"}, "Authorization": {"Bearer " + jwt}}},
		Response: &graph.Response{
			URL:             "https://graph.microsoft.com/v1.0/users?$top=5",
			Status:          403,
			RequestID:       "7f1c2d3e-0000-4000-8000-000000000001",
			ClientRequestID: "7f1c2d3e-0000-4000-8000-000000000002",
			Date:            "Tue, 03 Mar 2026 10:00:00 GMT",
			Diagnostic:      `{"ServerInfo":{"DataCenter":"West Europe","Slice":"E"}}`,
			Error:           &graph.GraphError{Status: 403, Code: "Authorization_RequestDenied", Message: "Insufficient privileges; echo " + secret + " " + jwt},
		},
		Token: &auth.Token{Claims: auth.Claims{
			Audience: "https://graph.microsoft.com", AppID: "11111111-2222-3333-4444-555555555555",
			Roles: []string{"Group.Read.All"}, ExpiresAt: time.Unix(1770000000, 0),
			Other: []auth.Claim{{Name: "xms_echo", Value: jwt}},
		}},
		Diagnosis: &doctor.Diagnosis{
			Kind: doctor.KindMissingRole, Title: "The token lacks a permission", Cause: "no role the endpoint accepts",
			Evidence: []doctor.Evidence{{Label: "roles", Value: "Group.Read.All"}},
			Next:     []string{"Add User.Read.All and grant admin consent."},
		},
		Redact: r.Redact,
		Now:    time.Date(2026, 3, 3, 10, 0, 1, 0, time.FixedZone("CET", 3600)),
	}
}

// Support finds a call by its ids and its time; the text form must carry
// them, end with the curl command and use $TOKEN there.
func TestBundleTextHasWhatSupportAsksFor(t *testing.T) {
	text := New(forbiddenInput()).Text()
	for _, want := range []string{
		"generated:", "2026-03-03T09:00:01Z", "v1.2.3",
		"contoso.onmicrosoft.com", "11111111-2222-3333-4444-555555555555",
		"GET", "https://graph.microsoft.com/v1.0/users?$top=5",
		"403 Forbidden", "7f1c2d3e-0000-4000-8000-000000000001", "7f1c2d3e-0000-4000-8000-000000000002",
		"Tue, 03 Mar 2026 10:00:00 GMT", `{"ServerInfo":{"DataCenter":"West Europe","Slice":"E"}}`,
		"Authorization_RequestDenied", "Group.Read.All", "missing-role", "1. Add User.Read.All",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("bundle text lacks %q:\n%s", want, text)
		}
	}
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	if !strings.HasPrefix(last, `curl -H "Authorization: Bearer $TOKEN" -H 'ConsistencyLevel: eventual'`) {
		t.Errorf("the bundle should end with the curl command using $TOKEN, ends with %q", last)
	}
}

// Whatever the server echoed and whatever the request carried, neither
// form holds the secret, the token or anything JWT-shaped.
func TestBundleHoldsNoSecretOrToken(t *testing.T) {
	b := New(forbiddenInput())
	js, err := b.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": b.Text(), "json": string(js)} {
		for _, bad := range []string{secret, fakeJWT(), "eyJ", "c2lnbmF0dXJl"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s form contains %q:\n%s", name, bad, out)
			}
		}
	}
}

// Headers a user added may carry a proxy's key or a cookie the redactor
// cannot recognise: the bundle's curl keeps their names, not their values,
// and keeps the headers that shape Graph's answer as they were.
func TestBundleCurlHidesUnknownHeaderValues(t *testing.T) {
	in := forbiddenInput()
	in.Request.Header = http.Header{
		"Consistencylevel": {"eventual"},
		"Prefer":           {"outlook.timezone=\"UTC\""},
		"X-Api-Key":        {"k-7d1f0c9a4b"},
		"Cookie":           {"session=ab12cd34"},
	}
	curl := New(in).Curl
	for _, want := range []string{"'ConsistencyLevel: eventual'", `'Prefer: outlook.timezone="UTC"'`, "'X-Api-Key: [redacted]'", "'Cookie: [redacted]'"} {
		if !strings.Contains(curl, want) {
			t.Errorf("curl lacks %s: %s", want, curl)
		}
	}
	for _, private := range []string{"k-7d1f0c9a4b", "ab12cd34"} {
		if strings.Contains(curl, private) {
			t.Errorf("curl holds %q: %s", private, curl)
		}
	}
}

// A token failure has no response: the identity platform's ids are what
// support needs, and the curl still says what would have been sent.
func TestBundleOfATokenFailure(t *testing.T) {
	te := &auth.TokenError{Profile: "contoso", Status: 401, Code: 7000215, OAuthError: "invalid_client",
		Description: "AADSTS7000215: Invalid client secret provided.", TraceID: "trace-1", CorrelationID: "corr-1"}
	in := Input{Profile: profiles.Profile{Name: "contoso"}, URL: "https://graph.microsoft.com/v1.0/users", TokenErr: te}
	b := New(in)
	if b.Response != nil || b.Request.Sent {
		t.Errorf("a token failure has no response and sent nothing: %+v %+v", b.Response, b.Request)
	}
	text := b.Text()
	for _, want := range []string{"AADSTS7000215", "invalid_client", "trace-1", "corr-1", "sent:", "curl -H \"Authorization: Bearer $TOKEN\""} {
		if !strings.Contains(text, want) {
			t.Errorf("bundle text lacks %q:\n%s", want, text)
		}
	}
}

func TestBundleOfALocalFailureKeepsTheError(t *testing.T) {
	b := New(Input{TokenErr: &auth.CredentialError{Profile: "p", Err: errors.New("no client_secret or certificate configured")}})
	if !strings.Contains(b.Error, "no client_secret") {
		t.Errorf("Error = %q, want the credential error", b.Error)
	}
}

// The JSON form parses and its names are the documented ones.
func TestWriteFileJSONAndMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bundle.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := New(forbiddenInput()).WriteFile(path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 even over an existing file", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	var got struct {
		Response struct {
			RequestID string `json:"request_id"`
		} `json:"response"`
		Claims map[string]any `json:"token_claims"`
		Curl   string         `json:"curl"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("the .json bundle does not parse: %v\n%s", err, data)
	}
	if got.Response.RequestID == "" || got.Claims["aud"] != "https://graph.microsoft.com" || !strings.Contains(got.Curl, "$TOKEN") {
		t.Errorf("JSON bundle lacks request_id, claims or curl: %s", data)
	}
}

// A bundle built by hand around New's scrubbing is still not written when
// it holds a JWT.
func TestWriteFileRefusesAJWT(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bundle.txt")
	b := &Bundle{Error: "leaked " + fakeJWT()}
	if err := b.WriteFile(path); err == nil {
		t.Fatal("a bundle holding a JWT was written")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused bundle left a file behind: %v", err)
	}
}

func TestScrubKeepsWordsThatMerelyContainEyJ(t *testing.T) {
	s := scrubber{}
	if got := s.clean("monkeyJar"); got != "monkeyJar" {
		t.Errorf("clean(monkeyJar) = %q", got)
	}
	if got := s.clean("x=eyJhbGciOi"); strings.Contains(got, "eyJ") {
		t.Errorf("clean kept a JWT header: %q", got)
	}
}

// Every string a server or a config put in a bundle may hold escape
// sequences; neither form may pass them to a terminal that cats the file.
func TestBundleIsTerminalSafe(t *testing.T) {
	const hostile = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\xc2\x9b31m\x7f\xff"
	in := forbiddenInput()
	in.Profile.Name += hostile
	in.Response.Diagnostic += hostile
	in.Response.Error.Message += hostile
	in.Token.Claims.Other = append(in.Token.Claims.Other, auth.Claim{Name: "x" + hostile, Value: hostile})
	in.Diagnosis.Evidence[0].Value += "\n" + hostile
	in.TokenErr = &auth.TokenError{Code: 7000215, OAuthError: "invalid_client" + hostile, Description: "bad secret " + hostile, TraceID: hostile}
	b := New(in)
	js, err := b.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for form, out := range map[string]string{"text": b.Text(), "json": string(js)} {
		if strings.ContainsAny(out, "\x1b\x7f") || !utf8.ValidString(out) || strings.ContainsFunc(out, func(r rune) bool { return r >= 0x80 && r <= 0x9f }) {
			t.Errorf("%s bundle passes control bytes on:\n%q", form, out)
		}
		if !strings.Contains(out, "bad secret ") {
			t.Errorf("%s bundle lost the description:\n%s", form, out)
		}
	}
	if !strings.Contains(b.Text(), `\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u009b31m\x7f\xff`) {
		t.Errorf("the text bundle does not show the escapes:\n%s", b.Text())
	}
	var back Bundle
	if err := json.Unmarshal(js, &back); err != nil || !strings.Contains(back.TokenError.Description, "\u009b31m") {
		t.Errorf("the JSON bundle is not the same JSON (%v): %+v", err, back.TokenError)
	}
}
