package profiles

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// manyProfiles writes a config of n profiles that all trust one ca_file,
// as a fleet of tenants behind one TLS-inspecting proxy would.
func manyProfiles(tb testing.TB, n int) (path, text string) {
	tb.Helper()
	dir := tb.TempDir()
	ca, _ := newCert(tb, "proxy", newECKey(tb), nil)
	writeFile(tb, filepath.Join(dir, "ca.pem"), pemCert(ca), 0o600)
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[profiles.app-%d]\ntenant = \"t%d.onmicrosoft.com\"\nclient_id = \"00000000-0000-0000-0000-%012d\"\n"+
			"client_secret = \"env:APP_%d\"\nca_file = \"ca.pem\"\n\n", i, i, i, i)
	}
	path = filepath.Join(dir, "config.toml")
	writeFile(tb, path, b.String(), 0o600)
	return path, b.String()
}

// Load must stay linear in the number of profiles: it used to walk every
// key of the file for each profile and re-read the shared ca_file each time.
func BenchmarkLoadProfiles(b *testing.B) {
	for _, n := range []int{500, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path, _ := manyProfiles(b, n)
			for b.Loop() {
				cfg, err := Load(path)
				if err != nil || len(cfg.Profiles) != n {
					b.Fatalf("Load: %d profiles, %v", len(cfg.Profiles), err)
				}
			}
		})
	}
}

// Profiles sharing a ca_file share one read (and parse) of it per Load.
func TestSharedCAFileIsReadOnce(t *testing.T) {
	path, text := manyProfiles(t, 50)
	files := newFileChecks()
	reads := map[string]int{}
	read := files.read
	files.read = func(p string, max int64) ([]byte, error) {
		reads[p]++
		return read(p, max)
	}
	d := parseDocument(path, text, files)
	if len(d.errs) != 0 || len(d.profiles) != 50 {
		t.Fatalf("%d profiles, errors: %v", len(d.profiles), d.errs)
	}
	ca := filepath.Join(filepath.Dir(path), "ca.pem")
	if reads[ca] != 1 {
		t.Errorf("ca_file read %d times for 50 profiles sharing it, want 1 (reads: %v)", reads[ca], reads)
	}
}
