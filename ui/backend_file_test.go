package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Saving the body or a bundle never replaces a file: a typo in the name
// must not destroy something else. New files are 0600.
func TestWriteNewFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "body.json")
	if err := writeNewFile(path, []byte(`{"a":1}`)); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("stat: %v, mode %v", err, fi.Mode().Perm())
	}
	err := writeNewFile(path, []byte("other"))
	if err == nil || !strings.Contains(err.Error(), "exists; choose another name") {
		t.Fatalf("second write: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != `{"a":1}` {
		t.Errorf("the first file was changed: %q", data)
	}
	if err := writeNewFile("", nil); err == nil || !strings.Contains(err.Error(), "no file name") {
		t.Errorf("empty name: %v", err)
	}
}
