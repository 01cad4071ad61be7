//go:build unix

package support

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// writeReadable writes a file others may read, as a user's files often
// are, and returns its path.
func writeReadable(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// linkTo makes name, beside target, a link to it (os.Symlink or os.Link)
// and returns its path.
func linkTo(t *testing.T, link func(oldname, newname string) error, target, name string) string {
	t.Helper()
	path := filepath.Join(filepath.Dir(target), name)
	if err := link(target, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// A bundle goes only to a new file or a regular file of the user's. What a
// refused path names is left exactly as it was.
func TestWriteFileRefusesWhatIsNotTheUsersRegularFile(t *testing.T) {
	dir := t.TempDir()
	victim := writeReadable(t, dir, "victim", "keep")
	link := linkTo(t, os.Symlink, victim, "bundle.txt")
	assertRefused(t, link, "symbolic link")
	if data, _ := os.ReadFile(victim); string(data) != "keep" {
		t.Errorf("the link's target was written: %.20q", data)
	}
	if fi, _ := os.Stat(victim); fi.Mode().Perm() != 0o644 {
		t.Errorf("the link's target changed mode to %v", fi.Mode().Perm())
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}

	before, err := os.Stat(os.DevNull)
	if err != nil {
		t.Skipf("no %s here: %v", os.DevNull, err)
	}
	// The code before the fix chmodded the device 0600; undo that so a
	// failing run does not break the machine for other users.
	t.Cleanup(func() { os.Chmod(os.DevNull, before.Mode().Perm()) })
	assertRefused(t, os.DevNull, "not a regular file")
	if after, err := os.Stat(os.DevNull); err != nil || after.Mode() != before.Mode() {
		t.Errorf("%s changed from %v to %v (%v)", os.DevNull, before.Mode(), after.Mode(), err)
	}

	assertRefused(t, dir, "not a regular file")
	assertRefused(t, filepath.Join(dir, "no-such-dir", "bundle.txt"), "no such directory")
	if _, err := os.Stat(filepath.Join(dir, "no-such-dir")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a directory was created for the bundle: %v", err)
	}
}

// Root may write anywhere, so ownership is checked, not left to the kernel.
func TestWriteFileRefusesAnotherUsersFile(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	path := writeReadable(t, t.TempDir(), "theirs.txt", "keep")
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Skipf("cannot chown: %v", err)
	}
	assertRefused(t, path, "belongs to another user")
	fi, _ := os.Stat(path)
	if data, _ := os.ReadFile(path); string(data) != "keep" || fi.Mode().Perm() != 0o644 || fi.Sys().(*syscall.Stat_t).Uid != 65534 {
		t.Errorf("the other user's file changed: %.20q, mode %v", data, fi.Mode().Perm())
	}
}

// A new file and the user's own existing file both end up 0600 with the
// bundle in them; the existing one is replaced, not rewritten in place, so
// another hard link to it keeps the old content.
func TestWriteFileNewAndExisting(t *testing.T) {
	dir := t.TempDir()
	existing := writeReadable(t, dir, "old.txt", "old")
	other := linkTo(t, os.Link, existing, "other-name")
	for _, path := range []string{filepath.Join(dir, "new.txt"), existing} {
		if err := New(forbiddenInput()).WriteFile(path); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s: mode %v (%v), want 0600", path, fi.Mode().Perm(), err)
		}
		if data, _ := os.ReadFile(path); !strings.Contains(string(data), "contoso") {
			t.Errorf("%s does not hold the bundle: %q", path, data)
		}
	}
	if data, _ := os.ReadFile(other); string(data) != "old" {
		t.Errorf("another link to the replaced file was written through: %.20q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func assertRefused(t *testing.T, path, why string) {
	t.Helper()
	err := New(forbiddenInput()).WriteFile(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), why) {
		t.Errorf("WriteFile(%s) = %v; want a refusal naming the path and saying %q", path, err, why)
	}
}
