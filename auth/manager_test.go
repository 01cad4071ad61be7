package auth

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/profiles"
)

// startDemo runs a demo tenant with every AADSTS profile and returns it
// with its loaded config.
func startDemo(t *testing.T, opts demo.Options) (*demo.Tenant, *profiles.Config) {
	t.Helper()
	tenant, path := demotest.StartAll(t, opts)
	cfg, err := profiles.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return tenant, cfg
}

// demoToken is a token for the demo profile name from a new manager.
func demoToken(t *testing.T, name string) *Token {
	t.Helper()
	_, cfg := startDemo(t, demo.Options{})
	tok, err := NewManager(Options{}).Token(context.Background(), mustProfile(t, cfg, name))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func mustProfile(t *testing.T, cfg *profiles.Config, name string) profiles.Profile {
	t.Helper()
	p, ok := cfg.Get(name)
	if !ok {
		t.Fatalf("demo config has no profile %q", name)
	}
	return p
}

// startProfile starts a demo tenant and returns it with a new manager and
// the demo profile name, the opening most token tests share.
func startProfile(t *testing.T, opts demo.Options, name string) (*demo.Tenant, *Manager, profiles.Profile) {
	t.Helper()
	tenant, cfg := startDemo(t, opts)
	return tenant, NewManager(Options{}), mustProfile(t, cfg, name)
}

// wantTokenRequests checks how many token requests the tenant has had from
// the app clientID; why says which calls they are.
func wantTokenRequests(t *testing.T, tenant *demo.Tenant, clientID string, want int, why string) {
	t.Helper()
	if n := tenant.Stats().TokenRequests[clientID].Total(); n != want {
		t.Errorf("%s token requests = %d, want %d: %s", clientID, n, want, why)
	}
}

func TestTokenIsCachedAcrossCalls(t *testing.T) {
	tenant, m, p := startProfile(t, demo.Options{}, demo.ProfileReader)
	ctx := context.Background()

	first, err := m.Token(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if first.Source != SourceIdentityProvider {
		t.Errorf("first token source = %s, want identity provider", first.Source)
	}
	for i := 0; i < 20; i++ {
		tok, err := m.Token(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if tok.Source != SourceCache || tok.Raw() != first.Raw() {
			t.Fatalf("call %d: source %s, same token %v", i, tok.Source, tok.Raw() == first.Raw())
		}
	}
	wantTokenRequests(t, tenant, demo.ClientIDReader, 1, "exactly 1 for 21 calls")
	if !first.Claims.HasRoles() || first.Claims.IDType != "app" || first.Claims.AppID != demo.ClientIDReader {
		t.Errorf("claims = %+v", first.Claims)
	}
}

func TestRefreshBypassesTheCache(t *testing.T) {
	tenant, m, p := startProfile(t, demo.Options{}, demo.ProfileReader)
	ctx := context.Background()
	if _, err := m.Token(ctx, p); err != nil {
		t.Fatal(err)
	}
	tok, err := m.Refresh(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Source != SourceIdentityProvider {
		t.Errorf("refreshed token source = %s", tok.Source)
	}
	wantTokenRequests(t, tenant, demo.ClientIDReader, 2, "first and forced")
}

func TestTokenRenewedInsideRefreshMargin(t *testing.T) {
	// A token living 4 minutes is already inside the 5-minute margin, so
	// every call must go back to the identity platform.
	tenant, m, p := startProfile(t, demo.Options{TokenLifetime: 4 * time.Minute}, demo.ProfileReader)
	for i := 0; i < 2; i++ {
		if _, err := m.Token(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	// MSAL may answer the second call from its own cache; what matters is
	// that graphtui did not serve a token about to expire from its cache.
	if n := tenant.Stats().TokenRequests[demo.ClientIDReader].Total(); n < 1 {
		t.Errorf("token requests = %d", n)
	}
}

func TestCertificateCredential(t *testing.T) {
	tok := demoToken(t, demo.ProfileCert)
	if tok.Claims.AppID != demo.ClientIDCert {
		t.Errorf("appid = %s", tok.Claims.AppID)
	}
}

func TestNoConsentTokenHasNoRoles(t *testing.T) {
	tok := demoToken(t, demo.ProfileNoConsent)
	if tok.Claims.HasRoles() {
		t.Errorf("no-consent token has roles %v", tok.Claims.Roles)
	}
}

func tokenErrorFor(t *testing.T, m *Manager, p profiles.Profile) *TokenError {
	t.Helper()
	_, err := m.Token(context.Background(), p)
	var te *TokenError
	if !errors.As(err, &te) {
		t.Fatalf("profile %s: error %v is not a TokenError", p.Name, err)
	}
	return te
}

func TestAADSTSCodesFromTheDemoTenant(t *testing.T) {
	tenant, cfg := startDemo(t, demo.Options{})
	m := NewManager(Options{})
	cases := map[int]profiles.Profile{}
	for code, name := range demo.AADSTSProfiles {
		cases[code] = mustProfile(t, cfg, name)
	}
	// Codes whose trigger the config validation refuses are built in code.
	reader := mustProfile(t, cfg, demo.ProfileReader)
	malformed := reader
	malformed.Name, malformed.Tenant = "malformed-tenant", demo.MalformedTenant
	cases[900023] = malformed
	badScope := reader
	badScope.Name, badScope.Scope = "bad-scope", tenant.GraphURL()+"/User.Read.All"
	cases[1002012] = badScope

	for code, p := range cases {
		te := tokenErrorFor(t, m, p)
		if te.Code != code {
			t.Errorf("profile %s: AADSTS%d, want %d (%s)", p.Name, te.Code, code, te.Description)
			continue
		}
		if te.Cause == "" || te.NextStep == "" || te.TraceID == "" || te.CorrelationID == "" {
			t.Errorf("AADSTS%d: incomplete explanation %+v", code, te)
		}
		if secret := tenant.Secret(p.Name); secret != "" && strings.Contains(te.Error()+te.Description, secret) {
			t.Errorf("AADSTS%d: the error text contains the secret", code)
		}
	}
}

func TestAssertionExpiredByClockSkew(t *testing.T) {
	// The tenant's clock runs two hours ahead: our assertion looks expired.
	_, cfg := startDemo(t, demo.Options{Now: func() time.Time { return time.Now().Add(2 * time.Hour) }})
	te := tokenErrorFor(t, NewManager(Options{}), mustProfile(t, cfg, demo.ProfileCert))
	if te.Code != 700024 {
		t.Fatalf("code = %d (%s), want 700024", te.Code, te.Description)
	}
}

func TestNoCredentialSent(t *testing.T) {
	// MSAL always sends a credential, so post the bare request ourselves and
	// check that the parser explains the identity platform's answer.
	tenant, _ := startDemo(t, demo.Options{})
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {demo.ClientIDReader}, "scope": {tenant.GraphURL() + "/.default"}}
	resp, err := tenant.HTTPClient().PostForm(tenant.TokenEndpoint(), form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body := make([]byte, 8192)
	n, _ := resp.Body.Read(body)
	te := parseTokenError("bare", resp.StatusCode, body[:n])
	if te.Code != 7000218 || te.Cause == "" {
		t.Fatalf("parsed %+v", te)
	}
}

func TestUnreachableIdentityPlatform(t *testing.T) {
	tenant, cfg := startDemo(t, demo.Options{})
	p := mustProfile(t, cfg, demo.ProfileReader)
	tenant.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := NewManager(Options{}).Token(ctx, p)
	var te *TokenError
	if !errors.As(err, &te) || te.Cause == "" || te.NextStep == "" {
		t.Fatalf("err = %v", err)
	}
}

func TestBadSecretReferenceIsACredentialError(t *testing.T) {
	_, cfg := startDemo(t, demo.Options{})
	p := mustProfile(t, cfg, demo.ProfileReader)
	p.ClientSecret = "env:GRAPHTUI_TEST_UNSET_VARIABLE"
	m := NewManager(Options{Secrets: profiles.Secrets{LookupEnv: func(string) (string, bool) { return "", false }}})
	_, err := m.Token(context.Background(), p)
	var ce *CredentialError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a CredentialError", err)
	}
}

func TestTokenStringNeverShowsTheToken(t *testing.T) {
	tok := demoToken(t, demo.ProfileReader)
	for _, s := range []string{tok.String(), strings.ReplaceAll(strings.TrimSpace(sprintAll(tok)), "\n", " ")} {
		if strings.Contains(s, tok.Raw()) {
			t.Errorf("formatted token leaks the raw value: %s", s)
		}
	}
}
