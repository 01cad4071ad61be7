package profiles

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/zalando/go-keyring"
)

// KeyringService is the service name graphtui's secrets are stored under;
// the NAME of a keyring:NAME reference is the user/account.
const KeyringService = "graphtui"

// Keyring is the OS secret store, behind an interface so tests and
// headless machines can use something else.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// ErrSecretNotFound is what a Keyring returns for a missing secret.
var ErrSecretNotFound = errors.New("secret not found in keyring")

// DefaultKeyringTimeout bounds a keyring call when SystemKeyring gets 0.
const DefaultKeyringTimeout = 5 * time.Second

// SystemKeyring is the OS keyring (Keychain, Windows Credential Manager,
// Secret Service on Linux). Every call gives up after timeout: the Secret
// Service can hang on a machine without a desktop session.
func SystemKeyring(timeout time.Duration) Keyring {
	return withTimeout(systemKeyring{}, timeout)
}

type systemKeyring struct{}

func (systemKeyring) Get(service, user string) (string, error) {
	if err := sessionBusMissing(); err != nil {
		return "", err
	}
	secret, err := keyring.Get(service, user)
	return secret, systemError(err)
}

func (systemKeyring) Set(service, user, secret string) error {
	if err := sessionBusMissing(); err != nil {
		return err
	}
	return systemError(keyring.Set(service, user, secret))
}

func (systemKeyring) Delete(service, user string) error {
	if err := sessionBusMissing(); err != nil {
		return err
	}
	return systemError(keyring.Delete(service, user))
}

const keyringAdvice = "use an env:, file: or cmd: reference instead"

func systemError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrSecretNotFound
	}
	return fmt.Errorf("the system keyring is not available (%w); %s", err, keyringAdvice)
}

// sessionBusMissing fails fast where the Secret Service cannot be reached:
// without a D-Bus session bus the client would try to auto-launch one,
// which on a headless machine fails slowly or hangs.
func sessionBusMissing() error {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		return nil
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return nil
	}
	// The places the D-Bus client looks when the variable is unset.
	candidates := []string{
		filepath.Join("/run/user", strconv.Itoa(os.Getuid()), "bus"),
		filepath.Join("/run/user", strconv.Itoa(os.Getuid()), "dbus-session"),
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		candidates = append(candidates, filepath.Join(dir, "bus"))
	}
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			return nil
		}
	}
	return errors.New("the system keyring is not available: no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset), " +
		"as is usual on headless Linux; " + keyringAdvice)
}

// withTimeout bounds every call of k. A call that times out keeps running in
// the background; there is no way to cancel it, only to stop waiting.
func withTimeout(k Keyring, timeout time.Duration) Keyring {
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	return timeoutKeyring{inner: k, timeout: timeout}
}

type timeoutKeyring struct {
	inner   Keyring
	timeout time.Duration
}

func (k timeoutKeyring) Get(service, user string) (string, error) {
	return k.call(func() (string, error) { return k.inner.Get(service, user) })
}

func (k timeoutKeyring) Set(service, user, secret string) error {
	_, err := k.call(func() (string, error) { return "", k.inner.Set(service, user, secret) })
	return err
}

func (k timeoutKeyring) Delete(service, user string) error {
	_, err := k.call(func() (string, error) { return "", k.inner.Delete(service, user) })
	return err
}

func (k timeoutKeyring) call(f func() (string, error)) (string, error) {
	type result struct {
		secret string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		s, err := f()
		done <- result{s, err}
	}()
	timer := time.NewTimer(k.timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.secret, r.err
	case <-timer.C:
		return "", fmt.Errorf("the system keyring did not answer within %s (on Linux it needs a running Secret Service such as gnome-keyring); %s",
			k.timeout, keyringAdvice)
	}
}

// BoundedKeyring is k with every call bounded by timeout (0 means
// DefaultKeyringTimeout), for callers handed a Keyring of unknown speed.
func BoundedKeyring(k Keyring, timeout time.Duration) Keyring {
	return withTimeout(k, timeout)
}
