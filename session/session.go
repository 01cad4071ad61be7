// Package session is one run of graphtui: its config, its profiles, its
// token manager, and the use cases over them (send a request, page, fetch
// all, diagnose, the profile matrix, the support bundle). The CLI parses
// flags and prints; the TUI wraps these calls in commands. Neither builds a
// Graph client or a token manager itself, so both say the same things the
// same way.
package session

import (
	"context"
	"fmt"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// Options configure a Session.
type Options struct {
	// Config is the --config value; "" means $GRAPHTUI_CONFIG, then the
	// default location.
	Config    string
	LookupEnv func(string) (string, bool)
	Keyring   profiles.Keyring // backs keyring: secrets; nil: no OS keyring
	// Version is graphtui's version, for the User-Agent and bundles.
	Version string
	// TokenTimeout bounds each token request and SecretTimeout each cmd:
	// or keyring: secret reference; zero means the packages' defaults.
	TokenTimeout, SecretTimeout time.Duration
	// Auth is the token manager to use; nil: New makes one from the
	// fields above. Tests give their own (a recording HTTP client).
	Auth *auth.Manager
	// TuneClient adjusts every Graph client before use (tests: retry
	// sleeps).
	TuneClient func(*graph.Client)
	// TokenCache overrides the config's token_cache and
	// $GRAPHTUI_TOKEN_CACHE ("off" for the demo, whose tokens are worth
	// nothing after it stops).
	TokenCache string
}

// Session is one run of graphtui. Its fields are set by New and read-only
// after it; it is safe for concurrent use.
type Session struct {
	Auth       *auth.Manager    // the run's tokens, cached per profile
	ConfigPath string           // the config file, absolute
	Keyring    profiles.Keyring // nil: no OS keyring
	opts       Options
}

// New resolves the config path and makes the token manager with the token
// cache the config asks for. Its errors are a config path that cannot be
// located and a bad $GRAPHTUI_TOKEN_CACHE.
func New(o Options) (*Session, error) {
	if o.LookupEnv == nil {
		o.LookupEnv = func(string) (string, bool) { return "", false }
	}
	flag := o.Config
	if flag == "" {
		flag, _ = o.LookupEnv(profiles.EnvConfig)
	}
	path, err := profiles.ResolvePath(flag)
	if err != nil {
		return nil, fmt.Errorf("cannot locate the config file: %w", err)
	}
	m := o.Auth
	if m == nil {
		cache, err := newCache(path, o)
		if err != nil {
			return nil, err
		}
		m = auth.NewManager(auth.Options{
			Secrets: profiles.Secrets{LookupEnv: o.LookupEnv, Keyring: o.Keyring, CmdTimeout: o.SecretTimeout, KeyringTimeout: o.SecretTimeout},
			Timeout: o.TokenTimeout,
			Cache:   cache,
		})
	}
	return &Session{Auth: m, ConfigPath: path, Keyring: o.Keyring, opts: o}, nil
}

// Redact removes the secrets and tokens the session has seen from s, and
// anything shaped like one.
func (s *Session) Redact(text string) string { return s.Auth.Redact(text) }

// Token is a token for p: the cached one while valid, or a new one;
// refresh always asks the identity platform.
func (s *Session) Token(ctx context.Context, p profiles.Profile, refresh bool) (*auth.Token, error) {
	if refresh {
		return s.Auth.Refresh(ctx, p)
	}
	return s.Auth.Token(ctx, p)
}

// userAgent is sent with every Graph request; "" leaves graph's default.
func (s *Session) userAgent() string {
	if s.opts.Version == "" {
		return ""
	}
	return "graphtui/" + s.opts.Version
}
