package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/graphtui/graphtui/profiles"
)

// broughtToken runs an access_token reference: a token from elsewhere (az,
// a vault, a script), used until it expires and then asked for again. It
// must be a JWT, since its expiry is all graphtui knows about it.
func (m *Manager) broughtToken(ctx context.Context, p profiles.Profile) (*Token, error) {
	raw, err := m.opts.Secrets.Resolve(ctx, p.AccessToken)
	if err != nil {
		return nil, &CredentialError{Profile: p.Name, Err: fmt.Errorf("access_token: %w", err)}
	}
	raw = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(raw), "Bearer "))
	m.addSecret(raw)
	c, err := DecodeClaims(raw)
	if err != nil {
		return nil, &CredentialError{Profile: p.Name, Err: fmt.Errorf(
			"access_token: the reference did not yield a JWT access token (%v); it must print the token alone, e.g. az account get-access-token --query accessToken -o tsv", err)}
	}
	switch now := m.opts.Now(); {
	case c.ExpiresAt.IsZero():
		return nil, &CredentialError{Profile: p.Name, Err: fmt.Errorf("access_token: the token has no exp claim, so graphtui cannot tell when to ask for a new one")}
	case !now.Before(c.ExpiresAt):
		return nil, &CredentialError{Profile: p.Name, Err: fmt.Errorf(
			"access_token: the token expired at %s; the reference must yield a fresh token (a command such as az account get-access-token gives one each time it runs)",
			c.ExpiresAt.UTC().Format(time.RFC3339))}
	}
	return m.newToken(raw, c.ExpiresAt, SourceReference), nil
}
