// Package atomicfile replaces a file so that a crash leaves either the old
// file or the new one, never half of each and no temporary file behind.
// The config and the request history are written this way, and both are
// private: the file is 0600 and a new directory 0700.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Write replaces path with data. Its error says which step failed and
// why in a few words ("permission denied"); callers say which file it was.
func Write(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the directory %s: %s", dir, problem(err))
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %s", dir, problem(err))
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
		return fmt.Errorf("cannot write %s: %s", path, problem(err))
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("cannot replace %s: %s", path, problem(err))
	}
	// Make the rename itself durable; not every platform can sync a directory.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// problem is the reason in an error, without the path it already names.
func problem(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
