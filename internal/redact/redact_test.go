package redact

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	jwt := "eyJhbGciOiJSUzI1NiJ9.eyJyb2xlcyI6W119.c2lnbmF0dXJl"
	var r Redactor
	r.Add("s3cr3t-value~x")
	cases := []struct{ in, gone string }{
		{"Post https://login/x/token: client_secret=s3cr3t-value~x&scope=y", "s3cr3t-value~x"},
		{"client_assertion=" + jwt + "&grant_type=client_credentials", jwt},
		{"Authorization: Bearer abcdefghijklmnop", "abcdefghijklmnop"},
		{`{"access_token":"` + jwt + `"}`, jwt},
		{"the secret is s3cr3t-value~x.", "s3cr3t-value~x"},
	}
	for _, c := range cases {
		out := r.Redact(c.in)
		if strings.Contains(out, c.gone) {
			t.Errorf("Redact(%q) = %q still holds %q", c.in, out, c.gone)
		}
		if !strings.Contains(out, "redacted") {
			t.Errorf("Redact(%q) = %q does not say what it removed", c.in, out)
		}
	}
	if got := r.Redact("HTTP 403 Authorization_RequestDenied"); got != "HTTP 403 Authorization_RequestDenied" {
		t.Errorf("plain text changed: %q", got)
	}
}

// graphtui's own help and messages name credential fields; a reference or
// a sentence is not a secret and must reach the reader whole.
func TestRedactLeavesReferencesAndProse(t *testing.T) {
	for _, s := range []string{
		`client_secret = "env:MY_APP_SECRET"`,
		`client_secret = "file:/tmp/graphtui-demo-1/contoso-reader.secret"`,
		`client_secret = 'keyring:contoso' or client_secret=cmd:pass`,
		`profile "x": client_secret: looks like a plain-text secret (the value is not shown)`,
		`AADSTS error code: 7000215`,
	} {
		if got := String(s); got != s {
			t.Errorf("String(%q) = %q, want it unchanged", s, got)
		}
	}
	for _, c := range []struct{ in, gone string }{
		{`client_secret = "Qx8~plain-secret"`, "Qx8~plain-secret"},
		{`client_secret = Qx8~plain-secret`, "Qx8~plain-secret"},
		{`{"access_token": "opaque-token-123"}`, "opaque-token-123"},
		{`password:hunter22`, "hunter22"},
	} {
		if got := String(c.in); strings.Contains(got, c.gone) {
			t.Errorf("String(%q) = %q still holds %q", c.in, got, c.gone)
		}
	}
}

// Names that end in "code" are not OAuth codes: an identity endpoint's
// {"statusCode":400} and a user's postalCode stay readable, while a code
// or a password inside a longer name is still hidden.
func TestCodeInsideALongerNameIsNotACredential(t *testing.T) {
	for in, want := range map[string]string{
		`{"statusCode":400,"message":"x"}`:       `{"statusCode":400,"message":"x"}`,
		`"postalCode": "98052", "countryCode":1`: `"postalCode": "98052", "countryCode":1`,
		`redirect?code=0.AXoA9x&state=1`:         `redirect?code=[redacted]&state=1`,
		`{"userPassword":"hunter22"}`:            `{"userPassword":"[redacted]"}`,
		`AZURE_CLIENT_SECRET=abc~123`:            `AZURE_CLIENT_SECRET=[redacted]`,
	} {
		if got := String(in); got != want {
			t.Errorf("Redact(%s) = %s, want %s", in, got, want)
		}
	}
}
