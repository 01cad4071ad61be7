package demo

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/profiles"
)

func miGet(t *testing.T, tn *Tenant, header string, q url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, tn.ManagedIdentityEndpoint()+"?"+q.Encode(), nil)
	if header != "" {
		req.Header.Set("X-IDENTITY-HEADER", header)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// The managed identity endpoint answers as App Service's does: the header
// is required, the system identity by default, a user-assigned one by
// client id or resource id, and 400 for an identity the host lacks.
func TestManagedIdentityEndpoint(t *testing.T) {
	tn := startTenant(t, Options{})
	header := tn.ManagedIdentityEnv()["IDENTITY_HEADER"]
	base := url.Values{"api-version": {"2019-08-01"}, "resource": {tn.GraphURL()}}
	with := func(k, v string) url.Values {
		q := url.Values{}
		for key, vals := range base {
			q[key] = vals
		}
		q.Set(k, v)
		return q
	}

	if status, _ := miGet(t, tn, "wrong", base); status != http.StatusUnauthorized {
		t.Errorf("wrong header: status %d", status)
	}
	status, body := miGet(t, tn, header, base)
	if status != 200 || body["client_id"] != ClientIDMISystem || body["access_token"] == "" {
		t.Fatalf("system identity: %d %v", status, body["client_id"])
	}
	claims, err := parseJWT(body["access_token"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if claims.str("oid") != tn.ManagedIdentityObjectID(ProfileManagedIdentity) || len(claims.strings("roles")) != 2 {
		t.Errorf("system identity token: oid %s roles %v", claims.str("oid"), claims.strings("roles"))
	}
	if status, body := miGet(t, tn, header, with("mi_res_id", MIResourceIDUser)); status != 200 || body["client_id"] != ClientIDMIUser {
		t.Errorf("by resource id: %d %v", status, body["client_id"])
	}
	status, body = miGet(t, tn, header, with("client_id", ClientIDReader))
	if status != http.StatusBadRequest || !strings.Contains(body["message"].(string), "No User Assigned") {
		t.Errorf("an app registration is no identity of this host: %d %v", status, body)
	}
}

// The federated app accepts the issuer's token with the registered
// subject and tells each mismatch by its own code.
func TestFederatedCredentialChecks(t *testing.T) {
	tn := startTenant(t, Options{})
	exp := time.Now().Add(time.Hour)
	post := func(assertion string) (int, int) {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {ClientIDFederated}, "scope": {tn.GraphURL() + "/.default"},
			"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"}, "client_assertion": {assertion}}
		resp, err := tn.HTTPClient().PostForm(tn.TokenEndpoint(), form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			Codes []int `json:"error_codes"`
		}
		json.NewDecoder(resp.Body).Decode(&body)
		if len(body.Codes) == 0 {
			return resp.StatusCode, 0
		}
		return resp.StatusCode, body.Codes[0]
	}
	mint := func(iss, sub string, exp time.Time) string {
		tok, err := tn.IssueFederatedToken(iss, sub, FederatedAudience, exp)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	if status, code := post(mint(FederatedIssuer, FederatedSubject, exp)); status != 200 {
		t.Errorf("matching token: %d AADSTS%d", status, code)
	}
	for name, c := range map[string]struct {
		assertion string
		code      int
	}{
		"wrong subject":  {mint(FederatedIssuer, FederatedWrongSubject, exp), 70021},
		"unknown issuer": {mint("https://gitlab.example.com", FederatedSubject, exp), 700211},
		"expired":        {mint(FederatedIssuer, FederatedSubject, time.Now().Add(-time.Hour)), 700024},
		"not a JWT":      {"not-a-jwt", 50027},
	} {
		if _, code := post(c.assertion); code != c.code {
			t.Errorf("%s: AADSTS%d, want %d", name, code, c.code)
		}
	}
}

// WriteDemoConfig adds the identity profiles, each valid for graphtui and
// of its kind, and the federated tokens beside them, private.
func TestWriteDemoConfigIdentities(t *testing.T) {
	tn := startTenant(t, Options{})
	dir := t.TempDir()
	path, err := tn.WriteDemoConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := profiles.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ProfileManagedIdentity: profiles.KindManagedIdentity, ProfileMIMissingRole: profiles.KindManagedIdentity,
		ProfileFederated: profiles.KindFederated, ProfileFederatedWrongSub: profiles.KindFederated, ProfileReader: profiles.CredentialSecret}
	for name, kind := range want {
		p, ok := cfg.Get(name)
		if !ok || p.Kind() != kind {
			t.Errorf("%s: %+v, want kind %s", name, p, kind)
		}
	}
	if _, ok := cfg.Get(ProfileExpiredSecret); ok {
		t.Error("the demo config should not hold the error profiles")
	}
	checkFile(t, FederatedTokenFile(dir, ProfileFederated), 0o600, nil)
	if raw, _ := os.ReadFile(path); strings.Contains(string(raw), "eyJ") {
		t.Error("the config holds a token itself")
	}
}
