// Package refdatatest gives tests the reference data beside the
// repository (see refdata), skipping a test where the data is absent, and
// holds a committed generated index to its generator. It is used only
// from tests.
package refdatatest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"testing"

	"github.com/graphtui/graphtui/internal/refdata"
)

// Open opens the reference file name (refdata.PermissionsFile...), closed
// when the test ends; the test is skipped where the data is absent.
func Open(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := refdata.Open(refdata.Path(name))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("reference data not found: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// Decode decodes the reference file name into v, for a test that needs
// only a part of it.
func Decode(t testing.TB, name string, v any) {
	t.Helper()
	if err := json.NewDecoder(Open(t, name)).Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// Mocks are the examples of the Graph v1.0 API reference.
func Mocks(t testing.TB) []refdata.Mock {
	t.Helper()
	mocks, err := refdata.ReadMocks(Open(t, refdata.MocksFile))
	if err != nil {
		t.Fatal(err)
	}
	return mocks
}

// Deployments are provisioningInfo.json's deployments by permission name.
func Deployments(t testing.TB) map[string][]refdata.Deployment {
	t.Helper()
	deps, err := refdata.ReadDeployments(Open(t, refdata.ProvisioningFile))
	if err != nil {
		t.Fatal(err)
	}
	return deps
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
