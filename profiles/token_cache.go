package profiles

import (
	"fmt"
	"strings"
)

// Token cache modes: the top-level token_cache key and GRAPHTUI_TOKEN_CACHE.
const (
	// TokenCacheAuto keeps tokens in a file encrypted with a key held in
	// the OS keyring, or in memory only when there is no keyring.
	TokenCacheAuto = "auto"
	// TokenCacheFile keeps them in the same file unencrypted (mode 0600),
	// for headless machines.
	TokenCacheFile = "file"
	// TokenCacheOff keeps them in memory, for one run.
	TokenCacheOff = "off"
)

// TokenCacheEnv overrides the config's token_cache.
const TokenCacheEnv = "GRAPHTUI_TOKEN_CACHE"

const keyTokenCache = "token_cache"

var tokenCacheModes = []string{TokenCacheAuto, TokenCacheFile, TokenCacheOff}

func checkTokenCache(v string) string {
	for _, m := range tokenCacheModes {
		if v == m {
			return ""
		}
	}
	return fmt.Sprintf("must be %s", strings.Join(quoteAll(tokenCacheModes), ", ")) +
		` ("auto": encrypted file with its key in the OS keyring; "file": unencrypted file, mode 0600; "off": memory only)`
}

func (d *document) parseTokenCache(v any) string {
	s, ok := v.(string)
	if !ok {
		return fmt.Sprintf(`must be a string in quotes, not %s; write token_cache = "auto"`, tomlKind(v))
	}
	if msg := checkTokenCache(s); msg != "" {
		return msg
	}
	d.tokenCache = s
	return ""
}

// TokenCacheMode is the effective token cache mode: GRAPHTUI_TOKEN_CACHE,
// else the config's token_cache, else auto. A bad variable is an error
// naming it, not a silent fallback.
func TokenCacheMode(cfg *Config, lookup func(string) (string, bool)) (string, error) {
	if v, ok := lookup(TokenCacheEnv); ok && strings.TrimSpace(v) != "" {
		v = strings.TrimSpace(v)
		if msg := checkTokenCache(v); msg != "" {
			return "", fmt.Errorf("%s %s", TokenCacheEnv, msg)
		}
		return v, nil
	}
	if cfg != nil && cfg.TokenCache != "" {
		return cfg.TokenCache, nil
	}
	return TokenCacheAuto, nil
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
