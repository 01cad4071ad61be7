package session

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/memkeyring"
	"github.com/graphtui/graphtui/profiles"
)

func TestProfilesAddTheEnvProfileAndPickByName(t *testing.T) {
	d := startDemo(t, map[string]string{
		"AZURE_TENANT_ID": "contoso.onmicrosoft.com", "AZURE_CLIENT_ID": "00000000-0000-0000-0000-000000000001", "AZURE_CLIENT_SECRET": "s3cret",
		"GRAPHTUI_PROFILE": demo.ProfileWrongRole,
	})
	last := d.ps.List[len(d.ps.List)-1]
	if last.Name != "env" || d.ps.List[0].Name != demo.ProfileReader {
		t.Fatalf("want the config's profiles, then env; got first %q, last %q", d.ps.List[0].Name, last.Name)
	}
	if got := d.s.ProfileName(""); got != demo.ProfileWrongRole {
		t.Errorf("ProfileName without -p = %q, want $GRAPHTUI_PROFILE", got)
	}
	if got := d.s.ProfileName("x"); got != "x" {
		t.Errorf("ProfileName(-p x) = %q", got)
	}
	if p, err := d.ps.Pick(""); err != nil || p.Name != demo.ProfileReader {
		t.Errorf("Pick(\"\") = %q, %v; want the first profile", p.Name, err)
	}
	_, err := d.ps.Pick("nobody")
	if err == nil || !strings.Contains(err.Error(), `no profile named "nobody"`) || !strings.Contains(err.Error(), demo.ProfileReader+", ") {
		t.Errorf("unknown profile: %v", err)
	}
	got, err := d.ps.Select([]string{demo.ProfileNoConsent, " " + demo.ProfileReader, demo.ProfileNoConsent})
	if err != nil || len(got) != 2 || got[0].Name != demo.ProfileNoConsent || got[1].Name != demo.ProfileReader {
		t.Errorf("Select keeps the order given, each once: %v %v", got, err)
	}
}

func TestProfilesNoneSaysHowToAddOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{Config: path})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	_, err = ps.Pick("")
	if err == nil || !strings.Contains(err.Error(), "no profiles in "+s.ConfigPath) || !strings.Contains(err.Error(), "AZURE_TENANT_ID") {
		t.Errorf("no profiles: %v", err)
	}
}

// A file named with --config that does not exist is a wrong path, not a
// first run; a missing default config still gets the add-a-profile hint.
func TestProfilesNamedConfigMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "typo.toml")
	s, err := New(Options{Config: missing})
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := s.LoadProfiles()
	_, err = ps.Pick("")
	if err == nil || !strings.Contains(err.Error(), missing+" (given with --config) does not exist") {
		t.Errorf("missing --config file: %v", err)
	}
	s, err = New(Options{LookupEnv: func(k string) (string, bool) {
		if k == profiles.EnvConfig {
			return missing, true
		}
		return "", false
	}})
	if err != nil {
		t.Fatal(err)
	}
	ps, _ = s.LoadProfiles()
	if _, err = ps.Pick(""); err == nil || !strings.Contains(err.Error(), "no profiles in "+missing) {
		t.Errorf("missing config from the environment: %v", err)
	}
}

// A Graph URL pasted from the docs names graph.microsoft.com; on the demo
// or a national cloud, its path is what to send instead.
func TestGraphPathOfForeignGraphURL(t *testing.T) {
	refused := func(raw string) error {
		_, err := graph.BuildURL("https://127.0.0.1:8443", graph.Request{Path: raw})
		return err
	}
	for _, c := range []struct{ raw, path string }{
		{"https://graph.microsoft.com/v1.0/users?$top=5", "/v1.0/users?$top=5"},
		{"https://GRAPH.microsoft.com:443/beta/me", "/beta/me"},
		{"https://microsoftgraph.chinacloudapi.cn/v1.0/groups", "/v1.0/groups"},
	} {
		if got, ok := GraphPathOf(refused(c.raw), c.raw); !ok || got != c.path {
			t.Errorf("GraphPathOf(%q) = %q, %v; want %q", c.raw, got, ok, c.path)
		}
	}
	for _, raw := range []string{"https://evil.example.com/v1.0/users", "http://graph.microsoft.com/v1.0/users"} {
		if got, ok := GraphPathOf(refused(raw), raw); ok {
			t.Errorf("GraphPathOf(%q) = %q: a host that is not Graph gets no path", raw, got)
		}
	}
}

func TestSendFirstPageThenNext(t *testing.T) {
	d := startDemo(t, nil)
	x := d.send(demo.ProfileReader, "/users")
	if x.Response == nil || x.Response.Status != 200 || !x.More || x.Page != 1 || x.Token == nil || x.Diagnosis != nil {
		t.Fatalf("first page: %+v", x)
	}
	if x.Endpoint == nil || len(x.Trace.Events) == 0 || x.Trace.Total <= 0 {
		t.Errorf("the endpoint and the trace are filled on success too: %+v", x)
	}
	n := d.s.Next(context.Background(), d.profile(demo.ProfileReader), x, SendOptions{})
	if n.Response == nil || n.Response.Status != 200 || n.Page != 2 {
		t.Fatalf("next page: %+v", n)
	}
}

// A 403 comes back diagnosed: the missing permission and the consent URL.
func TestSendForbiddenIsDiagnosed(t *testing.T) {
	d := startDemo(t, nil)
	x := d.send(demo.ProfileWrongRole, "/users")
	if x.Response == nil || x.Response.Status != 403 || x.Diagnosis == nil {
		t.Fatalf("want a diagnosed 403: %+v", x)
	}
	if x.Diagnosis.Kind != "missing-role" || len(x.Diagnosis.Missing) == 0 || !strings.Contains(x.ConsentURL, "adminconsent?client_id=") {
		t.Errorf("diagnosis %+v, consent URL %q", x.Diagnosis, x.ConsentURL)
	}
}

// A wrong secret is a token failure: nothing is sent, the AADSTS code is
// in the error and the doctor explains it.
func TestSendWrongSecretIsATokenFailure(t *testing.T) {
	d := startDemo(t, nil)
	x := d.send(demo.ProfileWrongSecret, "/users")
	var te *auth.TokenError
	if !errors.As(x.TokenErr, &te) || te.Code != 7000215 || x.Token != nil || x.Response != nil {
		t.Fatalf("want AADSTS7000215 before any request: %+v", x)
	}
	if x.Diagnosis == nil || x.Diagnosis.Kind != "token-error" {
		t.Errorf("diagnosis %+v", x.Diagnosis)
	}
	if n := d.tenant.Stats().GraphTotal(); n != 0 {
		t.Errorf("%d Graph requests without a token", n)
	}
}

// The matrix's words are the same for the CLI and the TUI: a credential
// that cannot be loaded is "credential not loaded" wherever it is shown.
func TestMatrixRowVocabulary(t *testing.T) {
	d := startDemo(t, nil)
	unloadable := d.profile(demo.ProfileReader)
	unloadable.Name, unloadable.ClientSecret = "unloadable", "env:GRAPHTUI_TEST_UNSET"
	list := []profiles.Profile{d.profile(demo.ProfileReader), d.profile(demo.ProfileWrongRole), d.profile(demo.ProfileWrongSecret), unloadable}
	build := func(p profiles.Profile) (graph.Request, error) {
		return graph.Request{Path: "/users", Version: p.Version()}, nil
	}
	rows := d.s.Matrix(context.Background(), list, build, SendOptions{})
	var names []string
	for _, r := range rows {
		names = append(names, r.Profile)
	}
	if !slices.Equal(names, []string{demo.ProfileReader, demo.ProfileWrongRole, demo.ProfileWrongSecret, "unloadable"}) {
		t.Fatalf("rows in list order: %v", names)
	}
	if r := rows[0]; r.Status != 200 || r.Error != "" || r.Roles == nil || *r.Roles != len(d.tenant.Roles(demo.ProfileReader)) || r.RequestID == "" {
		t.Errorf("reader: %+v", r)
	}
	if r := rows[1]; r.Status != 403 || r.Error != "Authorization_RequestDenied" || r.Kind != "missing-role" || len(r.Missing) == 0 || r.Title == "" {
		t.Errorf("wrong-role: %+v", r)
	}
	if r := rows[2]; r.Status != 0 || r.Error != "AADSTS7000215" || r.Roles != nil || r.Kind != "token-error" {
		t.Errorf("wrong-secret: %+v", r)
	}
	if r := rows[3]; r.Status != 0 || r.Error != ErrCredentialNotLoaded || r.Roles != nil || r.Kind != "token-error" {
		t.Errorf("unloadable: %+v", r)
	}
	foreign := d.s.Matrix(context.Background(), list[:1], func(profiles.Profile) (graph.Request, error) {
		return graph.Request{Path: "https://example.com/v1.0/users"}, nil
	}, SendOptions{})
	if r := foreign[0]; r.Error != ErrForeignHost || r.Status != 0 {
		t.Errorf("another host: %+v", r)
	}
}

func TestFetchAllHandsOverEveryPage(t *testing.T) {
	d := startDemo(t, nil)
	var pages, items int
	x := d.s.FetchAll(context.Background(), d.profile(demo.ProfileReader), graph.Request{Path: "/users"}, 0, SendOptions{}, func(r *graph.Response) error {
		pages++
		items += strings.Count(string(r.Body), `"id":`)
		return nil
	})
	if x.Err != nil || x.TokenErr != nil || x.Response == nil || x.Response.NextLink != "" || x.More {
		t.Fatalf("want the last page and no more: %+v", x)
	}
	if pages < 2 || x.Page != pages || items == 0 {
		t.Errorf("%d pages handed over, Page %d, %d items", pages, x.Page, items)
	}
}

// A failing first page ends the paging: nothing is handed over and the
// page is the exchange's response, diagnosed.
func TestFetchAllStopsAtAFailingPage(t *testing.T) {
	d := startDemo(t, nil)
	called := false
	x := d.s.FetchAll(context.Background(), d.profile(demo.ProfileWrongRole), graph.Request{Path: "/users"}, 0, SendOptions{}, func(*graph.Response) error {
		called = true
		return nil
	})
	if called || x.Page != 0 || x.Err != nil || x.Response == nil || x.Response.Status != 403 || x.Diagnosis == nil {
		t.Fatalf("handed over %v: %+v", called, x)
	}
}

// After an admin grants consent, Recheck gets a new token, says which
// roles it added and replays the request, which now succeeds.
func TestRecheckAfterConsent(t *testing.T) {
	d := startDemo(t, nil)
	p := d.profile(demo.ProfileNoConsent)
	x := d.send(demo.ProfileNoConsent, "/users")
	if x.Response == nil || x.Response.Status != 401 {
		t.Fatalf("no consent yet: %+v", x)
	}
	if !d.tenant.GrantConsent(d.tenant.ClientID(demo.ProfileNoConsent)) {
		t.Fatal("consent not granted")
	}
	y := d.s.Recheck(context.Background(), p, x, SendOptions{})
	if y.Response == nil || y.Response.Status != 200 || y.RolesDiff == nil || len(y.RolesDiff.Added) == 0 || len(y.RolesDiff.Before) != 0 {
		t.Fatalf("after consent: %+v diff %+v", y, y.RolesDiff)
	}
}

// A bundle of a request whose token failed names the URL it would have
// had, and the token failure.
func TestBundleInputURLWhenTheTokenFailed(t *testing.T) {
	d := startDemo(t, nil)
	x := d.send(demo.ProfileWrongSecret, "/users")
	in := d.s.BundleInput(d.profile(demo.ProfileWrongSecret), x)
	if want := d.tenant.GraphURL() + "/v1.0/users"; in.URL != want {
		t.Errorf("URL %q, want %q", in.URL, want)
	}
	if in.TokenErr == nil || in.Diagnosis == nil || in.Version != "test" || in.Redact == nil {
		t.Errorf("bundle input %+v", in)
	}
}

// A profile saved with a secret puts it in the keyring; deleting the
// profile removes it from the config and the keyring.
func TestSaveAndDeleteProfileWithKeyringSecret(t *testing.T) {
	dir := t.TempDir()
	kr := &memkeyring.Keyring{}
	s, err := New(Options{Config: filepath.Join(dir, "config.toml"), Keyring: kr})
	if err != nil {
		t.Fatal(err)
	}
	p := profiles.Profile{Name: "app", Tenant: "contoso.onmicrosoft.com", ClientID: "00000000-0000-0000-0000-000000000002", ClientSecret: "keyring:app"}
	if err := s.SaveProfile("", p, "the-secret"); err != nil {
		t.Fatal(err)
	}
	if got, _ := kr.Get(profiles.KeyringService, "app"); got != "the-secret" {
		t.Fatalf("keyring %v", kr)
	}
	if data, _ := os.ReadFile(s.ConfigPath); strings.Contains(string(data), "the-secret") || !strings.Contains(string(data), "keyring:app") {
		t.Errorf("the config holds the secret, or not its reference:\n%s", data)
	}
	if err := s.DeleteProfile(p); err != nil {
		t.Fatal(err)
	}
	ps, err := s.LoadProfiles()
	if err != nil || len(ps.List) != 0 || kr.Len() != 0 {
		t.Errorf("after delete: profiles %v, %d secrets in the keyring, %v", ps.List, kr.Len(), err)
	}
	noKeyring, _ := New(Options{Config: filepath.Join(dir, "other.toml")})
	if err := noKeyring.SaveProfile("", p, "the-secret"); err == nil || !strings.Contains(err.Error(), "no OS keyring") {
		t.Errorf("without a keyring: %v", err)
	}
}
