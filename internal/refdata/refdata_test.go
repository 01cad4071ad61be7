package refdata

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// From a package two levels down, as from anywhere in the module, the data
// is found beside the module's root.
func TestPathFindsTheModuleRoot(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(root, "..", "shared", "data", "graph-doc-mocks", "graph-v1_0-proxy-mocks.json")
	if got := Path(MocksFile); got != want {
		t.Errorf("Path = %s, want %s", got, want)
	}
	t.Chdir(t.TempDir())
	if got, want := Path(MocksFile), filepath.Join("..", "shared", "data", "graph-doc-mocks", "graph-v1_0-proxy-mocks.json"); got != want {
		t.Errorf("outside a module: Path = %s, want %s", got, want)
	}
}

func TestLoadSaysWhereTheDataBelongs(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "permissions.json"), ReadPermissions)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "beside the repository, in ../shared/data") {
		t.Errorf("Load of a missing file: %v", err)
	}
}

// The packed bytes depend on the text only: no name, no time.
func TestWriteGzipIsReproducible(t *testing.T) {
	text := []byte(strings.Repeat("/users/{id}\tG\t0*\n", 100))
	path := filepath.Join(t.TempDir(), "index.gen.txt.gz")
	n, err := WriteGzip(path, text)
	if err != nil {
		t.Fatal(err)
	}
	packed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Gzip(text)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(packed) || !bytes.Equal(packed, again) {
		t.Errorf("wrote %d bytes, reported %d; the same text packed again differs: %v", len(packed), n, !bytes.Equal(packed, again))
	}
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() {
		t.Errorf("header carries name %q, time %v", zr.Name, zr.ModTime)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, text) {
		t.Errorf("unpacked %d bytes (%v), want the %d written", len(got), err, len(text))
	}
}

func TestReadersRefuseWhatIsNoReference(t *testing.T) {
	for _, c := range []struct {
		name string
		read func(io.Reader) error
		in   string
		want string
	}{
		{"deployments", func(r io.Reader) error { _, err := ReadDeployments(r); return err }, `{"permissionDeployments": {}}`, "no deployments"},
		{"deployments", func(r io.Reader) error { _, err := ReadDeployments(r); return err }, `[`, "decoding provisioning reference"},
		{"permissions", func(r io.Reader) error { _, err := ReadPermissions(r); return err }, `{"permissions": {}}`, "no permissions"},
		{"permissions", func(r io.Reader) error { _, err := ReadPermissions(r); return err }, `{"permissions": []}`, "decoding permissions reference"},
		{"mocks", func(r io.Reader) error { _, err := ReadMocks(r); return err }, `{"mocks": 1}`, "decoding the examples"},
	} {
		if err := c.read(strings.NewReader(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s of %s: %v, want an error with %q", c.name, c.in, err, c.want)
		}
	}
}

func TestReadMocks(t *testing.T) {
	mocks, err := ReadMocks(strings.NewReader(`{"mocks": [{"request": {"method": "GET", "url": "https://graph.microsoft.com/v1.0/users/*",
	 "exampleUrl": "https://graph.microsoft.com/v1.0/users/adele"}, "response": {"statusCode": 200, "body": {"id": "adele"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Request{Method: "GET", URL: "https://graph.microsoft.com/v1.0/users/*", ExampleURL: "https://graph.microsoft.com/v1.0/users/adele"}
	if len(mocks) != 1 || mocks[0].Request != want || string(mocks[0].Response.Body) != `{"id": "adele"}` {
		t.Errorf("mocks = %+v", mocks)
	}
}

// The public cloud's id wins, a deployment without an id does not hide
// one with it, and a delegated scope is no app role.
func TestAppRoleIDs(t *testing.T) {
	got := AppRoleIDs(map[string][]Deployment{
		"B.Read.All": {{Scheme: "Application", ID: "b-gov", Environment: "USGov"}, {Scheme: "Application", ID: "b-pub", Environment: "public"}},
		"A.Read.All": {{Scheme: "Application", Environment: "public"}, {Scheme: "Application", ID: "a-china", Environment: "China"}},
		"C.Read":     {{Scheme: "DelegatedWork", ID: "c"}},
		"D.Read.All": {{Scheme: "Application"}},
	})
	want := map[string]string{"A.Read.All": "a-china", "B.Read.All": "b-pub", "D.Read.All": ""}
	if !maps.Equal(got, want) {
		t.Errorf("AppRoleIDs = %v, want %v", got, want)
	}
}
