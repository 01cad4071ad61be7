package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/graphtui/graphtui/internal/fileio"
	"github.com/graphtui/graphtui/profiles"
)

// The persistent token cache keeps access tokens between runs, so a warm
// `graphtui get` asks the identity platform nothing. One file holds an
// entry per identity (see identityKey); an entry holds MSAL's serialized
// cache for a confidential client, or a managed identity's token. Neither
// ever holds a client secret, private key or federated assertion: MSAL's
// cache has none, and graphtui writes nothing else.

// CacheConfig chooses where and how tokens persist.
type CacheConfig struct {
	// Mode is profiles.TokenCacheAuto, TokenCacheFile or TokenCacheOff;
	// "" means auto.
	Mode string
	// Dir holds the cache file; "" means DefaultCacheDir().
	Dir string
	// Keyring keeps the file's encryption key in auto mode; nil means no
	// keyring, so auto keeps tokens in memory only.
	Keyring profiles.Keyring
	// KeyringTimeout bounds each keyring call; 0 means
	// profiles.DefaultKeyringTimeout.
	KeyringTimeout time.Duration
}

// CacheFileName is the cache file's name inside its directory.
const CacheFileName = "tokens.cache"

// cacheKeyName is the keyring entry (under profiles.KeyringService) that
// holds the file's AES-256 key.
const cacheKeyName = "token-cache-key"

// cacheMaxAge drops entries no token outlives: app tokens live about an
// hour, managed identity tokens up to a day.
const cacheMaxAge = 25 * time.Hour

// DefaultCacheDir is $XDG_CACHE_HOME/graphtui (or the platform's cache
// directory).
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory: %w; set XDG_CACHE_HOME or token_cache = \"off\"", err)
	}
	return filepath.Join(dir, "graphtui"), nil
}

// Cache is the persistent token cache shared by a Manager's profiles. The
// file and the keyring are first touched when a token is needed.
type Cache struct {
	cfg CacheConfig

	once   sync.Once
	path   string      // "" when tokens stay in memory
	aead   cipher.AEAD // nil for the unencrypted file mode
	why    string      // why tokens stay in memory, when they do
	noted  sync.Once   // the memory-only notice is given once
	mu     sync.Mutex  // one read-modify-write of the file at a time in this process
	errMu  sync.Mutex  //
	errors []string    // write failures, for Problems
	now    func() time.Time
}

// NewCache returns a cache that opens its file and key on first use.
func NewCache(cfg CacheConfig) *Cache {
	if cfg.Mode == "" {
		cfg.Mode = profiles.TokenCacheAuto
	}
	return &Cache{cfg: cfg, now: time.Now}
}

func (c *Cache) open() {
	c.once.Do(func() {
		if c.cfg.Mode == profiles.TokenCacheOff {
			c.why = `token_cache is "off"`
			return
		}
		dir := c.cfg.Dir
		if dir == "" {
			d, err := DefaultCacheDir()
			if err != nil {
				c.why = err.Error()
				return
			}
			dir = d
		}
		path := filepath.Join(dir, CacheFileName)
		if c.cfg.Mode == profiles.TokenCacheFile {
			c.path = path
			return
		}
		aead, err := c.keyringCipher()
		if err != nil {
			c.why = err.Error()
			return
		}
		c.path, c.aead = path, aead
	})
}

// keyringCipher reads the file key from the keyring, creating it on first
// use. A key that is not 32 bytes of base64 is replaced: the file it
// encrypted is unreadable anyway and will be replaced too.
func (c *Cache) keyringCipher() (cipher.AEAD, error) {
	if c.cfg.Keyring == nil {
		return nil, errors.New("no OS keyring is available")
	}
	kr := profiles.BoundedKeyring(c.cfg.Keyring, c.cfg.KeyringTimeout)
	stored, err := kr.Get(profiles.KeyringService, cacheKeyName)
	var key []byte
	switch {
	case err == nil:
		key, err = base64.StdEncoding.DecodeString(stored)
		if err != nil || len(key) != 32 {
			key = nil
		}
	case !errors.Is(err, profiles.ErrSecretNotFound):
		return nil, err
	}
	if key == nil {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		if err := kr.Set(profiles.KeyringService, cacheKeyName, base64.StdEncoding.EncodeToString(key)); err != nil {
			return nil, err
		}
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// Persistent reports whether tokens are kept on disk.
func (c *Cache) Persistent() bool {
	if c == nil {
		return false
	}
	c.open()
	return c.path != ""
}

// Path is the cache file, "" when tokens stay in memory.
func (c *Cache) Path() string {
	if c == nil {
		return ""
	}
	c.open()
	return c.path
}

// Describe says where tokens are kept, for `graphtui token` and doctors.
func (c *Cache) Describe() string {
	if c == nil {
		return "memory only (no token cache configured)"
	}
	c.open()
	switch {
	case c.path == "":
		return "memory only: " + c.why
	case c.aead == nil:
		return "file, unencrypted (mode 0600): " + c.path
	}
	return "file, encrypted with a key in the OS keyring: " + c.path
}

// Notice is, the first time it is called, what to tell the user when auto
// mode could not keep tokens on disk; "" otherwise (and ever after).
func (c *Cache) Notice() string {
	if c == nil {
		return ""
	}
	c.open()
	msg := ""
	if c.path == "" && c.cfg.Mode == profiles.TokenCacheAuto {
		c.noted.Do(func() {
			msg = fmt.Sprintf("token cache: %s, so tokens are kept in memory for this run only; "+
				`set token_cache = "file" (or %s=file) to keep them in an unencrypted file readable only by you`, c.why, profiles.TokenCacheEnv)
		})
	}
	return msg
}

// Problems lists cache writes that failed (the token was still used).
func (c *Cache) Problems() []string {
	if c == nil {
		return nil
	}
	c.errMu.Lock()
	defer c.errMu.Unlock()
	return slices.Clone(c.errors)
}

func (c *Cache) problem(format string, args ...any) {
	c.errMu.Lock()
	c.errors = append(c.errors, fmt.Sprintf(format, args...))
	c.errMu.Unlock()
}

// cacheFile is the file's content (encrypted as a whole in auto mode).
type cacheFile struct {
	Format  string                `json:"graphtui_token_cache"`
	Entries map[string]cacheEntry `json:"entries"`
}

const cacheFormat = "1"

// cacheEntry is one identity's tokens. Profiles are the names that used it
// (for logout by name); nothing else about the profile is kept.
type cacheEntry struct {
	Profiles []string  `json:"profiles"`
	Written  time.Time `json:"written"`
	MSAL     []byte    `json:"msal,omitempty"`  // MSAL's serialized cache (confidential clients)
	Token    string    `json:"token,omitempty"` // a managed identity's access token
	Expires  time.Time `json:"expires,omitzero"`
}

// encryptedMagic starts an encrypted file; the nonce and the sealed JSON
// follow.
var encryptedMagic = []byte("graphtui-token-cache-aes256gcm-v1\n")

// read loads the file. Anything unreadable — missing, corrupt, from
// another mode or key, a foreign file — reads as empty and is replaced by
// the next write.
func (c *Cache) read() cacheFile {
	empty := cacheFile{Format: cacheFormat, Entries: map[string]cacheEntry{}}
	data, err := readBounded(c.path)
	if err != nil {
		return empty
	}
	if c.aead != nil {
		rest, ok := cutPrefix(data, encryptedMagic)
		ns := c.aead.NonceSize()
		if !ok || len(rest) < ns {
			return empty
		}
		if data, err = c.aead.Open(nil, rest[:ns], rest[ns:], encryptedMagic); err != nil {
			return empty
		}
	}
	var f cacheFile
	if json.Unmarshal(data, &f) != nil || f.Format != cacheFormat || f.Entries == nil {
		return empty
	}
	return f
}

func (c *Cache) write(f cacheFile) error {
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if c.aead != nil {
		nonce := make([]byte, c.aead.NonceSize())
		if _, err := rand.Read(nonce); err != nil {
			return err
		}
		data = c.aead.Seal(append(append([]byte{}, encryptedMagic...), nonce...), nonce, data, encryptedMagic)
	}
	return fileio.Write(c.path, data)
}

// maxCacheFile bounds what is read: a few dozen identities take kilobytes.
const maxCacheFile = 8 << 20

func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || st.Size() > maxCacheFile {
		return nil, fs.ErrInvalid
	}
	data, err := io.ReadAll(io.LimitReader(f, maxCacheFile+1))
	if err != nil || len(data) > maxCacheFile {
		return nil, fs.ErrInvalid
	}
	return data, nil
}

func cutPrefix(b, prefix []byte) ([]byte, bool) {
	if len(b) < len(prefix) || string(b[:len(prefix)]) != string(prefix) {
		return nil, false
	}
	return b[len(prefix):], true
}

// get returns the entry for key, if the file has one.
func (c *Cache) get(key string) (cacheEntry, bool) {
	if !c.Persistent() {
		return cacheEntry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.read().Entries[key]
	return e, ok
}

// put stores an entry for key, dropping entries too old to hold a live
// token. A failure is recorded, never fatal: the token is still good.
func (c *Cache) put(key, profile string, e cacheEntry) {
	if !c.Persistent() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.read()
	now := c.now()
	for k, old := range f.Entries {
		if now.Sub(old.Written) > cacheMaxAge {
			delete(f.Entries, k)
		}
	}
	e.Written = now
	e.Profiles = f.Entries[key].Profiles
	if !slices.Contains(e.Profiles, profile) {
		e.Profiles = append(e.Profiles, profile)
	}
	f.Entries[key] = e
	if err := c.write(f); err != nil {
		c.problem("token cache: %v", err)
	}
}

// remove deletes the entries used by profile, or every entry when profile
// is "". It reports how many were deleted.
func (c *Cache) remove(profile string) (int, error) {
	if !c.Persistent() {
		return 0, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.read()
	n := 0
	for k, e := range f.Entries {
		if profile == "" || slices.Contains(e.Profiles, profile) {
			delete(f.Entries, k)
			n++
		}
	}
	if profile == "" {
		// Logging out of everything also removes a file this run could not read.
		if err := os.Remove(c.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("cannot delete the token cache %s: %w", c.path, err)
		}
		return n, nil
	}
	if n == 0 {
		return 0, nil
	}
	if err := c.write(f); err != nil {
		return 0, fmt.Errorf("token cache: %w", err)
	}
	return n, nil
}
