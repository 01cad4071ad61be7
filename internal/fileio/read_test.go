package fileio

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// A read takes a regular file up to max bytes; anything else gets a short
// reason that does not repeat the path, and a missing file still matches
// fs.ErrNotExist.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(path, []byte("12345"), 0o600); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadRegular(path, 5); err != nil || string(data) != "12345" {
		t.Errorf("at the limit: %q, %v", data, err)
	}
	if _, err := ReadRegular(path, 4); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: %v, want ErrTooLarge", err)
	}
	if _, err := ReadRegular(dir, 5); err == nil || err.Error() != "it is a directory, not a file" {
		t.Errorf("a directory: %v", err)
	}
	missing := filepath.Join(dir, "missing")
	if _, err := ReadRegular(missing, 5); !errors.Is(err, fs.ErrNotExist) || err.Error() != "no such file" {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := ReadRegular(os.DevNull, 5); err == nil || err.Error() != "not a regular file" {
		t.Errorf("a device: %v", err)
	}
}
