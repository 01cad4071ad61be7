package session

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
)

// The cache directory comes from the session's environment: a test (or a
// demo) that gives none never touches the user's real cache.
func TestCacheDirectoryComesFromTheSessionEnvironment(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	open := func(env map[string]string, o Options) *Session {
		t.Helper()
		o.Config = cfg
		o.LookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
		s, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if c := open(nil, Options{}).Auth.Cache(); c != nil {
		t.Errorf("an environment without XDG_CACHE_HOME or HOME must keep tokens in memory, got %s", c.Describe())
	}
	xdg := t.TempDir()
	s := open(map[string]string{"XDG_CACHE_HOME": xdg, profiles.TokenCacheEnv: "file"}, Options{})
	if want := filepath.Join(xdg, "graphtui", auth.CacheFileName); s.Auth.Cache().Path() != want {
		t.Errorf("cache file %q, want %q", s.Auth.Cache().Path(), want)
	}
	if !strings.Contains(s.CacheDescription(), "unencrypted") {
		t.Errorf("description: %s", s.CacheDescription())
	}
	demo := open(map[string]string{"XDG_CACHE_HOME": xdg, profiles.TokenCacheEnv: "file"}, Options{TokenCache: profiles.TokenCacheOff})
	if demo.Auth.Cache().Persistent() {
		t.Error("Options.TokenCache off must win over the environment")
	}
	if _, err := New(Options{Config: cfg, LookupEnv: func(k string) (string, bool) {
		return "sometimes", k == profiles.TokenCacheEnv
	}}); err == nil || !strings.Contains(err.Error(), profiles.TokenCacheEnv) {
		t.Errorf("a bad %s should be an error naming it: %v", profiles.TokenCacheEnv, err)
	}
}

func TestCacheHomeFollowsTheUserCacheDirRules(t *testing.T) {
	env := map[string]string{"HOME": "/home/ada", "XDG_CACHE_HOME": "/xdg", "LocalAppData": `C:\Users\ada\AppData\Local`}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	for goos, want := range map[string]string{"linux": "/xdg", "darwin": "/home/ada/Library/Caches"} {
		if got := cacheHome(goos, lookup); got != want {
			t.Errorf("%s: %q, want %q", goos, got, want)
		}
	}
	env["XDG_CACHE_HOME"] = "relative" // ignored, as os.UserCacheDir does
	if got := cacheHome("linux", lookup); got != "/home/ada/.cache" {
		t.Errorf("relative XDG_CACHE_HOME: %q", got)
	}
}
