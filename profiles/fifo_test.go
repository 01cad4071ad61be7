//go:build unix

package profiles

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
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
