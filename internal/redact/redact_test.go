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
