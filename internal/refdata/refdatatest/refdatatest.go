// Package refdatatest gives tests the reference data beside the
// repository (see refdata), skipping a test where the data is absent, and
// holds a committed generated index to its generator. It is used only
// from tests.
package refdatatest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"testing"

	"github.com/graphtui/graphtui/internal/refdata"
)

// load reads the reference file name (refdata.PermissionsFile...) with
// read; the test is skipped where the data is absent.
func load[T any](t testing.TB, name string, read func(io.Reader) (T, error)) T {
	t.Helper()
	v, err := refdata.Load(refdata.Path(name), read)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("reference data not found: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Permissions are permissions.json's permissions by name.
func Permissions(t testing.TB) map[string]refdata.Permission {
	t.Helper()
	return load(t, refdata.PermissionsFile, refdata.ReadPermissions)
}

// Deployments are provisioningInfo.json's deployments by permission name.
func Deployments(t testing.TB) map[string][]refdata.Deployment {
	t.Helper()
	return load(t, refdata.ProvisioningFile, refdata.ReadDeployments)
}

// Mocks are the examples of the Graph v1.0 API reference.
func Mocks(t testing.TB) []refdata.Mock {
	t.Helper()
	return load(t, refdata.MocksFile, refdata.ReadMocks)
}

// Committed checks that the committed index at path is text packed by
// refdata.Gzip: no hand edit, no stale index after the reference moved,
// and the same bytes a regeneration writes. regenerate is the command
// that fixes it.
func Committed(t testing.TB, path string, text []byte, regenerate string) {
	t.Helper()
	packed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	want, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if !bytes.Equal(text, want) {
		t.Fatalf("%s is stale or hand-edited: run '%s' (generated %d bytes, committed %d)", path, regenerate, len(text), len(want))
	}
	again, err := refdata.Gzip(text)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, packed) {
		t.Errorf("%s: packing the same text gave other bytes than committed; run '%s' with this toolchain", path, regenerate)
	}
}
