package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/demo"
)

// writeFile writes a file in a fresh temporary directory and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// The redactor is for secrets from outside; graphtui's own example config
// and advice must survive it whole.
func TestOwnHelpTextIsNotRedacted(t *testing.T) {
	empty := writeFile(t, "config.toml", "")
	for _, cmd := range [][]string{{"get", "/users"}, {"token"}, {"consent-url"}, {"matrix", "/users"}} {
		r := run(t, nil, append(cmd, "--config", empty)...)
		if r.code != 2 || !strings.Contains(r.err, `client_secret = "env:MY_APP_SECRET"`) {
			t.Errorf("%v: exit %d, stderr lacks the example config intact:\n%s", cmd, r.code, r.err)
		}
	}
	const secret = "Qx8~Pl41nT3xtS3cr3tV4lu3"
	plain := writeFile(t, "config.toml", `[profiles.app]
tenant = "contoso.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000001"
client_secret = "`+secret+`"
`)
	r := run(t, nil, "get", "/users", "--config", plain)
	if !strings.Contains(r.err, "looks like a plain-text secret") {
		t.Errorf("the plain-secret advice lost its words:\n%s", r.err)
	}
	if strings.Contains(r.all(), secret) {
		t.Errorf("the plain-text secret was printed:\n%s", r.all())
	}
}

func TestMistypedCommandSuggestsTheClosest(t *testing.T) {
	for typed, want := range map[string]string{"gte": "did you mean get?", "tokn": "did you mean token?", "/users": "graphtui get '/users'"} {
		r := run(t, noConfig, typed, "/users")
		if r.code != 2 || !strings.Contains(r.err, want) {
			t.Errorf("graphtui %s: exit %d, stderr lacks %q:\n%s", typed, r.code, want, r.err)
		}
	}
}

// An unquoted '/users?$top=2' arrives as /users?=2: the shell replaced
// $top with nothing. Say so before reading any config.
func TestShellEatenQueryOptionIsExplained(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"get", "/users?=2"}, `quote the path: graphtui get '/users?$top=2'`},
		{[]string{"get", "/users", "-q", "=id,mail"}, `quote it: -q '$select=id,mail'`},
		{[]string{"matrix", "/groups?=true"}, `quote the path: graphtui matrix '/groups?$count=true'`},
	} {
		r := run(t, noConfig, c.args...)
		if r.code != 2 || !strings.Contains(r.err, "the shell replaced $… with nothing") || !strings.Contains(r.err, c.want) {
			t.Errorf("%v: exit %d, stderr lacks %q:\n%s", c.args, r.code, c.want, r.err)
		}
	}
}

func TestConfigFlagNamingAMissingFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "typo.toml")
	r := run(t, nil, "get", "/users", "--config", missing)
	if r.code != 2 || !strings.Contains(r.err, missing+" (given with --config) does not exist") || strings.Contains(r.err, "no profiles") {
		t.Errorf("exit %d, stderr should say the file does not exist:\n%s", r.code, r.err)
	}
	// A missing file from the environment is a first run: the friendly hint.
	r = run(t, map[string]string{"GRAPHTUI_CONFIG": missing}, "get", "/users")
	if r.code != 2 || !strings.Contains(r.err, "no profiles in "+missing) || !strings.Contains(r.err, "Add one to") {
		t.Errorf("exit %d, stderr lacks the add-a-profile hint:\n%s", r.code, r.err)
	}
}

func TestODataOptionAsFlagPointsToQuery(t *testing.T) {
	for flag, want := range map[string]string{"--top": "-q top=5", "--filter": "-q filter=", "--select": "-q select=", "--count": "-q count=true"} {
		r := run(t, noConfig, "get", "/users", flag, "5")
		if r.code != 2 || !strings.Contains(r.err, want) {
			t.Errorf("%s: exit %d, stderr lacks %q:\n%s", flag, r.code, want, r.err)
		}
	}
}

// A URL copied from the docs names graph.microsoft.com; the demo tenant
// refuses it (the token stays on its own host) and offers the path.
func TestPastedGraphURLOffersThePath(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "https://graph.microsoft.com/v1.0/users?$top=2")
	want := "graphtui get '/v1.0/users?$top=2'"
	if r.code != 2 || !strings.Contains(r.err, want) || !strings.Contains(r.err, d.tenant.GraphURL()) {
		t.Fatalf("exit %d, stderr lacks the profile's host and %q:\n%s", r.code, want, r.err)
	}
	if n := d.tenant.Stats().GraphTotal(); n != 0 {
		t.Errorf("%d requests sent for a refused URL", n)
	}
	if r := run(t, d.env(), "get", "/v1.0/users?$top=2", "-o", "json"); r.code != 0 {
		t.Errorf("the offered path fails: exit %d\n%s", r.code, r.err)
	}
}

// A guest's userPrincipalName holds '#' (name_domain#EXT#@tenant); typed
// unencoded it must reach that user, not be cut at the '#'.
func TestGuestUPNWithHashReachesTheUser(t *testing.T) {
	d := newDemo(t)
	upn := "isabel.rossi_fabrikam.com#EXT#@" + demo.TenantDomain
	for _, path := range []string{"/users/" + upn, d.tenant.GraphURL() + "/v1.0/users/" + upn + "?$select=displayName"} {
		r := run(t, d.env(), "get", path, "-o", "json")
		if r.code != 0 || !strings.Contains(r.out, `"displayName":"Isabel Rossi"`) {
			t.Errorf("%s: exit %d\n%s%s", path, r.code, r.out, r.err)
		}
	}
}
