package auth

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/profiles"
)

// useDemoHost makes this process look like an App Service app of the demo
// host: MSAL reads IDENTITY_ENDPOINT and IDENTITY_HEADER itself.
func useDemoHost(t *testing.T, tenant *demo.Tenant) {
	t.Helper()
	clearManagedIdentityEnv(t)
	for k, v := range tenant.ManagedIdentityEnv() {
		t.Setenv(k, v)
	}
}

// clearManagedIdentityEnv unsets every variable MSAL reads for the source.
func clearManagedIdentityEnv(t *testing.T) {
	t.Helper()
	for _, v := range managedIdentityVars {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
}

func TestManagedIdentityToken(t *testing.T) {
	tenant, cfg := startDemo(t, demo.Options{})
	useDemoHost(t, tenant)
	m := NewManager(Options{})
	p := mustProfile(t, cfg, demo.ProfileManagedIdentity)
	ctx := context.Background()

	tok, err := m.Token(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Kind != profiles.KindManagedIdentity || tok.Source != SourceIdentityProvider || tok.Claims.AppID != demo.ClientIDMISystem ||
		len(tok.Claims.Roles) != 2 || claimValue(tok.Claims, "oid") != tenant.ManagedIdentityObjectID(demo.ProfileManagedIdentity) {
		t.Errorf("token = %+v, claims %+v", tok, tok.Claims)
	}
	if again, _ := m.Token(ctx, p); again.Source != SourceCache {
		t.Errorf("second token from %s", again.Source)
	}
	if _, err := m.Refresh(ctx, p); err != nil {
		t.Fatal(err)
	}
	wantTokenRequests(t, tenant, demo.ClientIDMISystem, 2, "first and refresh (MSAL's own cache must not answer a refresh)")

	user := mustProfile(t, cfg, demo.ProfileMIMissingRole)
	tok, err = m.Token(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Claims.AppID != demo.ClientIDMIUser || strings.Join(tok.Claims.Roles, ",") != "Group.Read.All" {
		t.Errorf("user-assigned token claims %+v", tok.Claims)
	}
}

func TestManagedIdentityEndpointErrors(t *testing.T) {
	tenant, cfg := startDemo(t, demo.Options{})
	base := mustProfile(t, cfg, demo.ProfileManagedIdentity)
	ctx := context.Background()

	t.Run("wrong client id", func(t *testing.T) {
		useDemoHost(t, tenant)
		p := base
		p.Name, p.ManagedIdentity = "mi-typo", demo.ClientIDReader
		te := tokenErrorFor(t, NewManager(Options{}), p)
		if te.Status != 400 || !strings.Contains(te.Cause, "no user-assigned managed identity") || !strings.Contains(te.NextStep, "Client ID") {
			t.Errorf("got %+v", te)
		}
	})
	t.Run("wrong identity header", func(t *testing.T) {
		useDemoHost(t, tenant)
		t.Setenv("IDENTITY_HEADER", "copied-from-another-host")
		te := tokenErrorFor(t, NewManager(Options{}), base)
		if te.Status != 401 || !strings.Contains(te.Cause, "identity header") || strings.Contains(everyText(te), "copied-from-another-host") {
			t.Errorf("got %+v", te)
		}
	})
	t.Run("endpoint not listening", func(t *testing.T) {
		clearManagedIdentityEnv(t)
		t.Setenv("IDENTITY_ENDPOINT", "http://127.0.0.1:1/msi/token")
		t.Setenv("IDENTITY_HEADER", "h")
		_, err := NewManager(Options{}).Token(ctx, base)
		var te *TokenError
		if !errors.As(err, &te) || te.Cause != "no managed identity is available on this machine" ||
			!strings.Contains(te.NextStep, "IDENTITY_ENDPOINT=http://127.0.0.1:1/msi/token") || !strings.Contains(te.NextStep, "IDENTITY_HEADER (set)") {
			t.Errorf("got %v / %+v", err, te)
		}
	})
	t.Run("endpoint not local", func(t *testing.T) {
		clearManagedIdentityEnv(t)
		t.Setenv("IDENTITY_ENDPOINT", "http://identity.example.com/msi/token")
		t.Setenv("IDENTITY_HEADER", "h")
		m := NewManager(Options{HTTPClient: refuseAll(t)})
		te := tokenErrorFor(t, m, base)
		if !strings.Contains(te.Cause, "not an address on this host") {
			t.Errorf("got %+v", te)
		}
	})
}

// refuseAll is an HTTP client that fails the test if anything is sent.
func refuseAll(t *testing.T) func(profiles.Profile) (*http.Client, error) {
	return func(profiles.Profile) (*http.Client, error) {
		return &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			t.Errorf("request sent to %s", r.URL.Host)
			return nil, errors.New("refused by the test")
		})}, nil
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// With no variable set MSAL asks IMDS. Off Azure it either refuses at once
// or never answers; both must end quickly with the plain sentence and the
// variables that were looked at. The transport stands in for the network.
func TestNoManagedIdentityAvailable(t *testing.T) {
	clearManagedIdentityEnv(t)
	p := profiles.Profile{Name: "mi", ManagedIdentity: "system"}
	for name, rt := range map[string]roundTripFunc{
		"refused": func(r *http.Request) (*http.Response, error) {
			return nil, fmt.Errorf("dial tcp %s: connect: no route to host", r.URL.Host)
		},
		"silent": func(r *http.Request) (*http.Response, error) {
			<-r.Context().Done() // a dropped SYN: nothing ever comes back
			return nil, r.Context().Err()
		},
	} {
		t.Run(name, func(t *testing.T) {
			var hosts []string
			m := NewManager(Options{ManagedIdentityProbe: 50 * time.Millisecond, HTTPClient: func(profiles.Profile) (*http.Client, error) {
				return &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
					hosts = append(hosts, r.URL.Host)
					return rt(r)
				})}, nil
			}})
			te := tokenErrorFor(t, m, p)
			if te.Cause != "no managed identity is available on this machine" ||
				!strings.Contains(te.NextStep, "IDENTITY_ENDPOINT (unset), IDENTITY_HEADER (unset)") || !strings.Contains(te.NextStep, "MSI_ENDPOINT (unset)") ||
				!strings.Contains(te.NextStep, "169.254.169.254") {
				t.Errorf("got %+v", te)
			}
			// MSAL retries an IMDS that fails; graphtui stops at the first failure.
			if len(hosts) != 1 || hosts[0] != "169.254.169.254" {
				t.Errorf("requests to %v, want one to IMDS", hosts)
			}
		})
	}
}

// writeFile replaces a federated token or access token file.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestFederatedToken(t *testing.T) {
	tenant, cfg := startDemo(t, demo.Options{})
	m := NewManager(Options{})
	p := mustProfile(t, cfg, demo.ProfileFederated)
	ctx := context.Background()
	tok, err := m.Token(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	want := AssertionClaims{Issuer: demo.FederatedIssuer, Subject: demo.FederatedSubject, Audience: demo.FederatedAudience}
	if tok.Kind != profiles.KindFederated || tok.Claims.AppID != demo.ClientIDFederated || tok.Federated == nil || *tok.Federated != want {
		t.Errorf("token %+v, federated %+v", tok, tok.Federated)
	}
	if strings.Contains(fmt.Sprintf("%+v %#v", tok, tok), "eyJ") {
		t.Error("a token's formatting shows a JWT")
	}

	// The file is read afresh on every token request: rotate it to tokens
	// that fail in each way the identity platform names.
	path := strings.TrimPrefix(p.FederatedToken, "file:")
	mint := func(iss, sub string, exp time.Time) string {
		s, err := tenant.IssueFederatedToken(iss, sub, demo.FederatedAudience, exp)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	hour := time.Now().Add(time.Hour)
	cases := []struct {
		name, token string
		code        int
		says        string
	}{
		{"wrong subject", mint(demo.FederatedIssuer, demo.FederatedWrongSubject, hour), 70021, demo.FederatedWrongSubject},
		{"unknown issuer", mint("https://gitlab.contoso.example", demo.FederatedSubject, hour), 700211, "issuer is exactly"},
		{"expired", mint(demo.FederatedIssuer, demo.FederatedSubject, time.Now().Add(-time.Hour)), 700024, "was not refreshed"},
		{"not a JWT", "this-is-not-a-token", 50027, "not a valid JWT"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			writeFile(t, path, c.token)
			_, err := m.Refresh(ctx, p)
			var te *TokenError
			if !errors.As(err, &te) || te.Code != c.code || !strings.Contains(te.Cause+" "+te.NextStep, c.says) {
				t.Fatalf("got %v / %+v", err, te)
			}
			if strings.Contains(everyText(te), c.token) {
				t.Error("the federated token reached the error text")
			}
		})
	}
	t.Run("presented values on AADSTS70021", func(t *testing.T) {
		wrong := mustProfile(t, cfg, demo.ProfileFederatedWrongSub)
		te := tokenErrorFor(t, NewManager(Options{}), wrong)
		for _, v := range []string{demo.FederatedIssuer, demo.FederatedWrongSubject, demo.FederatedAudience} {
			if !strings.Contains(te.NextStep, v) {
				t.Errorf("next step lacks %q: %s", v, te.NextStep)
			}
		}
		if te.Federated == nil || te.Federated.Subject != demo.FederatedWrongSubject {
			t.Errorf("Federated = %+v", te.Federated)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		os.Remove(path)
		_, err := m.Refresh(ctx, p)
		var ce *CredentialError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), "federated_token") {
			t.Errorf("got %v", err)
		}
	})
}

// fakeJWT builds an unsigned token with the given payload, for the
// access_token kind, which only reads claims.
func fakeJWT(payload string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"none"}`)) + "." + enc.EncodeToString([]byte(payload)) + ".sig"
}

func TestBroughtAccessToken(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "token")
	p := profiles.Profile{Name: "brought", AccessToken: "file:" + path}
	ctx := context.Background()
	exp := time.Now().Add(time.Hour).Unix()

	writeFile(t, path, fakeJWT(fmt.Sprintf(`{"aud":"https://graph.microsoft.com","exp":%d,"roles":["User.Read.All"],"idtyp":"app"}`, exp))+"\n")
	m := NewManager(Options{})
	tok, err := m.Token(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Source != SourceReference || tok.Kind != profiles.KindAccessToken || tok.Delegated || tok.ExpiresOn.Unix() != exp {
		t.Errorf("token %+v", tok)
	}

	writeFile(t, path, fakeJWT(fmt.Sprintf(`{"exp":%d,"scp":"User.Read Mail.Read"}`, exp)))
	tok, err = m.Refresh(ctx, p)
	if err != nil || !tok.Delegated {
		t.Errorf("delegated token: %+v, %v", tok, err)
	}

	expired := fakeJWT(fmt.Sprintf(`{"exp":%d}`, time.Now().Add(-time.Minute).Unix()))
	writeFile(t, path, expired)
	_, err = m.Refresh(ctx, p)
	var ce *CredentialError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "expired") || strings.Contains(err.Error(), expired) {
		t.Errorf("expired: %v", err)
	}
	writeFile(t, path, "opaque")
	if _, err = m.Refresh(ctx, p); !errors.As(err, &ce) || !strings.Contains(err.Error(), "did not yield a JWT") {
		t.Errorf("opaque: %v", err)
	}
}
