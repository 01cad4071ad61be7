// Package fakeidp is a loopback identity platform for fault tests. It
// answers the OpenID discovery request MSAL makes first with a good
// document, and lets each test decide how the token endpoint answers: a good
// token by default, or any misbehaviour a handler can produce. It also
// writes profiles pointing at it, so that the CLI and the TUI can be run
// against it exactly as against a real tenant.
//
// It is used only from tests; nothing in graphtui imports it.
package fakeidp

import (
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/graphtui/graphtui/profiles"
)

// Fixed identities of the fake tenant and app.
const (
	TenantID = "0b1d5c2e-7a43-4f7e-9d1c-3f2a6b8e9c10"
	ClientID = "5a6c1e0f-2b3d-4c8e-9f7a-1d2e3f4a5b6c"
	// SecretEnv is the variable the profiles' client_secret references.
	SecretEnv = "FAKEIDP_SECRET"
	// Secret is its value in tests; it must never reach any output.
	Secret = "Fk8Q~fake-idp-client-secret-Zq9"
)

// Server is a running fake identity platform (TLS on 127.0.0.1).
type Server struct {
	*httptest.Server
	token      atomic.Pointer[http.HandlerFunc]
	tokenCalls atomic.Int32
	caFile     string
	// tokenEndpoint, when set, is the token endpoint the discovery
	// document names instead of this server's own.
	tokenEndpoint atomic.Pointer[string]
}

// Start runs a fake identity platform until the test ends. token answers
// POSTs to the token endpoint; nil means GoodToken.
func Start(t testing.TB, token http.HandlerFunc) *Server {
	t.Helper()
	s := &Server{}
	s.SetToken(token)
	s.Server = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	s.caFile = WriteCA(t, s.Server)
	return s
}

// SetToken changes how the token endpoint answers from now on.
func (s *Server) SetToken(h http.HandlerFunc) {
	if h == nil {
		h = GoodToken
	}
	s.token.Store(&h)
}

// SetTokenEndpoint makes the discovery document name url as the token
// endpoint from now on, as a hostile or misconfigured one might.
func (s *Server) SetTokenEndpoint(url string) { s.tokenEndpoint.Store(&url) }

// TokenCalls is the number of requests the token endpoint received.
func (s *Server) TokenCalls() int { return int(s.tokenCalls.Load()) }

// CAFile is a PEM file trusting this server (and every other
// httptest TLS server: they share one certificate).
func (s *Server) CAFile() string { return s.caFile }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	tenant, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch rest {
	case "v2.0/.well-known/openid-configuration":
		base := s.URL + "/" + tenant
		token := base + "/oauth2/v2.0/token"
		if other := s.tokenEndpoint.Load(); other != nil {
			token = *other
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"issuer":                 base + "/v2.0",
			"token_endpoint":         token,
			"authorization_endpoint": base + "/oauth2/v2.0/authorize",
			"jwks_uri":               base + "/discovery/v2.0/keys",
		})
	case "oauth2/v2.0/token":
		s.tokenCalls.Add(1)
		(*s.token.Load())(w, r)
	default:
		http.NotFound(w, r)
	}
}

// WriteCA writes srv's certificate as a PEM file for a profile's ca_file.
func WriteCA(t testing.TB, srv *httptest.Server) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ca.pem")
	block := &pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Profile is a valid profile that gets its tokens here and sends Graph
// requests to graphURL. Its secret is env:SecretEnv.
func (s *Server) Profile(name, graphURL string) profiles.Profile {
	return profiles.Profile{
		Name:          name,
		Tenant:        TenantID,
		ClientID:      ClientID,
		ClientSecret:  "env:" + SecretEnv,
		AuthorityHost: s.URL,
		GraphHost:     graphURL,
		CAFile:        s.caFile,
	}
}

// WriteConfig writes ps to a new config file in dir and returns its path.
func WriteConfig(t testing.TB, dir string, ps ...profiles.Profile) string {
	t.Helper()
	path := filepath.Join(dir, "config.toml")
	for _, p := range ps {
		if err := profiles.Add(path, p); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// Env is a LookupEnv that knows only SecretEnv.
func Env(name string) (string, bool) {
	if name == SecretEnv {
		return Secret, true
	}
	return "", false
}

// AccessToken is a JWT-shaped app-only token for aud carrying roles. Its
// signature is not a real one: nothing in graphtui verifies it.
func AccessToken(aud string, roles ...string) string {
	enc := base64.RawURLEncoding
	now := time.Now()
	claims, _ := json.Marshal(map[string]any{
		"aud": aud, "iss": "https://sts.windows.net/" + TenantID + "/", "tid": TenantID,
		"appid": ClientID, "idtyp": "app", "roles": roles,
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(time.Hour).Unix(),
	})
	return enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." +
		enc.EncodeToString(claims) + "." + enc.EncodeToString([]byte("fake-signature"))
}

// GoodToken answers a client-credentials request with a token for the
// requested scope's resource.
func GoodToken(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	aud := strings.TrimSuffix(r.PostForm.Get("scope"), "/.default")
	WriteToken(w, AccessToken(aud, "User.Read.All"))
}

// WriteToken answers with access token tok, as the identity platform does.
func WriteToken(w http.ResponseWriter, tok string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":%q}`, tok)
}
