package history

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A session that crashed while saving left its lock behind: the next save
// takes it over instead of failing.
func TestStaleLockIsTakenOver(t *testing.T) {
	path := tempHistory(t)
	lock := path + lockSuffix
	if err := os.WriteFile(lock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Minute)
	if err := os.Chtimes(lock, old, old); err != nil {
		t.Fatal(err)
	}
	s, _ := Load(path)
	s.lockOptions = lockOptions{wait: time.Hour, busy: func() {
		t.Fatal("save waited on a stale lock instead of taking it over")
	}}
	s.Add(entry("a", "/users", 1))
	if err := s.Save(); err != nil {
		t.Fatalf("save with a stale lock: %v", err)
	}
	if _, err := os.Stat(lock); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lock file left after the save: %v", err)
	}
	if back, _ := Load(path); len(back.For("a")) != 1 {
		t.Errorf("file holds %v after taking over the lock", back.For("a"))
	}
}

// While another session holds the lock, a save waits for it, then merges.
func TestLiveLockMakesSaverWait(t *testing.T) {
	path := tempHistory(t)
	lock := path + lockSuffix
	if err := os.WriteFile(lock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{}, 1)
	s, _ := Load(path)
	s.lockOptions = lockOptions{wait: time.Hour, busy: func() {
		select {
		case waiting <- struct{}{}:
		default:
		}
	}}
	s.Add(entry("a", "/mine", 1))

	done := make(chan error, 1)
	go func() { done <- s.Save() }()
	select {
	case <-waiting:
	case err := <-done:
		t.Fatalf("save returned (%v) without waiting for the lock's holder", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("history written while another session held the lock: %v", err)
	}
	// The holder writes its entries, as a session in the middle of Save
	// would, and lets go: the waiting save must merge, not overwrite.
	theirs := `{"version":1,"entries":[{"profile":"a","version":"v1.0","path":"/theirs","time":"2025-03-01T09:02:00Z"}]}`
	if err := os.WriteFile(path, []byte(theirs), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(lock); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("save after the lock was released: %v", err)
	}
	back, _ := Load(path)
	if got := strings.Join(paths(back.For("a")), " "); got != "/theirs /mine" {
		t.Errorf("file holds %s, want both sessions' entries", got)
	}
}

func TestLockHeldTooLongSaysWhatToDo(t *testing.T) {
	path := tempHistory(t)
	lock := path + lockSuffix
	if err := os.WriteFile(lock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, _ := Load(path)
	s.lockOptions.wait = time.Nanosecond
	s.Add(entry("a", "/users", 1))
	err := s.Save()
	if err == nil || !strings.Contains(err.Error(), lock) || !strings.Contains(err.Error(), "delete the lock file") {
		t.Fatalf("save under a held lock: %v, want an error naming the lock file and what to do", err)
	}
	// Nothing is lost: the entry is saved once the lock is gone.
	if err := os.Remove(lock); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if back, _ := Load(path); len(back.For("a")) != 1 {
		t.Errorf("file holds %v", back.For("a"))
	}
}

// A stale lock that cannot be removed (here a directory in its place) is
// an error to act on, not an endless loop.
func TestStaleLockThatCannotBeRemovedIsReported(t *testing.T) {
	path := tempHistory(t)
	lock := path + lockSuffix
	if err := os.MkdirAll(filepath.Join(lock, "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Minute)
	if err := os.Chtimes(lock, old, old); err != nil {
		t.Fatal(err)
	}
	s, _ := Load(path)
	s.lockOptions.wait = time.Hour
	s.Add(entry("a", "/users", 1))
	if err := s.Save(); err == nil || !strings.Contains(err.Error(), lock) {
		t.Fatalf("save with an unremovable stale lock: %v, want an error naming %s", err, lock)
	}
}
