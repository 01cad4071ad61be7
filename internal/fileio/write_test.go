package fileio

import (
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
