package auth

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func jwtWith(t *testing.T, payload map[string]any) string {
	t.Helper()
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc(b) + ".c2ln"
}

func TestDecodeClaimsAppToken(t *testing.T) {
	raw := jwtWith(t, map[string]any{
		"aud": "https://graph.microsoft.com", "iss": "https://sts.windows.net/t1/", "tid": "t1",
		"appid": "a1", "app_displayname": "Reader", "idtyp": "app",
		"roles": []string{"User.Read.All", "Group.Read.All"}, "wids": []string{"0997a1d0-0d1d-4acb-b408-d5ca73121e90"},
		"iat": 1700000000, "nbf": 1700000000, "exp": 1700003600.0, "aio": "xyz", "ver": "1.0",
	})
	c, err := DecodeClaims(raw)
	if err != nil {
		t.Fatal(err)
	}
	if c.Audience != "https://graph.microsoft.com" || c.TenantID != "t1" || c.AppID != "a1" || c.AppDisplayName != "Reader" || c.IDType != "app" || c.Issuer != "https://sts.windows.net/t1/" {
		t.Errorf("named claims wrong: %+v", c)
	}
	if strings.Join(c.Roles, ",") != "Group.Read.All,User.Read.All" {
		t.Errorf("roles = %v, want sorted list", c.Roles)
	}
	if len(c.WIDs) != 1 {
		t.Errorf("wids = %v", c.WIDs)
	}
	if !c.ExpiresAt.Equal(time.Unix(1700003600, 0)) || !c.IssuedAt.Equal(time.Unix(1700000000, 0)) || !c.NotBefore.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("times: iat %v nbf %v exp %v", c.IssuedAt, c.NotBefore, c.ExpiresAt)
	}
	if len(c.Other) != 2 || c.Other[0].Name != "aio" || c.Other[1].Value != "1.0" {
		t.Errorf("other claims = %+v, want aio and ver sorted", c.Other)
	}
}

func TestDecodeClaimsWithoutRoles(t *testing.T) {
	c, err := DecodeClaims(jwtWith(t, map[string]any{"aud": []string{"x", "y"}, "idtyp": "app"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.HasRoles() {
		t.Error("a token without a roles claim must report no roles")
	}
	if c.Audience != "x y" {
		t.Errorf("list audience = %q", c.Audience)
	}
}

func TestDecodeClaimsRejectsNonJWT(t *testing.T) {
	for _, raw := range []string{"", "abc", "a.b", "a.!!!.c", "a." + base64.RawURLEncoding.EncodeToString([]byte("[1]")) + ".c"} {
		if _, err := DecodeClaims(raw); err == nil {
			t.Errorf("DecodeClaims(%q) succeeded", raw)
		}
	}
}

func FuzzDecodeClaims(f *testing.F) {
	f.Add("eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJhIl0sImV4cCI6MX0.")
	f.Add("a.b.c")
	f.Add("..")
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := DecodeClaims(raw)
		if err != nil && (c.Audience != "" || len(c.Roles) != 0) {
			t.Fatal("claims returned with an error")
		}
	})
}
