package profiles

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// memKeyring is an in-memory Keyring.
type memKeyring map[string]string

func (m memKeyring) Get(service, user string) (string, error) {
	if s, ok := m[service+"/"+user]; ok {
		return s, nil
	}
	return "", ErrSecretNotFound
}

func (m memKeyring) Set(service, user, secret string) error {
	m[service+"/"+user] = secret
	return nil
}

func (m memKeyring) Delete(service, user string) error {
	delete(m, service+"/"+user)
	return nil
}

// stuckKeyring never answers, like a Secret Service waiting for a desktop
// prompt that nobody will see.
// asked, if set, gets a signal when Get starts waiting.
type stuckKeyring struct{ release, asked chan struct{} }

func (k stuckKeyring) Get(string, string) (string, error) {
	if k.asked != nil {
		k.asked <- struct{}{}
	}
	<-k.release
	return "", nil
}

func (k stuckKeyring) Set(string, string, string) error { <-k.release; return nil }
func (k stuckKeyring) Delete(string, string) error      { <-k.release; return nil }

func TestResolveKeyring(t *testing.T) {
	kr := memKeyring{}
	if err := kr.Set(KeyringService, "contoso", "keyring-secret"); err != nil {
		t.Fatal(err)
	}
	s := Secrets{Keyring: kr}
	got, err := s.Resolve(context.Background(), "keyring:contoso")
	if err != nil || got != "keyring-secret" {
		t.Fatalf("keyring:contoso = %q, %v", got, err)
	}
	_, err = s.Resolve(context.Background(), "keyring:fabrikam")
	if err == nil || !strings.Contains(err.Error(), "secret-tool store --label=graphtui service graphtui username fabrikam") {
		t.Errorf("missing secret: %v; want how to store it", err)
	}
	_, err = Secrets{}.Resolve(context.Background(), "keyring:contoso")
	if err == nil || !strings.Contains(err.Error(), "no keyring is available") {
		t.Errorf("no keyring: %v", err)
	}
}

func TestKeyringTimeout(t *testing.T) {
	stuck := stuckKeyring{release: make(chan struct{})}
	defer close(stuck.release)
	kr := withTimeout(stuck, 50*time.Millisecond)

	_, err := Secrets{Keyring: kr}.Resolve(context.Background(), "keyring:contoso")
	if err == nil || !strings.Contains(err.Error(), "did not answer within 50ms") {
		t.Errorf("Get: %v; want a timeout", err)
	}
	if err := kr.Set(KeyringService, "x", "y"); err == nil || !strings.Contains(err.Error(), "did not answer") {
		t.Errorf("Set: %v; want a timeout", err)
	}
	if err := kr.Delete(KeyringService, "x"); err == nil || !strings.Contains(err.Error(), "did not answer") {
		t.Errorf("Delete: %v; want a timeout", err)
	}

	// Even without the wrapper, Resolve gives up when its context ends.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = Secrets{Keyring: stuck}.Resolve(ctx, "keyring:contoso")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("context deadline: %v", err)
	}
}

func TestTimeoutKeyringPassesThrough(t *testing.T) {
	kr := withTimeout(memKeyring{}, time.Second)
	if err := kr.Set(KeyringService, "a", "b"); err != nil {
		t.Fatal(err)
	}
	if got, err := kr.Get(KeyringService, "a"); err != nil || got != "b" {
		t.Errorf("Get = %q, %v", got, err)
	}
	if err := kr.Delete(KeyringService, "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := kr.Get(KeyringService, "a"); !errors.Is(err, ErrSecretNotFound) {
		t.Errorf("after Delete: %v, want ErrSecretNotFound", err)
	}
}

// On a headless Linux box without a session bus the system keyring must
// fail at once with an explanation, not hang.
func TestSystemKeyringWithoutDBus(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("no D-Bus involved on this platform")
	}
	for _, f := range []string{"bus", "dbus-session"} {
		if _, err := os.Stat(filepath.Join("/run/user", strconv.Itoa(os.Getuid()), f)); err == nil {
			t.Skip("this machine has a session bus")
		}
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	_, err := Secrets{Keyring: SystemKeyring(5 * time.Second)}.Resolve(context.Background(), "keyring:contoso")
	if err == nil || !strings.Contains(err.Error(), "no D-Bus session bus") || !strings.Contains(err.Error(), "env:") {
		t.Errorf("got %v; want a clear D-Bus error suggesting another reference", err)
	}
}
