package session

import (
	"fmt"
	"path/filepath"
	"runtime"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
)

// newCache opens the token cache the config and environment ask for. The
// config is read here, before LoadProfiles, because the token manager is
// made once per run; its errors are left for LoadProfiles to report. It
// returns nil (memory only) when the session's environment names no cache
// directory: the directory comes from that environment, never the
// process's, so a test's environment decides where tokens may go.
func newCache(configPath string, o Options) (*auth.Cache, error) {
	mode := o.TokenCache
	if mode == "" {
		cfg, _ := profiles.Load(configPath)
		m, err := profiles.TokenCacheMode(cfg, o.LookupEnv)
		if err != nil {
			return nil, err
		}
		mode = m
	}
	if mode == profiles.TokenCacheOff {
		return auth.NewCache(auth.CacheConfig{Mode: mode}), nil
	}
	dir := cacheHome(runtime.GOOS, o.LookupEnv)
	if dir == "" {
		return nil, nil
	}
	return auth.NewCache(auth.CacheConfig{
		Mode:           mode,
		Dir:            filepath.Join(dir, "graphtui"),
		Keyring:        o.Keyring,
		KeyringTimeout: o.SecretTimeout,
	}), nil
}

// cacheHome is os.UserCacheDir computed from lookup instead of the
// process's environment; "" when lookup names none.
func cacheHome(goos string, lookup func(string) (string, bool)) string {
	get := func(name string) string {
		v, _ := lookup(name)
		return v
	}
	abs := func(dir string) string {
		if dir == "" || !filepath.IsAbs(dir) {
			return ""
		}
		return dir
	}
	switch goos {
	case "windows":
		return abs(get("LocalAppData"))
	case "darwin", "ios":
		if h := abs(get("HOME")); h != "" {
			return filepath.Join(h, "Library", "Caches")
		}
		return ""
	case "plan9":
		if h := abs(get("home")); h != "" {
			return filepath.Join(h, "lib", "cache")
		}
		return ""
	}
	if d := abs(get("XDG_CACHE_HOME")); d != "" {
		return d
	}
	if h := abs(get("HOME")); h != "" {
		return filepath.Join(h, ".cache")
	}
	return ""
}

// CacheDescription says where tokens are kept this run, for `graphtui
// profiles` and logout.
func (s *Session) CacheDescription() string {
	if c := s.Auth.Cache(); c != nil {
		return c.Describe()
	}
	return "memory only: no cache directory (set XDG_CACHE_HOME or HOME)"
}

// CacheNotice is, once per run, what to tell the user when auto mode
// could not keep tokens on disk; "" otherwise.
func (s *Session) CacheNotice() string { return s.Auth.Cache().Notice() }

// Logout deletes the cached tokens of the profile called name, or of every
// profile when all is set, and says how many went and from where.
func (s *Session) Logout(name string, all bool) (string, error) {
	var n int
	var err error
	if all {
		n, err = s.Auth.DeleteAllCached()
	} else {
		n, err = s.Auth.DeleteCached(name)
	}
	if err != nil {
		return "", err
	}
	whose := fmt.Sprintf("of profile %q", name)
	if all {
		whose = "of every profile"
	}
	c := s.Auth.Cache()
	if !c.Persistent() {
		return fmt.Sprintf("Forgot the tokens %s; none were on disk (token cache: %s).", whose, s.CacheDescription()), nil
	}
	return fmt.Sprintf("Deleted %d cached token %s %s from %s.", n, plural(n, "entry", "entries"), whose, c.Path()), nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
