// Package fileio reads and writes graphtui's own files: the config, the
// secret and certificate files it points at, the request history and
// support bundles. Reads take regular files only, up to a size; writes
// replace a file whole, privately. Errors give the reason in a few words,
// for callers that name the file.
package fileio

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write replaces path with data, so that a crash leaves either the old
// file or the new one, never half of each and no temporary file behind.
// The file is private: 0600, and a new directory 0700. Its error says which step failed and
// why in a few words ("permission denied"); callers say which file it was.
func Write(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the directory %s: %s", dir, Reason(err))
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %s", dir, Reason(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(0o600); err == nil {
		if _, err = f.Write(data); err == nil {
			if err = f.Sync(); err == nil {
				err = f.Close()
			}
		}
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %s", path, Reason(err))
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("cannot replace %s: %s", path, Reason(err))
	}
	// Make the rename itself durable; not every platform can sync a directory.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
