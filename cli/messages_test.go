package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
