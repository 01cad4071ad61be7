package demo

import (
	"bytes"
	"crypto/x509"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

type configFile struct {
	Profiles map[string]struct {
		Tenant        string `toml:"tenant"`
		ClientID      string `toml:"client_id"`
		ClientSecret  string `toml:"client_secret"`
		Certificate   string `toml:"certificate"`
		AuthorityHost string `toml:"authority_host"`
		GraphHost     string `toml:"graph_host"`
		Scope         string `toml:"scope"`
		CAFile        string `toml:"ca_file"`
		AllowWrites   bool   `toml:"allow_writes"`
	} `toml:"profiles"`
}

func TestWriteConfigStoryProfiles(t *testing.T) {
	tn := startTenant(t, Options{})
	dir := t.TempDir()
	path, err := tn.WriteConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(raw), "# graphtui demo tenant configuration") {
		t.Errorf("config does not start with the generated-for-the-demo header:\n%s", raw)
	}

	var cfg configFile
	md, err := toml.Decode(string(raw), &cfg)
	if err != nil {
		t.Fatalf("config is not valid TOML: %v", err)
	}
	if len(md.Undecoded()) > 0 {
		t.Errorf("unexpected keys: %v", md.Undecoded())
	}
	for name, p := range cfg.Profiles {
		if !p.AllowWrites {
			t.Errorf("%s: the demo's profiles opt in to writes (allow_writes = true)", name)
		}
	}
	var order []string
	for _, key := range md.Keys() {
		if len(key) == 2 {
			order = append(order, key[1])
		}
	}
	var want []string
	for _, s := range Stories {
		want = append(want, s.Profile)
	}
	if !slices.Equal(order, want) {
		t.Errorf("profiles in order %v, want %v", order, want)
	}

	caPath := filepath.Join(dir, "ca.pem")
	for name, p := range cfg.Profiles {
		if p.AuthorityHost != tn.LoginURL() || p.GraphHost != tn.GraphURL() || p.CAFile != caPath {
			t.Errorf("%s: hosts %s %s, ca_file %s", name, p.AuthorityHost, p.GraphHost, p.CAFile)
		}
		if p.ClientID != tn.ClientID(name) {
			t.Errorf("%s: client_id %s, want %s", name, p.ClientID, tn.ClientID(name))
		}
		if (p.ClientSecret == "") == (p.Certificate == "") {
			t.Errorf("%s: needs exactly one credential, has secret %q and certificate %q", name, p.ClientSecret, p.Certificate)
		}
		if p.ClientSecret != "" {
			secretPath, ok := strings.CutPrefix(p.ClientSecret, "file:")
			if !ok || !filepath.IsAbs(secretPath) {
				t.Fatalf("%s: client_secret %q is not a file: reference to an absolute path", name, p.ClientSecret)
			}
			checkFile(t, secretPath, 0o600, []byte(tn.Secret(name)))
			if strings.Contains(string(raw), tn.Secret(name)) {
				t.Errorf("%s: the config holds the secret itself", name)
			}
		}
		if p.Certificate != "" {
			pemData, _ := tn.CertificatePEM(name)
			checkFile(t, p.Certificate, 0o600, pemData)
		}
	}
	if cfg.Profiles[ProfileReader].Tenant != TenantDomain || cfg.Profiles[ProfileNoConsent].Tenant != TenantGUID {
		t.Errorf("tenants: %s, %s", cfg.Profiles[ProfileReader].Tenant, cfg.Profiles[ProfileNoConsent].Tenant)
	}
	checkFile(t, path, 0o600, nil)
	checkFile(t, caPath, 0o644, tn.CAPEM())
}

func TestWriteConfigAllAddsOneProfilePerAADSTSCode(t *testing.T) {
	tn := startTenant(t, Options{})
	dir := t.TempDir()
	// A leftover world-readable config must not stay world-readable.
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	path, err := tn.WriteConfigAll(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkFile(t, path, 0o600, nil)
	var cfg configFile
	if _, err := toml.DecodeFile(path, &cfg); err != nil {
		t.Fatal(err)
	}
	for code, name := range AADSTSProfiles {
		if _, ok := cfg.Profiles[name]; !ok {
			t.Errorf("AADSTS%d: profile %s missing", code, name)
		}
	}
	if got := cfg.Profiles[ProfileUnknownResource].Scope; got != UnknownResourceScope {
		t.Errorf("unknown-resource scope %q", got)
	}
	if got := cfg.Profiles[ProfileUnknownTenant].Tenant; got != UnknownTenantDomain {
		t.Errorf("unknown-tenant tenant %q", got)
	}
}

func checkFile(t *testing.T, path string, mode os.FileMode, content []byte) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != mode {
		t.Errorf("%s: mode %v, want %v", filepath.Base(path), info.Mode().Perm(), mode)
	}
	if content != nil {
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, content) {
			t.Errorf("%s: content differs from what the tenant reports", filepath.Base(path))
		}
	}
}

func TestOnlyTheDemoCAIsTrusted(t *testing.T) {
	tn := startTenant(t, Options{})
	// The system roots do not know the demo CA...
	_, err := http.Get(tn.GraphURL() + "/v1.0/users")
	var unknownAuthority x509.UnknownAuthorityError
	if err == nil || !errors.As(err, &unknownAuthority) {
		t.Errorf("a default client reached the demo Graph: %v", err)
	}
	// ...and the tenant's client trusts nothing else and never skips checks.
	tr := tn.HTTPClient().Transport.(*http.Transport)
	if tr.TLSClientConfig.InsecureSkipVerify || tr.Proxy != nil {
		t.Error("HTTPClient skips verification or uses a proxy")
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(tn.CAPEM())
	if !tr.TLSClientConfig.RootCAs.Equal(pool) {
		t.Error("HTTPClient trusts something other than exactly the demo CA")
	}
	// Each tenant has its own CA: one tenant's client cannot talk to another.
	other := startTenant(t, Options{})
	if _, err := tn.HTTPClient().Get(other.LoginURL() + "/" + TenantGUID + "/v2.0/.well-known/openid-configuration"); err == nil {
		t.Error("a tenant's client trusted another tenant's certificate")
	}
}
