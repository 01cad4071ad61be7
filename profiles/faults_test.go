package profiles

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/internal/canceltest"
)

// Bad input of issue 6 at the profiles level. Most of it was pinned when
// the package was written; the catalogue, with where each row lives:
//
//	malformed TOML, duplicate profile name   TestLoadSyntaxErrors
//	unknown keys, wrong types                TestLoadReportsEveryProblem (testdata/invalid.toml)
//	wrong-password / unprotected PKCS#12     TestLoadCertificatePKCS12
//	certificate without its key (and more)   TestLoadCertificatePEMProblems
//	env: reference to an unset variable      TestResolveEnv
//	cmd: that fails, hangs, is missing       TestResolveCommandFailures
//	keyring: missing secret, no keyring      TestResolveKeyring
//	keyring: that hangs (wrapper, context)   TestKeyringTimeout
//	headless Linux without D-Bus             TestSystemKeyringWithoutDBus
//	pipes instead of files                   TestPipesAreNotRead
//
// The same inputs through the command line, with exit codes and the text
// on stderr: TestCLIBadInput in cli/faults_test.go.

// brokenKeyring is a keyring backend that answers with an error, as the
// Secret Service does when no provider is running.
type brokenKeyring struct{ err error }

func (k brokenKeyring) Get(string, string) (string, error) { return "", k.err }
func (k brokenKeyring) Set(string, string, string) error   { return k.err }
func (k brokenKeyring) Delete(string, string) error        { return k.err }

// Any Keyring, not only the system one, is bounded: a fake or a future
// backend that hangs must not hang graphtui.
func TestKeyringTimeoutAppliesToAnyKeyring(t *testing.T) {
	stuck := stuckKeyring{release: make(chan struct{})}
	defer close(stuck.release)
	start := time.Now()
	_, err := Secrets{Keyring: stuck, KeyringTimeout: 100 * time.Millisecond}.Resolve(context.Background(), "keyring:contoso")
	if err == nil || !strings.Contains(err.Error(), "keyring:contoso: the keyring did not answer within 100ms") || !strings.Contains(err.Error(), "env:") {
		t.Errorf("got %v; want a timeout naming the reference and another kind of reference", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("Resolve returned after %s", took)
	}
}

func TestKeyringBackendErrorIsPassedOn(t *testing.T) {
	cause := errors.New("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files")
	_, err := Secrets{Keyring: brokenKeyring{cause}}.Resolve(context.Background(), "keyring:contoso")
	if !errors.Is(err, cause) || !strings.HasPrefix(err.Error(), "keyring:contoso: ") {
		t.Errorf("got %v", err)
	}
}

// A certificate path that cannot be read: refused when the config is
// loaded, naming the key and the path, and again if it is used anyway.
func TestUnreadableCertificate(t *testing.T) {
	dir := t.TempDir()
	notAFile := filepath.Join(dir, "cert.pem")
	if err := os.Mkdir(notAFile, 0o700); err != nil {
		t.Fatal(err)
	}
	p := Profile{Name: "app", Tenant: "contoso.com", ClientID: "00000000-0000-0000-0000-000000000000", Certificate: notAFile}
	err := p.Validate()
	if errs, ok := AsErrors(err); !ok || len(errs) != 1 || errs[0].Key != keyCertificate || !strings.Contains(err.Error(), notAFile) {
		t.Errorf("Validate: %v", err)
	}
	if _, _, err := LoadCertificate(context.Background(), p, Secrets{}); err == nil || !strings.Contains(err.Error(), "cannot read certificate file "+notAFile) {
		t.Errorf("LoadCertificate: %v", err)
	}

	if os.Geteuid() == 0 {
		return // root reads files whatever their mode; the directory above stands in
	}
	locked := filepath.Join(dir, "locked.pem")
	writeFile(t, locked, "-----BEGIN CERTIFICATE-----\n", 0o000)
	p.Certificate = locked
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("Validate of an unreadable file: %v", err)
	}
}

// A config file whose path has spaces, non-ASCII letters and '#': it loads,
// relative paths inside it resolve next to it, and errors name it as is.
func TestConfigPathWithSpacesUnicodeAndHash(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my configs #2", "Zoë's")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "secret #1.txt"), "s3cret-value\n", 0o600)
	path := filepath.Join(dir, "config file.toml")
	writeFile(t, path, `[profiles.a]
tenant = "contoso.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000000"
client_secret = "file:secret #1.txt"

[profiles.b]
tenant = "contoso"
`, 0o600)
	cfg, err := Load(path)
	p, ok := cfg.Get("a")
	if !ok {
		t.Fatalf("profile a did not load: %v", err)
	}
	if want := "file:" + filepath.Join(dir, "secret #1.txt"); p.ClientSecret != want {
		t.Errorf("client_secret = %q, want %q", p.ClientSecret, want)
	}
	if secret, err := (Secrets{}).Resolve(context.Background(), p.ClientSecret); err != nil || secret != "s3cret-value" {
		t.Errorf("Resolve = %q, %v", secret, err)
	}
	if err == nil || !strings.Contains(err.Error(), path+":7:") {
		t.Errorf("the error for profile b should start with %s:7:, got %v", path, err)
	}
}

// esc in the TUI cancels the context: a cmd: or keyring: reference that
// hangs gives up at once, long before its own timeout.
func TestCancelWhileResolvingASecret(t *testing.T) {
	stuck := stuckKeyring{release: make(chan struct{}), asked: make(chan struct{}, 1)}
	defer close(stuck.release)
	cases := map[string]struct {
		s       Secrets
		ref     string
		waiting <-chan struct{}
	}{
		"cmd: that hangs":     {Secrets{}, "cmd:" + quoteArg(useHelper(t, "hang")), helperStarted(t)},
		"keyring: that hangs": {Secrets{Keyring: stuck}, "keyring:contoso", stuck.asked},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { _, err := tc.s.Resolve(ctx, tc.ref); done <- err }()
			select { // cancel only once Resolve waits on the command or the keyring
			case <-tc.waiting:
			case <-time.After(5 * time.Second):
				t.Fatal("the secret's source was never asked")
			}
			if err := canceltest.Stops(t, "Resolve", cancel, done); !errors.Is(err, context.Canceled) {
				t.Errorf("got %v, want context.Canceled", err)
			}
		})
	}
}
