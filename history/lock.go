package history

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Two TUIs may save at the same moment. A lock file next to the history,
// created with O_EXCL, serialises their read-merge-write; it works on every
// platform without flock. A session that crashes while holding it leaves
// the file behind, so an old lock is taken over rather than waited on.
const (
	lockSuffix = ".lock"
	lockStale  = 10 * time.Second      // a save takes milliseconds; older means its holder died
	lockWait   = 5 * time.Second       // how long to wait for a live holder
	lockPoll   = 25 * time.Millisecond // how often to look again while waiting
)

// lockOptions lets tests shorten the wait and watch it; the zero value
// means the defaults above.
type lockOptions struct {
	wait time.Duration
	busy func() // called each time the lock is found held by someone else
}

// lockFile takes the lock for path, waiting for a live holder and taking
// over a stale one. The returned function releases it.
func lockFile(path string, opt lockOptions) (unlock func(), err error) {
	name := path + lockSuffix
	if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the directory for %s: %v", name, err)
	}
	wait := opt.wait
	if wait <= 0 {
		wait = lockWait
	}
	deadline := time.Now().Add(wait)
	for {
		f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil {
			f.Close()
			return func() { os.Remove(name) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("cannot create the lock file %s: %v", name, err)
		}
		if info, serr := os.Stat(name); serr == nil && time.Since(info.ModTime()) > lockStale {
			// Left by a crashed session. Two waiters that find it stale at
			// the same instant could both end up holding the lock; writes are
			// atomic and every save merges, so the worst case is an entry that
			// reaches the file at that session's next save.
			if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("cannot remove the stale lock file %s: %v; delete it if no other graphtui is running", name, err)
			}
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("another graphtui is saving the request history (lock file %s); try again, or delete the lock file if no other graphtui is running", name)
		}
		if opt.busy != nil {
			opt.busy()
		}
		time.Sleep(lockPoll)
	}
}
