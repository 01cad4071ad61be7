package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/internal/qrtext"
)

// demoEnv is a running demo tenant with its generated config.
type demoEnv struct {
	tenant *demo.Tenant
	config string
}

func newDemo(t *testing.T) demoEnv {
	t.Helper()
	tenant, cfg := demotest.Start(t, demo.Options{})
	return demoEnv{tenant: tenant, config: cfg}
}

// result is what one command line printed.
type result struct {
	code     int
	out, err string
	app      *App
}

func (r result) all() string { return r.out + r.err }

// run executes graphtui with a clean environment holding only env.
func run(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{
		Out: &out, Err: &errb,
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		Build:     BuildInfo{Version: "test"}.withDefaults(),
	}
	code := app.Run(context.Background(), args)
	return result{code: code, out: out.String(), err: errb.String(), app: app}
}

// runOK is run for a command that must succeed: any other exit ends the
// test with its stderr.
func runOK(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	r := run(t, env, args...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	return r
}

func (d demoEnv) env() map[string]string { return map[string]string{"GRAPHTUI_CONFIG": d.config} }

func TestGetUsersAllPages(t *testing.T) {
	d := newDemo(t)
	r := runOK(t, d.env(), "get", "/users", "--all", "-o", "json")
	var doc struct {
		Value []map[string]any `json:"value"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%.300s", err, r.out)
	}
	count := run(t, d.env(), "get", "/users/$count", "-H", "ConsistencyLevel: eventual", "-o", "raw")
	if count.code != 0 {
		t.Fatalf("$count: exit %d %s", count.code, count.err)
	}
	if want := strings.TrimSpace(count.out); want != itoa(len(doc.Value)) {
		t.Errorf("--all gave %d users, $count says %s", len(doc.Value), want)
	}
	seen := map[any]bool{}
	for _, u := range doc.Value {
		if seen[u["id"]] {
			t.Fatalf("user %v appears twice", u["id"])
		}
		seen[u["id"]] = true
	}
	// Many pages, one token.
	if n := d.tenant.Stats().TokenRequests[demo.ClientIDReader].Total(); n != 2 {
		t.Errorf("token requests = %d, want one per command run (2)", n)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestGetAllPrettyMatchesIndent(t *testing.T) {
	d := newDemo(t)
	pretty := run(t, d.env(), "get", "/groups", "--all")
	compact := run(t, d.env(), "get", "/groups", "--all", "-o", "json")
	if pretty.code != 0 || compact.code != 0 {
		t.Fatalf("exit %d/%d", pretty.code, compact.code)
	}
	var want bytes.Buffer
	if err := json.Indent(&want, []byte(strings.TrimSpace(compact.out)), "", "  "); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(pretty.out) != want.String() {
		t.Errorf("streamed pretty document differs from json.Indent of the compact one:\n%s\n---\n%s", pretty.out, want.String())
	}
}

func TestGetNoConsentExplainsCauseAndNextStep(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "/users", "-p", demo.ProfileNoConsent)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	wantIn(t, "stderr", r.err, "401", "InvalidAuthenticationToken", "Cause:", "no roles claim", "Next:", "adminconsent?client_id=")
	if r.out != "" {
		t.Errorf("stdout should be empty on failure, got %q", r.out)
	}
}

func TestGetWrongSecretExplainsAADSTS(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "-p", demo.ProfileWrongSecret, "get", "/users")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	wantIn(t, "stderr", r.err, "AADSTS7000215", "Cause:", "Secret ID")
}

func TestGetWrongRoleNamesTheRolesItHas(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "/users", "-p", demo.ProfileWrongRole)
	if r.code != 1 || !strings.Contains(r.err, "Authorization_RequestDenied") || !strings.Contains(r.err, "Group.Read.All") {
		t.Fatalf("exit %d:\n%s", r.code, r.err)
	}
}

func TestMeWithAppToken(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "/me")
	if r.code != 1 || !strings.Contains(r.err, "/users/{id") {
		t.Fatalf("exit %d:\n%s", r.code, r.err)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	d := newDemo(t)
	cases := map[string][]string{
		"unknown flag":       {"get", "/users", "--nope"},
		"no path":            {"get"},
		"bad query":          {"get", "/users", "-q", "top"},
		"header injection":   {"get", "/users", "-H", "X-Test: a\r\nAuthorization: Bearer x"},
		"foreign host":       {"get", "https://evil.example.com/v1.0/users"},
		"unknown profile":    {"get", "/users", "-p", "nobody"},
		"unknown output":     {"get", "/users", "-o", "xml"},
		"unknown command":    {"frobnicate"},
		"authorization flag": {"get", "/users", "-H", "Authorization: Bearer abc"},
	}
	for name, args := range cases {
		r := run(t, d.env(), args...)
		if r.code != 2 {
			t.Errorf("%s: exit %d, want 2\n%s", name, r.code, r.err)
		}
		if r.err == "" {
			t.Errorf("%s: no message on stderr", name)
		}
	}
	// Nothing was sent for any of them.
	if n := d.tenant.Stats().GraphTotal(); n != 0 {
		t.Errorf("%d Graph requests were sent for rejected command lines", n)
	}
}

func TestForeignHostNamesTheAllowedHost(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "https://evil.example.com/v1.0/users")
	if !strings.Contains(r.err, "evil.example.com") || !strings.Contains(r.err, strings.TrimPrefix(d.tenant.GraphURL(), "https://")) {
		t.Errorf("stderr should name the refused and the allowed host:\n%s", r.err)
	}
}

func TestGlobalFlagsBeforeOrAfter(t *testing.T) {
	d := newDemo(t)
	before := run(t, nil, "--config", d.config, "-p", demo.ProfileWrongRole, "get", "/groups", "-o", "json")
	after := run(t, nil, "get", "/groups", "-o", "json", "--config", d.config, "--profile", demo.ProfileWrongRole)
	if before.code != 0 || after.code != 0 {
		t.Fatalf("exit %d / %d: %s %s", before.code, after.code, before.err, after.err)
	}
	if n := d.tenant.Stats().TokenRequests[d.tenant.ClientID(demo.ProfileWrongRole)].Total(); n != 2 {
		t.Errorf("wrong-role token requests = %d, want 2 (the -p flag was not honoured)", n)
	}
}

func TestConfigErrorExitsTwoAndNamesFileAndLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(path, []byte("[profiles.a]\ntenant = \"contoso.onmicrosoft.com\"\nclient_idd = \"x\"\n"), 0o600)
	r := run(t, map[string]string{"GRAPHTUI_CONFIG": path}, "profiles")
	if r.code != 2 || !strings.Contains(r.err, path) || !strings.Contains(r.err, ":3") || !strings.Contains(r.err, "client_idd") {
		t.Fatalf("exit %d:\n%s", r.code, r.err)
	}
}

func TestMissingConfigHints(t *testing.T) {
	r := run(t, map[string]string{"GRAPHTUI_CONFIG": filepath.Join(t.TempDir(), "none.toml")}, "get", "/users")
	if r.code != 2 || !strings.Contains(r.err, "[profiles.") || !strings.Contains(r.err, "graphtui demo") {
		t.Fatalf("exit %d:\n%s", r.code, r.err)
	}
}

func TestEnvProfile(t *testing.T) {
	d := newDemo(t)
	env := map[string]string{
		"GRAPHTUI_CONFIG":     filepath.Join(t.TempDir(), "none.toml"),
		"AZURE_TENANT_ID":     d.tenant.TenantID(),
		"AZURE_CLIENT_ID":     demo.ClientIDReader,
		"AZURE_CLIENT_SECRET": "x",
	}
	r := run(t, env, "profiles")
	if r.code != 0 || !strings.Contains(r.out, "env ") || strings.Contains(r.all(), "AZURE_CLIENT_SECRET=") {
		t.Fatalf("exit %d:\n%s", r.code, r.all())
	}
}

func TestTokenListsRolesAndHidesTheToken(t *testing.T) {
	d := newDemo(t)
	r := runOK(t, d.env(), "token")
	for _, role := range d.tenant.Roles(demo.ProfileReader) {
		if !strings.Contains(r.out, "\n  "+role+"\n") {
			t.Errorf("role %s is not on a line of its own:\n%s", role, r.out)
		}
	}
	raw := r.app.auth.Cached(demo.ProfileReader).Raw()
	if raw == "" || strings.Contains(r.all(), raw) {
		t.Error("token output must not contain the token")
	}
	rawRun := run(t, d.env(), "token", "--raw")
	if strings.Count(rawRun.out, ".") != 2 || strings.Contains(rawRun.out, "roles") {
		t.Errorf("--raw prints just the token, got %q", rawRun.out)
	}
}

func TestConsentURL(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "consent-url", "-p", demo.ProfileNoConsent)
	want := d.tenant.LoginURL() + "/" + d.tenant.TenantID() + "/adminconsent?client_id=" + d.tenant.ClientID(demo.ProfileNoConsent)
	if r.code != 0 || strings.TrimSpace(r.out) != want {
		t.Fatalf("got %q, want %q", r.out, want)
	}
}

// --qr draws the same URL as a QR code under it; piped, without escapes.
func TestConsentURLWithQR(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "consent-url", "--qr", "-p", demo.ProfileNoConsent)
	url := d.tenant.LoginURL() + "/" + d.tenant.TenantID() + "/adminconsent?client_id=" + d.tenant.ClientID(demo.ProfileNoConsent)
	code, err := qrtext.Render(url, false)
	if err != nil {
		t.Fatal(err)
	}
	want := url + "\n\n" + strings.Join(code.Lines, "\n") + "\n"
	if r.code != 0 || r.out != want {
		t.Fatalf("exit %d, stdout:\n%s\nwant:\n%s", r.code, r.out, want)
	}
	if strings.ContainsRune(r.out, 0x1b) {
		t.Error("escape sequences in piped output")
	}
}

func TestVersion(t *testing.T) {
	r := run(t, nil, "--version")
	if r.code != 0 || !strings.HasPrefix(r.out, "graphtui test (commit") {
		t.Fatalf("got %q", r.out)
	}
}

// TestSecretsAndTokensNeverPrinted runs every command against the demo and
// checks that no secret and no issued token reached any output.
func TestSecretsAndTokensNeverPrinted(t *testing.T) {
	d := newDemo(t)
	var runs []result
	for _, p := range []string{demo.ProfileReader, demo.ProfileCert, demo.ProfileNoConsent, demo.ProfileWrongRole, demo.ProfileMailBlocked, demo.ProfileWrongSecret} {
		runs = append(runs,
			run(t, d.env(), "get", "/users", "--all", "-p", p),
			run(t, d.env(), "get", "/users", "-p", p, "-o", "raw"),
			run(t, d.env(), "get", "/users/"+demo.MailboxBlocked+"/messages", "-p", p),
			run(t, d.env(), "token", "-p", p),
			run(t, d.env(), "consent-url", "-p", p),
		)
	}
	runs = append(runs, run(t, d.env(), "profiles"))
	config, _ := os.ReadFile(d.config)
	for _, p := range []string{demo.ProfileReader, demo.ProfileNoConsent, demo.ProfileWrongRole, demo.ProfileMailBlocked, demo.ProfileWrongSecret} {
		secret := d.tenant.Secret(p)
		if secret == "" {
			t.Fatalf("no secret for %s", p)
		}
		if bytes.Contains(config, []byte(secret)) {
			t.Errorf("the generated config holds %s's secret itself, not a reference", p)
		}
		for _, r := range runs {
			if strings.Contains(r.all(), secret) {
				t.Errorf("output contains the secret of %s", p)
			}
		}
	}
	for _, r := range runs {
		if r.app.auth == nil {
			continue
		}
		for _, p := range r.app.allProfilesForTest(t) {
			if tok := r.app.auth.Cached(p); tok != nil && strings.Contains(r.all(), tok.Raw()) {
				t.Errorf("output contains the access token of %s", p)
			}
		}
		if strings.Contains(r.all(), "eyJ") {
			t.Errorf("output contains something JWT-shaped:\n%s", r.all())
		}
	}
}

func (a *App) allProfilesForTest(t *testing.T) []string {
	_, ps, err := a.loadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range ps.List {
		names = append(names, p.Name)
	}
	return names
}

// wantIn fails the test for each of wants that text lacks; what names the
// text (stdout, stderr, the bundle) in the message.
func wantIn(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, text)
		}
	}
}
