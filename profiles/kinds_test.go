package profiles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	kindsTenant = "11111111-1111-1111-1111-111111111111"
	kindsClient = "22222222-2222-2222-2222-222222222222"
	kindsARMID  = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-mi"
)

func loadText(t *testing.T, text string) (*Config, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return Load(path)
}

// Each identity kind loads from its keys and says its kind.
func TestProfileKinds(t *testing.T) {
	cfg, err := loadText(t, `token_cache = "file"

[profiles.mi]
managed_identity = "system"

[profiles.mi-user]
managed_identity = "`+kindsClient+`"

[profiles.mi-arm]
managed_identity = "`+kindsARMID+`"

[profiles.fed]
tenant = "`+kindsTenant+`"
client_id = "`+kindsClient+`"
federated_token = "file:token.jwt"

[profiles.brought]
access_token = "cmd:az account get-access-token --query accessToken -o tsv"

[profiles.sec]
tenant = "`+kindsTenant+`"
client_id = "`+kindsClient+`"
client_secret = "env:X"
`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"mi": KindManagedIdentity, "mi-user": KindManagedIdentity, "mi-arm": KindManagedIdentity,
		"fed": KindFederated, "brought": KindAccessToken, "sec": CredentialSecret}
	for name, kind := range want {
		p, ok := cfg.Get(name)
		if !ok {
			t.Fatalf("profile %s missing", name)
		}
		if p.Kind() != kind {
			t.Errorf("%s: kind %q, want %q", name, p.Kind(), kind)
		}
	}
	by := map[string]string{"mi": ManagedIdentityBySystem, "mi-user": ManagedIdentityByClientID, "mi-arm": ManagedIdentityByResourceID}
	for name, want := range by {
		p, _ := cfg.Get(name)
		if got := p.ManagedIdentityBy(); got != want {
			t.Errorf("%s: by %q, want %q", name, got, want)
		}
	}
	fed, _ := cfg.Get("fed")
	if !strings.HasPrefix(fed.FederatedToken, "file:/") {
		t.Errorf("federated_token file: reference not resolved against the config directory: %q", fed.FederatedToken)
	}
	if cfg.TokenCache != TokenCacheFile {
		t.Errorf("token_cache = %q", cfg.TokenCache)
	}
}

// A kind that needs no tenant or credential refuses them, naming the key
// and what to do.
func TestProfileKindConflicts(t *testing.T) {
	cases := []struct{ name, body, key, says string }{
		{"mi with secret", `managed_identity = "system"` + "\n" + `client_secret = "env:X"`, keyClientSecret, "cannot be set beside managed_identity"},
		{"mi with client id", `managed_identity = "system"` + "\n" + `client_id = "` + kindsClient + `"`, keyClientID, `managed_identity = "GUID"`},
		{"mi bad value", `managed_identity = "mine"`, keyManagedIdentity, `must be "system"`},
		{"access token with tenant", `access_token = "env:T"` + "\n" + `tenant = "` + kindsTenant + `"`, keyTenant, "the token names its tenant"},
		{"access token pasted", `access_token = "eyJhbGciOi.eyJzdWIi.sig"`, keyAccessToken, "plain-text secret"},
		{"federated and secret", `tenant = "` + kindsTenant + `"` + "\n" + `client_id = "` + kindsClient + `"` + "\n" +
			`federated_token = "file:/t"` + "\n" + `client_secret = "env:X"`, keyFederatedToken, "exactly one"},
		{"federated without tenant", `client_id = "` + kindsClient + `"` + "\n" + `federated_token = "file:/t"`, keyTenant, "missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadText(t, "[profiles.p]\n"+tc.body+"\n")
			errs, ok := err.(Errors)
			if !ok {
				t.Fatalf("err = %v, want Errors", err)
			}
			for _, e := range errs {
				if e.Key == tc.key && strings.Contains(e.Message, tc.says) {
					return
				}
			}
			t.Errorf("no error on %q saying %q in:\n%v", tc.key, tc.says, err)
		})
	}
}

func TestTokenCacheKey(t *testing.T) {
	_, err := loadText(t, `token_cache = "disk"`+"\n")
	if err == nil || !strings.Contains(err.Error(), `"auto", "file", "off"`) {
		t.Errorf("bad token_cache: %v", err)
	}
	_, err = loadText(t, `token_cach = "off"`+"\n")
	if err == nil || !strings.Contains(err.Error(), `did you mean "token_cache"`) {
		t.Errorf("typo: %v", err)
	}
	cfg := &Config{TokenCache: TokenCacheOff}
	if m, err := TokenCacheMode(cfg, fakeEnv(nil)); m != TokenCacheOff || err != nil {
		t.Errorf("config mode = %q, %v", m, err)
	}
	if m, err := TokenCacheMode(cfg, fakeEnv(map[string]string{TokenCacheEnv: "file"})); m != TokenCacheFile || err != nil {
		t.Errorf("env mode = %q, %v", m, err)
	}
	if m, _ := TokenCacheMode(nil, fakeEnv(nil)); m != TokenCacheAuto {
		t.Errorf("default mode = %q", m)
	}
	if _, err := TokenCacheMode(nil, fakeEnv(map[string]string{TokenCacheEnv: "disk"})); err == nil || !strings.Contains(err.Error(), TokenCacheEnv) {
		t.Errorf("bad env: %v", err)
	}
}

func TestImplicitProfiles(t *testing.T) {
	fed, ok := EnvProfile(fakeEnv(map[string]string{"AZURE_TENANT_ID": kindsTenant, "AZURE_CLIENT_ID": kindsClient,
		"AZURE_FEDERATED_TOKEN_FILE": "/var/run/secrets/azure/tokens/azure-identity-token"}))
	if !ok || fed.Kind() != KindFederated || fed.FederatedToken != "file:/var/run/secrets/azure/tokens/azure-identity-token" {
		t.Errorf("workload identity env profile = %+v, %v", fed, ok)
	}
	if err := fed.Validate(); err != nil {
		t.Errorf("federated env profile invalid: %v", err)
	}

	if _, ok := ManagedIdentityProfile(fakeEnv(nil)); ok {
		t.Error("managed-identity profile without IDENTITY_ENDPOINT or MSI_ENDPOINT")
	}
	mi, ok := ManagedIdentityProfile(fakeEnv(map[string]string{"IDENTITY_ENDPOINT": "http://127.0.0.1:41741/msi/token", "IDENTITY_HEADER": "h"}))
	if !ok || mi.Name != ManagedIdentityProfileName || mi.ManagedIdentity != ManagedIdentitySystem {
		t.Errorf("managed-identity profile = %+v, %v", mi, ok)
	}
	if err := mi.Validate(); err != nil {
		t.Errorf("managed-identity profile invalid: %v", err)
	}
	user, _ := ManagedIdentityProfile(fakeEnv(map[string]string{"MSI_ENDPOINT": "http://localhost:50342/oauth2/token", "AZURE_CLIENT_ID": kindsClient}))
	if user.ManagedIdentity != kindsClient {
		t.Errorf("AZURE_CLIENT_ID should pick the user-assigned identity: %+v", user)
	}

	cfg := &Config{Profiles: []Profile{{Name: ManagedIdentityProfileName, ManagedIdentity: kindsClient}}}
	all := All(cfg, fakeEnv(map[string]string{"IDENTITY_ENDPOINT": "http://127.0.0.1:1/", "AZURE_TENANT_ID": kindsTenant,
		"AZURE_CLIENT_ID": kindsClient, "AZURE_CLIENT_SECRET": "s"}))
	if len(all) != 2 || all[0].ManagedIdentity != kindsClient || all[1].Name != EnvProfileName {
		t.Errorf("All = %+v: the config's own profile wins its name, env follows", all)
	}
}

// The new secret-bearing keys are never quoted in a syntax error.
func TestSyntaxErrorHidesTokenLines(t *testing.T) {
	_, err := loadText(t, "[profiles.p]\naccess_token = eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln\n")
	if err == nil || strings.Contains(err.Error(), "eyJ") || !strings.Contains(err.Error(), "details hidden") {
		t.Errorf("syntax error = %v", err)
	}
}

// The profile form writes each kind with its own keys and reads it back.
func TestAddWritesEachKind(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	for _, p := range []Profile{
		{Name: "mi", ManagedIdentity: ManagedIdentitySystem},
		{Name: "fed", Tenant: kindsTenant, ClientID: kindsClient, FederatedToken: "env:TOKEN"},
		{Name: "brought", AccessToken: "env:GRAPH_TOKEN"},
	} {
		if err := Add(path, p); err != nil {
			t.Fatalf("add %s: %v", p.Name, err)
		}
		cfg, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := cfg.Get(p.Name); got.Kind() != p.Kind() || got.Source.Line == 0 {
			t.Errorf("%s read back as %+v", p.Name, got)
		}
	}
}
