package demo

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDiscoveryDocumentSatisfiesMSAL(t *testing.T) {
	tn := startTenant(t, Options{})
	for _, tenant := range []string{TenantGUID, TenantDomain, strings.ToUpper(CompanyDomain)} {
		resp, err := tn.HTTPClient().Get(tn.LoginURL() + "/" + tenant + "/v2.0/.well-known/openid-configuration")
		if err != nil {
			t.Fatal(err)
		}
		doc := decodeJSON(t, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", tenant, resp.StatusCode)
		}
		base := tn.LoginURL() + "/" + TenantGUID
		want := map[string]string{
			"token_endpoint":         base + "/oauth2/v2.0/token",
			"authorization_endpoint": base + "/oauth2/v2.0/authorize",
			"jwks_uri":               base + "/discovery/v2.0/keys",
			"issuer":                 base + "/v2.0",
		}
		for k, v := range want {
			if doc[k] != v {
				t.Errorf("%s: %s = %v, want %s", tenant, k, doc[k], v)
			}
		}
		// MSAL refuses a document whose issuer host differs from the authority's.
		issuer, _ := url.Parse(doc["issuer"].(string))
		login, _ := url.Parse(tn.LoginURL())
		if issuer.Host != login.Host || issuer.Scheme != "https" {
			t.Errorf("issuer %s is not on the login host %s", issuer, login.Host)
		}
	}
}

func TestJWKSVerifiesIssuedTokens(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	header, _ := jwtParts(t, token)

	resp, err := tn.HTTPClient().Get(tn.LoginURL() + "/" + TenantGUID + "/discovery/v2.0/keys")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var jwks struct {
		Keys []struct{ Kid, Kty, N, E string } `json:"keys"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&jwks); err != nil {
		t.Fatal(err)
	}
	var pub *rsa.PublicKey
	for _, k := range jwks.Keys {
		if k.Kid == header["kid"] && k.Kty == "RSA" {
			n, _ := base64.RawURLEncoding.DecodeString(k.N)
			e, _ := base64.RawURLEncoding.DecodeString(k.E)
			pub = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
		}
	}
	if pub == nil {
		t.Fatalf("JWKS has no RSA key with kid %v", header["kid"])
	}
	parts := strings.Split(token, ".")
	sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig); err != nil {
		t.Fatalf("token signature does not verify with the published key: %v", err)
	}
}

func TestSecretTokenHasRealShapeAndClaims(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	tn := startTenant(t, Options{Now: func() time.Time { return now }})
	status, body := postToken(t, tn, TenantDomain, secretForm(ClientIDReader, tn.Secret(ProfileReader), graphScope(tn)))
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, body)
	}
	if body["token_type"] != "Bearer" || body["expires_in"] != 3599.0 || body["ext_expires_in"] != 3599.0 {
		t.Errorf("response fields: %v", body)
	}
	if len(body) != 4 {
		t.Errorf("response has %d fields, want token_type, expires_in, ext_expires_in, access_token: %v", len(body), body)
	}

	header, claims := jwtParts(t, body["access_token"].(string))
	if header["alg"] != "RS256" || header["typ"] != "JWT" || header["kid"] == nil {
		t.Errorf("header: %v", header)
	}
	want := map[string]any{
		"aud":             tn.GraphURL(),
		"iss":             "https://sts.windows.net/" + TenantGUID + "/",
		"idp":             "https://sts.windows.net/" + TenantGUID + "/",
		"tid":             TenantGUID,
		"appid":           ClientIDReader,
		"app_displayname": "Contoso Directory Reader",
		"appidacr":        "1",
		"idtyp":           "app",
		"ver":             "1.0",
		"iat":             float64(now.Unix()),
		"nbf":             float64(now.Unix()),
		"exp":             float64(now.Add(time.Hour).Unix()),
	}
	for k, v := range want {
		if claims[k] != v {
			t.Errorf("claim %s = %v, want %v", k, claims[k], v)
		}
	}
	if claims["oid"] == nil || claims["oid"] != claims["sub"] {
		t.Errorf("oid %v and sub %v should both be the service principal's ID", claims["oid"], claims["sub"])
	}
	for _, k := range []string{"aio", "rh", "uti", "wids"} {
		if claims[k] == nil {
			t.Errorf("claim %s missing", k)
		}
	}
	var roles []string
	for _, r := range claims["roles"].([]any) {
		roles = append(roles, r.(string))
	}
	if !slices.Equal(roles, tn.Roles(ProfileReader)) || !slices.Contains(roles, "User.Read.All") {
		t.Errorf("roles = %v, want %v", roles, tn.Roles(ProfileReader))
	}
}

func TestUnconsentedAppTokenHasNoRolesClaim(t *testing.T) {
	tn := startTenant(t, Options{})
	_, claims := jwtParts(t, tokenFor(t, tn, ProfileNoConsent))
	if _, ok := claims["roles"]; ok {
		t.Fatalf("token of an app without admin consent has a roles claim: %v", claims["roles"])
	}
	if claims["appid"] != ClientIDNoConsent {
		t.Errorf("appid = %v", claims["appid"])
	}
}

func TestCertificateAssertion(t *testing.T) {
	tn := startTenant(t, Options{})
	cert, key := certAndKey(t, tn, ProfileCert)
	for _, alg := range []string{"PS256", "RS256"} {
		a := clientAssertion(t, cert, key, ClientIDCert, tn.TokenEndpoint(), time.Now(), alg)
		status, body := postToken(t, tn, TenantGUID, assertionForm(ClientIDCert, a, graphScope(tn)))
		if status != http.StatusOK {
			t.Fatalf("%s assertion: status %d: %v", alg, status, body)
		}
		_, claims := jwtParts(t, body["access_token"].(string))
		if claims["appidacr"] != "2" {
			t.Errorf("%s: appidacr = %v, want 2 (certificate)", alg, claims["appidacr"])
		}
	}
}

var (
	aadstsDescription = regexp.MustCompile(`^AADSTS(\d+): [^\r\n]+\r\nTrace ID: ([0-9a-f-]{36})\r\nCorrelation ID: ([0-9a-f-]{36})\r\nTimestamp: (\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ)$`)
)

// TestAADSTSErrors posts each failing request and checks the whole error
// body against the layout of the real identity platform.
func TestAADSTSErrors(t *testing.T) {
	skewedNow := time.Now().Add(time.Hour) // the tenant's clock runs an hour ahead
	tn := startTenant(t, Options{})
	skewed := startTenant(t, Options{Now: func() time.Time { return skewedNow }})
	skewedCert, skewedKey := certAndKey(t, skewed, ProfileCert)
	strayCert, strayKey := certAndKey(t, tn, ProfileUnknownCert)
	scope := graphScope(tn)

	cases := []struct {
		name   string
		tn     *Tenant
		tenant string
		form   url.Values
		code   int
		status int
		oauth  string
	}{
		{"wrong secret", tn, TenantGUID, secretForm(ClientIDWrongSecret, tn.Secret(ProfileWrongSecret), scope), 7000215, 401, "invalid_client"},
		{"expired secret", tn, TenantGUID, secretForm(ClientIDExpiredSecret, tn.Secret(ProfileExpiredSecret), scope), 7000222, 401, "invalid_client"},
		{"app not in tenant", tn, TenantGUID, secretForm(ClientIDUnregistered, "x", scope), 700016, 400, "unauthorized_client"},
		{"unknown tenant GUID", tn, "11111111-2222-4333-8444-555555555555", secretForm(ClientIDReader, tn.Secret(ProfileReader), scope), 90002, 400, "invalid_tenant"},
		{"unknown tenant domain", tn, UnknownTenantDomain, secretForm(ClientIDReader, tn.Secret(ProfileReader), scope), 90002, 400, "invalid_tenant"},
		{"malformed tenant", tn, MalformedTenant, secretForm(ClientIDReader, tn.Secret(ProfileReader), scope), 900023, 400, "invalid_request"},
		{"scope without /.default", tn, TenantGUID, secretForm(ClientIDReader, tn.Secret(ProfileReader), tn.GraphURL()+"/User.Read.All"), 1002012, 400, "invalid_scope"},
		{"assertion signed by unknown key", tn, TenantGUID,
			assertionForm(ClientIDCert, clientAssertion(t, strayCert, strayKey, ClientIDCert, tn.TokenEndpoint(), time.Now(), "PS256"), scope), 700027, 401, "invalid_client"},
		{"assertion expired by clock skew", skewed, TenantGUID,
			assertionForm(ClientIDCert, clientAssertion(t, skewedCert, skewedKey, ClientIDCert, skewed.TokenEndpoint(), time.Now(), "PS256"), scope), 700024, 401, "invalid_client"},
		{"no credential", tn, TenantGUID, url.Values{"grant_type": {"client_credentials"}, "client_id": {ClientIDReader}, "scope": {scope}}, 7000218, 401, "invalid_client"},
		{"unknown resource", tn, TenantGUID, secretForm(ClientIDReader, tn.Secret(ProfileReader), UnknownResourceScope), 500011, 400, "invalid_resource"},
		{"disabled app", tn, TenantGUID, secretForm(ClientIDDisabledApp, tn.Secret(ProfileDisabledApp), scope), 7000112, 400, "unauthorized_client"},
		{"conditional access", tn, TenantGUID, secretForm(ClientIDCABlocked, tn.Secret(ProfileCABlocked), scope), 53003, 400, "invalid_grant"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.tn == skewed {
				// The skewed tenant has its own CA and port; rebuild the scope for it.
				tc.form.Set("scope", graphScope(skewed))
			}
			correlation := "0f5c6a3e-8a8b-4f3c-9d21-7a1e2b3c4d5e"
			status, body := postToken(t, tc.tn, tc.tenant, tc.form, "client-request-id", correlation)
			if status != tc.status {
				t.Errorf("status %d, want %d", status, tc.status)
			}
			if body["error"] != tc.oauth {
				t.Errorf("error = %v, want %s", body["error"], tc.oauth)
			}
			codes, _ := body["error_codes"].([]any)
			if len(codes) != 1 || codes[0] != float64(tc.code) {
				t.Errorf("error_codes = %v, want [%d]", body["error_codes"], tc.code)
			}
			desc, _ := body["error_description"].(string)
			m := aadstsDescription.FindStringSubmatch(desc)
			if m == nil {
				t.Fatalf("error_description does not have the real layout:\n%q", desc)
			}
			if body["error_uri"] != tc.tn.LoginURL()+"/error?code="+m[1] {
				t.Errorf("error_uri %v does not name code %s", body["error_uri"], m[1])
			}
			if m[2] != body["trace_id"] || m[3] != body["correlation_id"] || m[4] != body["timestamp"] {
				t.Errorf("trace/correlation/timestamp fields disagree with the description: %v", body)
			}
			if body["correlation_id"] != correlation {
				t.Errorf("correlation_id = %v, want the client-request-id %s", body["correlation_id"], correlation)
			}
			if secret := tc.form.Get("client_secret"); len(secret) > 3 && strings.Contains(desc, secret) {
				t.Errorf("the error description repeats the secret that was sent")
			}
		})
	}
}

// TestErrorProfilesTriggerTheirCodes replays what each profile written by
// WriteConfigAll sends, so tests elsewhere can rely on AADSTSProfiles.
func TestErrorProfilesTriggerTheirCodes(t *testing.T) {
	tn := startTenant(t, Options{})
	for code, name := range AADSTSProfiles {
		p := tn.profile(name)
		if p == nil {
			t.Fatalf("AADSTSProfiles names %q, which the tenant does not have", name)
		}
		scope := graphScope(tn)
		if p.scope != "" {
			scope = p.scope
		}
		form := secretForm(p.clientID, p.secret, scope)
		if p.cert != nil {
			cert, key := certAndKey(t, tn, name)
			form = assertionForm(p.clientID, clientAssertion(t, cert, key, p.clientID, tn.TokenEndpoint(), time.Now(), "PS256"), scope)
		}
		_, body := postToken(t, tn, p.tenant, form)
		codes, _ := body["error_codes"].([]any)
		if len(codes) != 1 || codes[0] != float64(code) {
			t.Errorf("profile %s: error_codes %v, want [%d]", name, body["error_codes"], code)
		}
	}
}

func TestTokenEndpointRequestShapeErrors(t *testing.T) {
	tn := startTenant(t, Options{})
	cases := []struct {
		form url.Values
		code float64
	}{
		{url.Values{"client_id": {ClientIDReader}}, 900144},
		{url.Values{"grant_type": {"password"}, "client_id": {ClientIDReader}}, 70003},
		{url.Values{"grant_type": {"client_credentials"}, "client_secret": {"x"}, "scope": {graphScope(tn)}}, 900144},
		{url.Values{"grant_type": {"client_credentials"}, "client_id": {ClientIDReader}, "client_secret": {"x"}}, 900144},
		{secretForm(ClientIDReader, tn.Secret(ProfileReader), graphScope(tn)+" "+UnknownResourceScope), 70011},
	}
	for _, tc := range cases {
		status, body := postToken(t, tn, TenantGUID, tc.form)
		codes, _ := body["error_codes"].([]any)
		if status != http.StatusBadRequest || len(codes) != 1 || codes[0] != tc.code {
			t.Errorf("form %v: status %d, codes %v, want 400 [%v]", tc.form, status, codes, tc.code)
		}
	}
	resp, err := tn.HTTPClient().Get(tn.TokenEndpoint())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET on the token endpoint: status %d, want 405", resp.StatusCode)
	}
}

func TestClientSecretBasicIsAccepted(t *testing.T) {
	tn := startTenant(t, Options{})
	req, _ := http.NewRequest(http.MethodPost, tn.TokenEndpoint(), strings.NewReader(url.Values{
		"grant_type": {"client_credentials"}, "scope": {graphScope(tn)},
	}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(ClientIDReader), url.QueryEscape(tn.Secret(ProfileReader)))
	resp, err := tn.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %v", resp.StatusCode, decodeJSON(t, resp.Body))
	}
}

func TestStatsCountTokenRequestsPerClient(t *testing.T) {
	tn := startTenant(t, Options{})
	tokenFor(t, tn, ProfileReader)
	tokenFor(t, tn, ProfileReader)
	postToken(t, tn, TenantGUID, secretForm(ClientIDWrongSecret, tn.Secret(ProfileWrongSecret), graphScope(tn)))
	postToken(t, tn, UnknownTenantDomain, secretForm(ClientIDReader, tn.Secret(ProfileReader), graphScope(tn)))

	s := tn.Stats()
	if got := s.TokenRequests[ClientIDReader]; got != (TokenRequests{Succeeded: 2, Failed: 1}) {
		t.Errorf("reader: %+v, want 2 succeeded and 1 failed (unknown tenant)", got)
	}
	if got := s.TokenRequests[ClientIDWrongSecret]; got != (TokenRequests{Failed: 1}) {
		t.Errorf("wrong-secret: %+v, want 1 failed", got)
	}
}

func TestWrongSecretProfileHoldsTheSecretID(t *testing.T) {
	tn := startTenant(t, Options{})
	if !isGUID(tn.Secret(ProfileWrongSecret)) {
		t.Fatalf("wrong-secret should hold the secret's ID (a GUID), got %q", tn.Secret(ProfileWrongSecret))
	}
	if got := tn.Secret(ProfileReader); len(got) != 40 || got[3:6] != "8Q~" {
		t.Errorf("reader secret %q is not shaped like a portal secret", got)
	}
	if tn.Secret(ProfileCert) != "" {
		t.Errorf("a certificate profile has no secret")
	}
}
