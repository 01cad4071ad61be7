package session

import (
	"errors"
	"fmt"

	"github.com/graphtui/graphtui/profiles"
)

// SaveProfile adds p (oldName "") or replaces the profile called oldName.
// A secret, when given, goes to the OS keyring under p's name, and
// p.ClientSecret already says "keyring:<name>". Tokens cached under either
// name are dropped: they may belong to another app now.
func (s *Session) SaveProfile(oldName string, p profiles.Profile, secret string) error {
	if secret != "" {
		if s.Keyring == nil {
			return errors.New("no OS keyring available: use an env:, cmd: or file: reference")
		}
		if err := s.Keyring.Set(profiles.KeyringService, p.Name, secret); err != nil {
			return fmt.Errorf("could not store the secret in the keyring: %w", err)
		}
	}
	var err error
	if oldName == "" {
		err = profiles.Add(s.ConfigPath, p)
	} else {
		err = profiles.Update(s.ConfigPath, oldName, p)
	}
	if err != nil {
		return err
	}
	s.Auth.Forget(oldName)
	s.Auth.Forget(p.Name)
	return nil
}

// DeleteProfile removes p from the config, its keyring entry when the
// profile's secret is there, and its cached token.
func (s *Session) DeleteProfile(p profiles.Profile) error {
	if err := profiles.Remove(s.ConfigPath, p.Name); err != nil {
		return err
	}
	if s.Keyring != nil && p.ClientSecret == "keyring:"+p.Name {
		_ = s.Keyring.Delete(profiles.KeyringService, p.Name)
	}
	s.Auth.Forget(p.Name)
	return nil
}
