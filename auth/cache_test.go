package auth

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/internal/memkeyring"
	"github.com/graphtui/graphtui/profiles"
)

// process is one graphtui run: a fresh Manager over the shared cache file.
func process(dir, mode string, kr profiles.Keyring) *Manager {
	return NewManager(Options{Cache: NewCache(CacheConfig{Mode: mode, Dir: dir, Keyring: kr})})
}

func identityRequests(tenant *demo.Tenant, clientID string) (tokens, discovery int) {
	s := tenant.Stats()
	return s.TokenRequests[clientID].Total(), s.DiscoveryRequests
}

// readerCached starts a demo tenant and has one run put the reader
// profile's token in a file cache in a new directory.
func readerCached(t *testing.T) (*demo.Tenant, string, profiles.Profile) {
	t.Helper()
	tenant, cfg := startDemo(t, demo.Options{})
	dir := t.TempDir()
	p := mustProfile(t, cfg, demo.ProfileReader)
	if _, err := process(dir, profiles.TokenCacheFile, nil).Token(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return tenant, dir, p
}

// Two runs sharing the cache: the second asks the identity platform
// nothing at all, neither discovery nor token.
func TestPersistentCacheSharedByTwoRuns(t *testing.T) {
	for _, mode := range []string{profiles.TokenCacheFile, profiles.TokenCacheAuto} {
		t.Run(mode, func(t *testing.T) {
			tenant, cfg := startDemo(t, demo.Options{})
			dir := t.TempDir()
			kr := &memkeyring.Keyring{}
			ctx := context.Background()
			for _, name := range []string{demo.ProfileReader, demo.ProfileCert, demo.ProfileFederated} {
				p := mustProfile(t, cfg, name)
				first, err := process(dir, mode, kr).Token(ctx, p)
				if err != nil {
					t.Fatal(err)
				}
				tokens, discovery := identityRequests(tenant, p.ClientID)
				second, err := process(dir, mode, kr).Token(ctx, p)
				if err != nil {
					t.Fatal(err)
				}
				if second.Source != SourceDiskCache || second.Raw() != first.Raw() || second.Source.Label() != "cache (disk)" {
					t.Errorf("%s: second run's token from %s", name, second.Source)
				}
				if t2, d2 := identityRequests(tenant, p.ClientID); t2 != tokens || d2 != discovery {
					t.Errorf("%s: the second run made %d token and %d discovery requests", name, t2-tokens, d2-discovery)
				}
			}
			info, err := os.Stat(filepath.Join(dir, CacheFileName))
			if err != nil {
				t.Fatal(err)
			}
			if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
				t.Errorf("cache file mode %v", info.Mode().Perm())
			}
			data, _ := os.ReadFile(filepath.Join(dir, CacheFileName))
			if mode == profiles.TokenCacheAuto && (bytes.Contains(data, []byte("eyJ")) || bytes.Contains(data, []byte("access_token"))) {
				t.Error("the encrypted cache shows tokens")
			}
		})
	}
}

// A managed identity's token persists too (MSAL keeps those in memory only).
func TestPersistentCacheManagedIdentity(t *testing.T) {
	tenant, cfg := startDemo(t, demo.Options{})
	useDemoHost(t, tenant)
	dir := t.TempDir()
	p := mustProfile(t, cfg, demo.ProfileMIMissingRole)
	if _, err := process(dir, profiles.TokenCacheFile, nil).Token(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	tok, err := process(dir, profiles.TokenCacheFile, nil).Token(context.Background(), p)
	if err != nil || tok.Source != SourceDiskCache {
		t.Fatalf("second run: %v, %v", tok, err)
	}
	wantTokenRequests(t, tenant, demo.ClientIDMIUser, 1, "the second run reads the file")
}

// Neither a secret nor a private key nor a federated token is written.
func TestPersistentCacheHoldsNoCredential(t *testing.T) {
	tenant, cfg := startDemo(t, demo.Options{})
	dir := t.TempDir()
	for _, name := range []string{demo.ProfileReader, demo.ProfileCert, demo.ProfileFederated} {
		if _, err := process(dir, profiles.TokenCacheFile, nil).Token(context.Background(), mustProfile(t, cfg, name)); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, CacheFileName))
	if err != nil {
		t.Fatal(err)
	}
	pemData, _ := tenant.CertificatePEM(demo.ProfileCert)
	fed, _ := os.ReadFile(strings.TrimPrefix(mustProfile(t, cfg, demo.ProfileFederated).FederatedToken, "file:"))
	for what, v := range map[string][]byte{
		"client secret":   []byte(tenant.Secret(demo.ProfileReader)),
		"private key":     []byte("PRIVATE KEY"),
		"certificate PEM": pemData[:80],
		"federated token": fed,
	} {
		if len(v) == 0 || bytes.Contains(data, v) {
			t.Errorf("the cache file holds the %s (or the test has nothing to look for)", what)
		}
	}
}

// Refresh bypasses the file and puts the new token in it.
func TestPersistentCacheRefresh(t *testing.T) {
	tenant, dir, p := readerCached(t)
	ctx := context.Background()
	fresh, err := process(dir, profiles.TokenCacheFile, nil).Refresh(ctx, p)
	if err != nil || fresh.Source != SourceIdentityProvider {
		t.Fatalf("refresh: %v, %v", fresh, err)
	}
	next, err := process(dir, profiles.TokenCacheFile, nil).Token(ctx, p)
	if err != nil || next.Source != SourceDiskCache || next.Raw() != fresh.Raw() {
		t.Errorf("after refresh the file should hold the new token: %v, %v", next, err)
	}
	wantTokenRequests(t, tenant, demo.ClientIDReader, 2, "first and refresh")
}

// Logout of one profile, then of all.
func TestPersistentCacheDelete(t *testing.T) {
	tenant, cfg := startDemo(t, demo.Options{})
	dir := t.TempDir()
	ctx := context.Background()
	reader, cert := mustProfile(t, cfg, demo.ProfileReader), mustProfile(t, cfg, demo.ProfileCert)
	m := process(dir, profiles.TokenCacheFile, nil)
	for _, p := range []profiles.Profile{reader, cert} {
		if _, err := m.Token(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := m.DeleteCached(reader.Name); n != 1 || err != nil {
		t.Fatalf("DeleteCached = %d, %v", n, err)
	}
	if m.Cached(reader.Name) != nil {
		t.Error("the memory still holds the token")
	}
	if tok, _ := m.Token(ctx, reader); tok.Source != SourceIdentityProvider {
		t.Errorf("after logout, same run: token from %s (MSAL's memory must not answer)", tok.Source)
	}
	if tok, _ := process(dir, profiles.TokenCacheFile, nil).Token(ctx, cert); tok.Source != SourceDiskCache {
		t.Errorf("the other profile's token went too: %s", tok.Source)
	}
	if _, err := m.DeleteAllCached(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, CacheFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the cache file is still there: %v", err)
	}
	wantTokenRequests(t, tenant, demo.ClientIDReader, 2, "before and after the logout")
}

// A corrupt file, a file from another key and a file of another mode are
// ignored and replaced, never fatal.
func TestPersistentCacheCorruptOrForeign(t *testing.T) {
	_, cfg := startDemo(t, demo.Options{})
	p := mustProfile(t, cfg, demo.ProfileReader)
	ctx := context.Background()
	cases := map[string]func(dir string){
		"garbage": func(dir string) { writeFile(t, filepath.Join(dir, CacheFileName), "\x00\x01not a cache") },
		"foreign json": func(dir string) {
			writeFile(t, filepath.Join(dir, CacheFileName), `{"AccessToken":{}}`)
		},
		"other key": func(dir string) {
			if _, err := process(dir, profiles.TokenCacheAuto, &memkeyring.Keyring{}).Token(ctx, p); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, prepare := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			prepare(dir)
			kr := &memkeyring.Keyring{}
			tok, err := process(dir, profiles.TokenCacheAuto, kr).Token(ctx, p)
			if err != nil || tok.Source != SourceIdentityProvider {
				t.Fatalf("over a %s file: %v, %v", name, tok, err)
			}
			if tok, _ := process(dir, profiles.TokenCacheAuto, kr).Token(ctx, p); tok.Source != SourceDiskCache {
				t.Errorf("the %s file was not replaced: next token from %s", name, tok.Source)
			}
		})
	}
}

// Without a keyring, auto keeps tokens in memory and says so once.
func TestPersistentCacheWithoutKeyring(t *testing.T) {
	_, cfg := startDemo(t, demo.Options{})
	dir := t.TempDir()
	c := NewCache(CacheConfig{Mode: profiles.TokenCacheAuto, Dir: dir, Keyring: memkeyring.Broken{Err: errors.New("no D-Bus session bus")}})
	m := NewManager(Options{Cache: c})
	if _, err := m.Token(context.Background(), mustProfile(t, cfg, demo.ProfileReader)); err != nil {
		t.Fatal(err)
	}
	if c.Persistent() || !strings.Contains(c.Describe(), "memory only") {
		t.Errorf("describe: %s", c.Describe())
	}
	if n := c.Notice(); !strings.Contains(n, "no D-Bus session bus") || !strings.Contains(n, `token_cache = "file"`) {
		t.Errorf("notice = %q", n)
	}
	if again := c.Notice(); again != "" {
		t.Errorf("said twice: %q", again)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written without a keyring: %v", entries)
	}
	off := NewCache(CacheConfig{Mode: profiles.TokenCacheOff, Dir: dir})
	if off.Persistent() || off.Notice() != "" {
		t.Error("off mode persists or complains")
	}
}

// A new credential finds no old tokens: the entry is keyed by a hash of it.
func TestPersistentCacheKeyedByCredential(t *testing.T) {
	tenant, dir, p := readerCached(t)
	ctx := context.Background()
	// The same app with a wrong secret must not be served the cached token.
	secretFile := filepath.Join(t.TempDir(), "other.secret")
	writeFile(t, secretFile, tenant.Secret(demo.ProfileWrongSecret))
	p.ClientSecret = "file:" + secretFile
	if _, err := process(dir, profiles.TokenCacheFile, nil).Token(ctx, p); err == nil {
		t.Error("a changed secret was served the old secret's token")
	}
}
