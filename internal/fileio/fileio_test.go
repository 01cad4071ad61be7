package fileio

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A replaced file holds the new bytes, is private, and no temporary file
// is left beside it.
func TestWriteReplacesPrivately(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "dir")
	path := filepath.Join(dir, "config.toml")
	for _, text := range []string{"first\n", "second\n"} {
		if err := Write(path, []byte(text)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != text {
			t.Fatalf("file holds %q, want %q", got, text)
		}
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(path)
		di, _ := os.Stat(dir)
		if fi.Mode().Perm() != 0o600 || di.Mode().Perm() != 0o700 {
			t.Errorf("modes: file %v, directory %v", fi.Mode().Perm(), di.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// A failure names the step and the reason, and leaves the old file alone.
func TestWriteFailureSaysWhy(t *testing.T) {
	if runtime.GOOS == "windows" || os.Getuid() == 0 {
		t.Skip("needs a directory the user cannot write to")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "history.json")
	if err := Write(path, []byte("old")); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	err := Write(path, []byte("new"))
	if err == nil || !strings.Contains(err.Error(), "cannot write in "+dir+": permission denied") {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("the old file was changed: %q", got)
	}
}

// A read takes a regular file up to max bytes; anything else gets a short
// reason that does not repeat the path, and a missing file still matches
// fs.ErrNotExist.
func TestReadRegular(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret.txt")
	dir := filepath.Dir(path)
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
