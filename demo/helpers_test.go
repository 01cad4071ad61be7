package demo

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Test helpers talk to the tenant only over HTTP, with the client it hands
// out, the way graphtui does.

func startTenant(t *testing.T, opts Options) *Tenant {
	t.Helper()
	tn, err := Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := tn.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return tn
}

// postToken posts a form to a tenant's token endpoint and decodes the JSON answer.
func postToken(t *testing.T, tn *Tenant, tenant string, form url.Values, header ...string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, tn.LoginURL()+"/"+tenant+"/oauth2/v2.0/token", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := tn.HTTPClient().Do(req)
	if err != nil {
		t.Fatalf("token request: %v", err)
	}
	defer resp.Body.Close()
	return resp.StatusCode, decodeJSON(t, resp.Body)
}

func decodeJSON(t *testing.T, r io.Reader) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		t.Fatalf("response is not a JSON object: %v", err)
	}
	return m
}

func secretForm(clientID, secret, scope string) url.Values {
	return url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {clientID},
		"client_secret": {secret},
		// MSAL always adds these three; the tenant must ignore them.
		"scope": {scope + " openid offline_access profile"},
	}
}

func graphScope(tn *Tenant) string { return tn.GraphURL() + "/.default" }

// tokenFor gets an access token for a story profile with a secret.
func tokenFor(t *testing.T, tn *Tenant, profile string) string {
	t.Helper()
	status, body := postToken(t, tn, TenantGUID, secretForm(tn.ClientID(profile), tn.Secret(profile), graphScope(tn)))
	if status != http.StatusOK {
		t.Fatalf("token for %s: status %d, body %v", profile, status, body)
	}
	return body["access_token"].(string)
}

// jwtParts decodes a JWT's header and claims without verifying it.
func jwtParts(t *testing.T, token string) (header, claims map[string]any) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %d parts", len(parts))
	}
	decode := func(s string) map[string]any {
		raw, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			t.Fatalf("JWT part is not base64url: %v", err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("JWT part is not JSON: %v", err)
		}
		return m
	}
	return decode(parts[0]), decode(parts[1])
}

// certAndKey reads a certificate profile's PEM as graphtui would.
func certAndKey(t *testing.T, tn *Tenant, profile string) (*x509.Certificate, *rsa.PrivateKey) {
	t.Helper()
	data, err := tn.CertificatePEM(profile)
	if err != nil {
		t.Fatal(err)
	}
	var cert *x509.Certificate
	var key *rsa.PrivateKey
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		switch block.Type {
		case "CERTIFICATE":
			if cert, err = x509.ParseCertificate(block.Bytes); err != nil {
				t.Fatal(err)
			}
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			if err != nil {
				t.Fatal(err)
			}
			key = k.(*rsa.PrivateKey)
		}
	}
	if cert == nil || key == nil {
		t.Fatalf("%s PEM lacks a certificate or a key", profile)
	}
	return cert, key
}

// clientAssertion builds what MSAL sends for a certificate credential:
// PS256 with x5t#S256 (standard base64), or RS256 with x5t as older
// libraries do.
func clientAssertion(t *testing.T, cert *x509.Certificate, key *rsa.PrivateKey, clientID, aud string, issued time.Time, alg string) string {
	t.Helper()
	header := map[string]any{"alg": alg, "typ": "JWT"}
	if alg == "PS256" {
		sum := sha256.Sum256(cert.Raw)
		header["x5t#S256"] = base64.StdEncoding.EncodeToString(sum[:])
	} else {
		sum := sha1.Sum(cert.Raw)
		header["x5t"] = base64.StdEncoding.EncodeToString(sum[:])
	}
	claims := map[string]any{
		"aud": aud, "iss": clientID, "sub": clientID, "jti": "test-" + issued.String(),
		"nbf": issued.Unix(), "exp": issued.Add(10 * time.Minute).Unix(),
	}
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	digest := sha256.Sum256([]byte(input))
	var sig []byte
	var err error
	if alg == "PS256" {
		sig, err = rsa.SignPSS(rand.Reader, key, crypto.SHA256, digest[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	} else {
		sig, err = rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	}
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func assertionForm(clientID, assertion, scope string) url.Values {
	return url.Values{
		"grant_type":            {"client_credentials"},
		"client_id":             {clientID},
		"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
		"client_assertion":      {assertion},
		"client_info":           {"1"},
		"scope":                 {scope + " openid offline_access profile"},
	}
}

// graphGet sends a GET to the tenant's Graph with a bearer token and
// optional header name/value pairs.
func graphGet(t *testing.T, tn *Tenant, token, pathOrURL string, header ...string) (*http.Response, []byte) {
	t.Helper()
	u := pathOrURL
	if strings.HasPrefix(u, "/") {
		u = tn.GraphURL() + u
	}
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := tn.HTTPClient().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", pathOrURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// graphJSONBody GETs and decodes, failing unless the status is want.
func graphJSONBody(t *testing.T, tn *Tenant, token, path string, want int, header ...string) map[string]any {
	t.Helper()
	resp, body := graphGet(t, tn, token, path, header...)
	if resp.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d; body %s", path, resp.StatusCode, want, body)
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("GET %s: body is not JSON: %v\n%s", path, err, body)
	}
	return m
}

// graphErrorOf checks a Graph error body's shape and returns code and message.
func graphErrorOf(t *testing.T, body map[string]any) (code, message string) {
	t.Helper()
	e, ok := body["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error object in %v", body)
	}
	inner, ok := e["innerError"].(map[string]any)
	if !ok {
		t.Fatalf("no innerError in %v", e)
	}
	for _, k := range []string{"date", "request-id", "client-request-id"} {
		if s, _ := inner[k].(string); s == "" {
			t.Errorf("innerError.%s missing in %v", k, inner)
		}
	}
	code, _ = e["code"].(string)
	message, _ = e["message"].(string)
	return code, message
}

func values(t *testing.T, body map[string]any) []map[string]any {
	t.Helper()
	raw, ok := body["value"].([]any)
	if !ok {
		t.Fatalf("no value array in %v", body)
	}
	out := make([]map[string]any, len(raw))
	for i, v := range raw {
		out[i] = v.(map[string]any)
	}
	return out
}
