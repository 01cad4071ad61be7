//go:build unix

package profiles

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A path that names a pipe must be refused, not opened: opening a FIFO
// blocks until someone writes to it.
func TestPipesAreNotRead(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	p := Profile{Name: "app", Tenant: "contoso.com", ClientID: "00000000-0000-0000-0000-000000000000", Certificate: fifo}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Validate: %v", err)
	}
	if _, _, err := LoadCertificate(context.Background(), p, Secrets{}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("LoadCertificate: %v", err)
	}
	if _, err := (Secrets{}).Resolve(context.Background(), "file:"+fifo); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Resolve: %v", err)
	}
}

// The config is read like secrets are: a pipe would block Load forever and
// /dev/zero would grow memory without end, so both are refused up front.
func TestConfigMustBeARegularFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "config.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		err := withinDeadline(t, path, func() error {
			_, err := Load(path)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "config file "+path) || !strings.Contains(err.Error(), "not a regular file") ||
			!strings.Contains(err.Error(), "--config") {
			t.Errorf("Load(%s) = %v; want an error naming the file, saying it is not a regular file and what to pass instead", path, err)
		}
		err = withinDeadline(t, path, func() error {
			return Add(path, Profile{Name: "app", Tenant: "contoso.com", ClientID: "00000000-0000-0000-0000-000000000000", ClientSecret: "env:S"})
		})
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Add to %s = %v; want it refused as not a regular file", path, err)
		}
	}
}

// withinDeadline runs f and fails the test, rather than hang it, when f
// does not return: the bug it guards against is blocking forever.
func withinDeadline(t *testing.T, what string, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		t.Fatalf("reading %s did not return: it blocks or reads without end", what)
		return nil
	}
}
