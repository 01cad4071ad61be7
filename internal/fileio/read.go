package fileio

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// ErrTooLarge marks a file over the size ReadRegular accepts.
var ErrTooLarge = errors.New("file too large")

// ReadRegular reads a regular file of at most max bytes. Pipes and devices
// are refused: opening or reading one can block forever. Errors are short
// reasons ("no such file") that still match fs.ErrNotExist and the like,
// for callers to put in context.
func ReadRegular(path string, max int64) ([]byte, error) {
	if err := CheckRegular(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, reasonError{err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, reasonError{err}
	}
	if int64(len(data)) > max {
		return nil, ErrTooLarge
	}
	return data, nil
}

// CheckRegular says, as a short reason, why path is not a regular file
// that exists; nil if it is one.
func CheckRegular(path string) error {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return reasonError{err}
	case info.IsDir():
		return errors.New("it is a directory, not a file")
	case !info.Mode().IsRegular():
		return errors.New("not a regular file")
	}
	return nil
}

// Reason is the reason in an os error, without the path it names: the
// caller's message names the file already.
func Reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// reasonError shows an os error as its Reason yet still matches it with
// errors.Is, so a caller can tell a missing file.
type reasonError struct{ err error }

func (e reasonError) Error() string { return Reason(e.err) }
func (e reasonError) Unwrap() error { return e.err }
