package cli

import (
	"fmt"

	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// session returns the run's session, opening it once: the config chosen
// by --config, $GRAPHTUI_CONFIG or the default location, and the token
// manager.
func (a *App) session() (*session.Session, error) {
	if a.sess != nil {
		return a.sess, nil
	}
	s, err := session.New(session.Options{
		Config:        a.configFlag,
		LookupEnv:     a.LookupEnv,
		Keyring:       a.Keyring,
		Version:       a.Build.Version,
		TokenTimeout:  a.TokenTimeout,
		SecretTimeout: a.SecretTimeout,
		Auth:          a.auth,
		TuneClient:    a.tuneClient,
		TokenCache:    a.tokenCache,
	})
	if err != nil {
		return nil, usageError("%v", err)
	}
	a.sess, a.auth = s, s.Auth
	return s, nil
}

// loadProfiles reads the config (a missing file is an empty config) and
// prints its warnings. The list holds the implicit "env" profile too.
func (a *App) loadProfiles() (*session.Session, session.Profiles, error) {
	s, err := a.session()
	if err != nil {
		return nil, session.Profiles{}, err
	}
	ps, err := s.LoadProfiles()
	if err != nil {
		return nil, ps, &exitError{exitUsage, err}
	}
	for _, w := range ps.Config.Warnings {
		fmt.Fprintln(a.Err, "warning:", w)
	}
	return s, ps, nil
}

// profile picks the profile for a command: -p, then $GRAPHTUI_PROFILE, then
// the first one defined.
func (a *App) profile() (*session.Session, profiles.Profile, error) {
	s, ps, err := a.loadProfiles()
	if err != nil {
		return nil, profiles.Profile{}, err
	}
	p, err := ps.Pick(s.ProfileName(a.profileFlag))
	if err != nil {
		return nil, p, &exitError{exitUsage, err}
	}
	return s, p, nil
}
