// Package refdata reads the public reference data kept beside the
// repository, in ../shared/data (never copied into it), for the
// generators that derive the embedded indexes from it and for the tests
// that hold the code to it; and packs a generated index the same way for
// every generator.
package refdata

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The reference files, by their place under ../shared/data.
const (
	PermissionsFile  = "msgraph-permissions/permissions.json"
	ProvisioningFile = "msgraph-permissions/provisioningInfo.json"
	MocksFile        = "graph-doc-mocks/graph-v1_0-proxy-mocks.json"
)

// Path is where a reference file lives: in shared/data beside the module's
// root, which is found from the working directory up (go generate and go
// test run in a package's directory, at any depth). Outside the module it
// is ../shared/data from the working directory.
func Path(name string) string {
	dir, err := os.Getwd()
	for err == nil {
		if _, statErr := os.Stat(filepath.Join(dir, "go.mod")); statErr == nil {
			return filepath.Join(dir, "..", "shared", "data", filepath.FromSlash(name))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return filepath.Join("..", "shared", "data", filepath.FromSlash(name))
}

// Load reads the reference file at path with read (ReadPermissions...);
// a file that cannot be opened is reported with where the data is
// expected. The error still matches fs.ErrNotExist with errors.Is.
func Load[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("%w (the reference data is expected beside the repository, in ../shared/data)", err)
	}
	defer f.Close()
	return read(f)
}

// Gzip packs a generated index: about a tenth of the text's size in the
// binary. The header carries no name or time, so the bytes depend on the
// text only and a regenerated file shows no change.
func Gzip(text []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(text); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteGzip writes text packed by Gzip to path and returns the packed
// size, for the generator's report.
func WriteGzip(path string, text []byte) (int, error) {
	packed, err := Gzip(text)
	if err != nil {
		return 0, err
	}
	return len(packed), os.WriteFile(path, packed, 0o644)
}
