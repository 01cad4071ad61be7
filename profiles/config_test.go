package profiles

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadValidConfig(t *testing.T) {
	path := copyTestdata(t, "valid.toml")
	dir := filepath.Dir(path)
	cfg, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !cfg.Exists || cfg.Path != path {
		t.Errorf("Exists=%v Path=%q", cfg.Exists, cfg.Path)
	}
	if got, want := strings.Join(cfg.Names(), ","), "contoso-reader,contoso-cert,local.demo,inline"; got != want {
		t.Errorf("Names() = %q, want file order %q", got, want)
	}

	reader, ok := cfg.Get("contoso-reader")
	if !ok {
		t.Fatal("contoso-reader missing")
	}
	want := Profile{
		Name: "contoso-reader", Tenant: "contoso.onmicrosoft.com", ClientID: "00000000-0000-0000-0000-000000000000",
		ClientSecret: "env:CONTOSO_READER_SECRET", Source: Position{File: path, Line: 3},
	}
	if reader != want {
		t.Errorf("contoso-reader = %+v\nwant %+v", reader, want)
	}

	// Relative paths, in values and in file: references, are relative to
	// the config file's directory, whatever the working directory is.
	cert, _ := cfg.Get("contoso-cert")
	if cert.Certificate != filepath.Join(dir, "cert.pem") {
		t.Errorf("certificate = %q, want it resolved next to the config", cert.Certificate)
	}
	if cert.CertificatePassword != "file:"+filepath.Join(dir, "secrets", "cert-password") {
		t.Errorf("certificate_password = %q, want the file: path resolved", cert.CertificatePassword)
	}
	if cert.CloudName() != CloudUSGov || cert.GraphBase() != "https://graph.microsoft.us" {
		t.Errorf("cloud = %q, graph = %q", cert.CloudName(), cert.GraphBase())
	}

	demo, _ := cfg.Get("local.demo")
	if demo.GraphBase() != "http://localhost:8443" || demo.Version() != "beta" || demo.CAFile != filepath.Join(dir, "cert.pem") {
		t.Errorf("local.demo = %+v", demo)
	}
	if demo.Source.Line != 16 {
		t.Errorf("local.demo defined at line %d, want 16", demo.Source.Line)
	}
	inline, _ := cfg.Get("inline")
	if inline.ClientSecret != "cmd:pass show fabrikam" || inline.Tenant != "fabrikam.com" {
		t.Errorf("inline = %+v", inline)
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("unexpected warnings: %q", cfg.Warnings)
	}
}

func TestLoadMissingFileIsEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nowhere", "config.toml")
	cfg, err := Load(path)
	if err != nil {
		t.Fatalf("missing file: %v", err)
	}
	if cfg.Exists || len(cfg.Profiles) != 0 {
		t.Errorf("got %+v, want an empty config", cfg)
	}
	if hint := cfg.Hint(); !strings.Contains(hint, path) || !strings.Contains(hint, "[profiles.") {
		t.Errorf("hint should name the file and show a profile: %q", hint)
	}
}

func TestLoadExpandsHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	cert, key := newCert(t, "home", nil, nil)
	writeFile(t, filepath.Join(home, "certs", "app.pem"), pemCert(cert)+pemPKCS1(key), 0o600)
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, `[profiles.home]
tenant = "contoso.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000000"
certificate = "~/certs/app.pem"
`, 0o600)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := cfg.Get("home")
	if p.Certificate != filepath.Join(home, "certs", "app.pem") {
		t.Errorf("certificate = %q, want ~ expanded", p.Certificate)
	}
}

// Each entry is one problem in testdata/invalid.toml: every one is reported
// in a single pass, in line order, with its key.
func TestLoadReportsEveryProblem(t *testing.T) {
	path := copyTestdata(t, "invalid.toml")
	cfg, err := Load(path)
	errs, ok := AsErrors(err)
	if !ok {
		t.Fatalf("want Errors, got %v", err)
	}
	want := []struct {
		line    int
		profile string
		key     string
		text    string
	}{
		{3, "typo", "", "has no credential"},
		{6, "typo", "client_secert", `did you mean "client_secret"?`},
		{10, "types", "client_id", "must be a string in quotes, not a number"},
		{12, "types", "api_version", "not an array"},
		{15, "guids", "tenant", "not a valid GUID"},
		{16, "guids", "client_id", "is not a GUID"},
		{20, "short-domain", "tenant", `did you mean "contoso.onmicrosoft.com"?`},
		{28, "cloud", "cloud", `unknown cloud "germany"; use one of: global, usgov, usgov-dod, china`},
		{30, "no-credential", "", "has no credential"},
		{38, "two-credentials", "certificate", "keep exactly one credential"},
		{43, "plain-secret", "client_secret", `use a reference`},
		{48, "missing-cert", "certificate", "does-not-exist.pem: no such file"},
		{54, "plain-http", "authority_host", "plain http"},
		{55, "plain-http", "graph_host", "plain http"},
		{61, "versions", "api_version", `must be "v1.0" or "beta"`},
		{62, "versions", "scope", "/.default"},
		{64, "bad name!", "", "only letters, digits, '-', '_' and '.'"},
		{73, "password-alone", "certificate_password", "only used with certificate"},
		{80, "", "profile", `did you mean "profiles"`},
	}
	// plain-secret: the message says to use a reference, in its own words.
	want[10].text = `"env:VAR", "cmd:COMMAND ARGS", "file:PATH" or "keyring:NAME"`
	if len(errs) != len(want) {
		t.Errorf("got %d errors, want %d:\n%v", len(errs), len(want), errs)
	}
	for i := 0; i < len(errs) && i < len(want); i++ {
		e, w := errs[i], want[i]
		if e.File != path || e.Line != w.line || e.Profile != w.profile || e.Key != w.key || !strings.Contains(e.Message, w.text) {
			t.Errorf("error %d = %q (line %d, profile %q, key %q)\nwant line %d, profile %q, key %q, containing %q",
				i, e.Error(), e.Line, e.Profile, e.Key, w.line, w.profile, w.key, w.text)
		}
	}
	if strings.Contains(err.Error(), "plainTextSecretValue") || strings.Contains(err.Error(), "Zx8Q") {
		t.Errorf("an error repeats the plain-text secret:\n%v", err)
	}
	if got := strings.Join(cfg.Names(), ","); got != "ok" {
		t.Errorf("valid profiles = %q, want only ok", got)
	}
}

func TestConfigErrorFormat(t *testing.T) {
	e := &ConfigError{File: "/c/config.toml", Line: 6, Profile: "typo", Key: "client_secert", Message: `unknown key; did you mean "client_secret"?`}
	want := `/c/config.toml:6: profile "typo", key "client_secert": unknown key; did you mean "client_secret"?`
	if e.Error() != want {
		t.Errorf("got  %s\nwant %s", e.Error(), want)
	}
	var wrapped error = Errors{e}
	var got *ConfigError
	if !errors.As(wrapped, &got) || got != e {
		t.Error("errors.As cannot find the *ConfigError inside Errors")
	}
}

// Syntax errors stop decoding, so each case is its own file.
func TestLoadSyntaxErrors(t *testing.T) {
	cases := []struct {
		name    string
		config  string
		line    int
		profile string
		key     string
		text    string
		secret  string // must not appear in the error
	}{
		{
			name:    "duplicate profile",
			config:  "[profiles.a]\ntenant = \"x.com\"\n\n[profiles.a]\ntenant = \"y.com\"\n",
			line:    4,
			profile: "a",
			text:    `profile "a" is defined twice (first at line 1)`,
		},
		{
			name:    "duplicate key",
			config:  "[profiles.a]\ntenant = \"x.com\"\ntenant = \"y.com\"\n",
			line:    3,
			profile: "a",
			key:     "tenant",
			text:    "is set twice (first at line 2)",
		},
		{
			name:    "unquoted value",
			config:  "[profiles.a]\ntenant = contoso.com\n",
			line:    2,
			profile: "a",
			key:     "tenant",
			text:    `values are quoted strings`,
		},
		{
			name:    "unquoted secret",
			config:  "[profiles.a]\nclient_secret = Zx8Q~hunter2hunter2\n",
			line:    2,
			profile: "a",
			key:     "client_secret",
			text:    "details hidden",
			secret:  "hunter2",
		},
		{
			name:    "secret pasted on its own line",
			config:  "[profiles.a]\nZx8Q~hunter2hunter2\n",
			line:    2,
			profile: "",
			text:    "details hidden",
			secret:  "hunter2",
		},
		{
			name:    "bad escape in a secret",
			config:  "[profiles.a]\nclient_secret = \"\\qhunter2\"\n",
			line:    2,
			profile: "a",
			key:     "client_secret",
			text:    "details hidden",
			secret:  "hunter2",
		},
		{
			name:   "broken header",
			config: "[profiles.a\ntenant = \"x.com\"\n",
			line:   1,
			text:   "invalid TOML",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path, e := loadOneError(t, tc.config)
			if e.File != path || e.Line != tc.line || e.Column == 0 || e.Profile != tc.profile || e.Key != tc.key || !strings.Contains(e.Message, tc.text) {
				t.Errorf("got %q (line %d col %d, profile %q, key %q)\nwant line %d, profile %q, key %q, containing %q",
					e.Error(), e.Line, e.Column, e.Profile, e.Key, tc.line, tc.profile, tc.key, tc.text)
			}
			if tc.secret != "" && strings.Contains(e.Error(), tc.secret) {
				t.Errorf("error repeats the secret: %s", e.Error())
			}
		})
	}
}

// loadOneError loads config from a file and requires exactly one
// ConfigError; it returns the file's path and the error.
func loadOneError(t *testing.T, config string) (string, *ConfigError) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, config, 0o600)
	_, err := Load(path)
	errs, ok := AsErrors(err)
	if !ok || len(errs) != 1 {
		t.Fatalf("want one ConfigError, got %v", err)
	}
	return path, errs[0]
}

func TestLoadStructureErrors(t *testing.T) {
	cases := []struct {
		name, config string
		line         int
		profile, key string
		text         string
	}{
		{"profiles is a string", "profiles = \"a\"\n", 1, "", "profiles", "must be a table of profiles"},
		{"profiles is an array of tables", "[[profiles]]\ntenant = \"x.com\"\n", 1, "", "profiles", "must be a table of profiles"},
		{"profile is a string", "[profiles]\na = \"x\"\n", 2, "a", "", "must be a table"},
		{"nested table", "[profiles.a]\ntenant = \"contoso.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\nclient_secret = \"env:A\"\n[profiles.a.extra]\nx = \"y\"\n", 5, "a", "extra", "unknown key; known keys are tenant, client_id"},
		{"dotted keys", "[profiles]\na.tenant = \"contoso.com\"\na.client_id = \"nope\"\na.client_secret = \"env:A\"\n", 3, "a", "client_id", "is not a GUID"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, e := loadOneError(t, tc.config)
			if e.Line != tc.line || e.Profile != tc.profile || e.Key != tc.key || !strings.Contains(e.Message, tc.text) {
				t.Errorf("got %q (line %d, profile %q, key %q)\nwant line %d, profile %q, key %q, containing %q",
					e.Error(), e.Line, e.Profile, e.Key, tc.line, tc.profile, tc.key, tc.text)
			}
		})
	}
}

func TestLoadWarnsAboutReadableConfig(t *testing.T) {
	if os.PathSeparator == '\\' {
		t.Skip("permission bits do not apply on Windows")
	}
	withFiles := copyTestdata(t, "valid.toml") // certificates and file: secrets
	secretOnly := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, secretOnly, "[profiles.a]\ntenant = \"contoso.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\nclient_secret = \"env:A\"\n", 0o644)
	cases := []struct {
		path string
		mode os.FileMode
		warn bool
	}{
		{withFiles, 0o644, true},
		{withFiles, 0o640, true},
		{withFiles, 0o600, false},
		{secretOnly, 0o644, false},
	}
	for _, tc := range cases {
		if err := os.Chmod(tc.path, tc.mode); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		got := len(cfg.Warnings) > 0
		if got != tc.warn {
			t.Errorf("mode %04o: warnings %q, want warning=%v", tc.mode, cfg.Warnings, tc.warn)
		}
		if got && !strings.Contains(cfg.Warnings[0], "chmod 600") {
			t.Errorf("warning should say how to fix it: %q", cfg.Warnings[0])
		}
	}
}

func TestValidateProgrammaticProfile(t *testing.T) {
	good := Profile{Name: "app", Tenant: "contoso.onmicrosoft.com", ClientID: "00000000-0000-0000-0000-000000000000", ClientSecret: "keyring:app"}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid profile: %v", err)
	}
	bad := good
	bad.Tenant, bad.ClientSecret, bad.GraphHost = "common", "s3cr3t-value", "https://graph.microsoft.com/v1.0"
	errs, ok := AsErrors(bad.Validate())
	if !ok {
		t.Fatal("want Errors")
	}
	keys := []string{}
	for _, e := range errs {
		if e.File != "" || e.Line != 0 {
			t.Errorf("a programmatic profile has no file or line: %v", e)
		}
		keys = append(keys, e.Key)
	}
	if got := strings.Join(keys, ","); got != "tenant,client_secret,graph_host" {
		t.Errorf("errors on keys %q, want tenant,client_secret,graph_host:\n%v", got, errs)
	}
	if strings.Contains(errs.Error(), "s3cr3t") {
		t.Error("error repeats the secret")
	}
}

func TestValidateRules(t *testing.T) {
	base := Profile{Name: "app", Tenant: "contoso.onmicrosoft.com", ClientID: "00000000-0000-0000-0000-000000000000", ClientSecret: "env:APP_SECRET"}
	cases := []struct {
		name   string
		change func(*Profile)
		key    string // "" with ok: no error expected
		ok     bool
	}{
		{"tenant GUID", func(p *Profile) { p.Tenant = "11111111-1111-1111-1111-111111111111" }, "", true},
		{"tenant with braces", func(p *Profile) { p.Tenant = "{11111111-1111-1111-1111-111111111111}" }, keyTenant, false},
		{"tenant organizations", func(p *Profile) { p.Tenant = "organizations" }, keyTenant, false},
		{"tenant with path", func(p *Profile) { p.Tenant = "contoso.com/x" }, keyTenant, false},
		{"https bare host", func(p *Profile) { p.GraphHost = "graph.microsoft.de" }, "", true},
		{"http 127.x loopback", func(p *Profile) { p.GraphHost = "http://127.5.0.1:9000" }, "", true},
		{"http ::1", func(p *Profile) { p.AuthorityHost = "http://[::1]:9000" }, "", true},
		{"http lookalike", func(p *Profile) { p.GraphHost = "http://localhost.evil.com" }, keyGraphHost, false},
		{"ftp", func(p *Profile) { p.GraphHost = "ftp://graph.microsoft.com" }, keyGraphHost, false},
		{"env ref with bad name", func(p *Profile) { p.ClientSecret = "env:1ABC" }, keyClientSecret, false},
		{"empty ref", func(p *Profile) { p.ClientSecret = "file:" }, keyClientSecret, false},
		{"cmd ref with open quote", func(p *Profile) { p.ClientSecret = `cmd:pass "show` }, keyClientSecret, false},
		{"all ref kinds", func(p *Profile) { p.ClientSecret = "cmd:pass show x" }, "", true},
		{"plain certificate password", func(p *Profile) {
			p.ClientSecret, p.Certificate, p.CertificatePassword = "", "helpers_test.go", "hunter2"
		}, keyCertificatePassword, false},
		{"certificate is a directory", func(p *Profile) { p.ClientSecret, p.Certificate = "", "testdata" }, keyCertificate, false},
		{"ca_file without certificates", func(p *Profile) { p.CAFile = "testdata/valid.toml" }, keyCAFile, false},
		{"beta", func(p *Profile) { p.APIVersion = "beta" }, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := base
			tc.change(&p)
			err := p.Validate()
			if tc.ok {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			errs, _ := AsErrors(err)
			if len(errs) != 1 || errs[0].Key != tc.key {
				t.Fatalf("want one error on %q, got %v", tc.key, err)
			}
		})
	}
}

func TestResolvePath(t *testing.T) {
	cfgHome := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfgHome)
	t.Setenv("HOME", cfgHome)
	t.Setenv("AppData", cfgHome)

	t.Setenv(EnvConfig, "")
	def, err := ResolvePath("")
	if err != nil {
		t.Fatal(err)
	}
	userDir, _ := os.UserConfigDir()
	if def != filepath.Join(userDir, "graphtui", "config.toml") {
		t.Errorf("default = %q", def)
	}

	fromEnv := filepath.Join(t.TempDir(), "env.toml")
	t.Setenv(EnvConfig, fromEnv)
	if got, _ := ResolvePath(""); got != fromEnv {
		t.Errorf("with %s set: %q, want %q", EnvConfig, got, fromEnv)
	}
	fromFlag := filepath.Join(t.TempDir(), "flag.toml")
	if got, _ := ResolvePath(fromFlag); got != fromFlag {
		t.Errorf("flag should win over %s: %q", EnvConfig, got)
	}
	if got, _ := ResolvePath("~/x.toml"); got != filepath.Join(cfgHome, "x.toml") {
		t.Errorf("~ not expanded: %q", got)
	}
	if got, _ := ResolvePath("rel.toml"); !filepath.IsAbs(got) {
		t.Errorf("relative flag not made absolute: %q", got)
	}
}

// A config over the size limit is the wrong file: it is refused, not read.
func TestLoadRefusesAHugeConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, "# padding\n"+strings.Repeat("#", 4<<20), 0o600)
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "larger than 4 MiB") || !strings.Contains(err.Error(), "--config") {
		t.Errorf("Load = %v; want an error naming the file, the limit and what to do", err)
	}
}

// A file: secret that others can read gets the same warning as such a
// config, with the chmod that fixes it; a private one gets none.
func TestLoadWarnsAboutReadableSecretFile(t *testing.T) {
	if os.PathSeparator == '\\' {
		t.Skip("permission bits do not apply on Windows")
	}
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.txt")
	writeFile(t, secret, "s3cr3t\n", 0o644)
	path := filepath.Join(dir, "config.toml")
	writeFile(t, path, "[profiles.a]\ntenant = \"contoso.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\nclient_secret = \"file:secret.txt\"\n"+
		"[profiles.b]\ntenant = \"contoso.com\"\nclient_id = \"00000000-0000-0000-0000-000000000000\"\nclient_secret = \"file:secret.txt\"\n", 0o600)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Warnings) != 1 || !strings.Contains(cfg.Warnings[0], secret+" ") || !strings.Contains(cfg.Warnings[0], "chmod 600 "+secret) ||
		!strings.Contains(cfg.Warnings[0], "0644") {
		t.Errorf("warnings %q; want one naming %s, its mode and the chmod", cfg.Warnings, secret)
	}
	if err := os.Chmod(secret, 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg, err = Load(path); err != nil || len(cfg.Warnings) != 0 {
		t.Errorf("a private secret file: warnings %q, err %v", cfg.Warnings, err)
	}
}
