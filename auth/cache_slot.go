package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"
)

// identityKey names a cache entry: what makes two profiles the same
// identity for the identity platform. fingerprint is a hash of the
// credential (never the credential), so a new secret or certificate finds
// no old tokens.
func identityKey(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fingerprint hashes a credential for identityKey. The prefix keeps it
// apart from any other use of the same secret's hash.
func fingerprint(kind string, credential []byte) string {
	sum := sha256.Sum256(append([]byte("graphtui token cache credential\x00"+kind+"\x00"), credential...))
	return hex.EncodeToString(sum[:])
}

// cacheSlot is one identity's entry, as MSAL's cache hooks see it.
type cacheSlot struct {
	cache   *Cache
	key     string
	profile string

	mu     sync.Mutex
	bypass bool // a forced refresh: do not load what the file holds
	loaded bool // the last Replace loaded the file's entry
}

var _ cache.ExportReplace = (*cacheSlot)(nil)

// Replace loads the file's entry into MSAL's in-memory cache. A missing or
// unreadable entry leaves MSAL's cache as it is; it never fails the call.
func (s *cacheSlot) Replace(ctx context.Context, u cache.Unmarshaler, _ cache.ReplaceHints) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loaded = false
	if s.bypass {
		return nil
	}
	e, ok := s.cache.get(s.key)
	if !ok || len(e.MSAL) == 0 {
		return nil
	}
	if u.Unmarshal(e.MSAL) == nil {
		s.loaded = true
	}
	return nil
}

// Export writes MSAL's cache after a token request. A failed write is
// recorded by the Cache; the token is good all the same.
func (s *cacheSlot) Export(ctx context.Context, m cache.Marshaler, _ cache.ExportHints) error {
	data, err := m.Marshal()
	if err != nil {
		s.cache.problem("token cache: MSAL could not serialize its cache: %v", err)
		return nil
	}
	s.cache.put(s.key, s.profile, cacheEntry{MSAL: data})
	return nil
}

func (s *cacheSlot) setBypass(b bool) {
	s.mu.Lock()
	s.bypass = b
	s.mu.Unlock()
}

func (s *cacheSlot) fromFile() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loaded
}

// lower is for case-insensitive identity parts (hosts, GUIDs, domains).
func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
