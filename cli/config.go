package cli

import (
	"fmt"
	"strings"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
)

// loadConfig reads the config file chosen by --config, $GRAPHTUI_CONFIG or
// the default location. A missing file is an empty config.
func (a *App) loadConfig() (*profiles.Config, error) {
	flag := a.configFlag
	if flag == "" {
		flag, _ = a.LookupEnv("GRAPHTUI_CONFIG")
	}
	path, err := profiles.ResolvePath(flag)
	if err != nil {
		return nil, usageError("cannot locate the config file: %v", err)
	}
	cfg, err := profiles.Load(path)
	if err != nil {
		return nil, &exitError{exitUsage, err}
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintln(a.Err, "warning:", w)
	}
	return cfg, nil
}

// allProfiles is the config's profiles plus the implicit "env" profile
// built from the AZURE_* variables, when they are set.
func (a *App) allProfiles(cfg *profiles.Config) []profiles.Profile {
	list := append([]profiles.Profile(nil), cfg.Profiles...)
	if env, ok := profiles.EnvProfile(a.LookupEnv); ok {
		if _, taken := cfg.Get(env.Name); !taken {
			list = append(list, env)
		}
	}
	return list
}

// profile picks the profile for a command: -p, then $GRAPHTUI_PROFILE, then
// the first one defined.
func (a *App) profile() (profiles.Profile, error) {
	cfg, err := a.loadConfig()
	if err != nil {
		return profiles.Profile{}, err
	}
	list := a.allProfiles(cfg)
	name := a.profileFlag
	if name == "" {
		name, _ = a.LookupEnv("GRAPHTUI_PROFILE")
	}
	if len(list) == 0 {
		return profiles.Profile{}, usageError("no profiles in %s\n%s", cfg.Path, addProfileHint(cfg.Path))
	}
	if name == "" {
		return list[0], nil
	}
	var names []string
	for _, p := range list {
		if p.Name == name {
			return p, nil
		}
		names = append(names, p.Name)
	}
	return profiles.Profile{}, usageError("no profile named %q in %s; known profiles: %s", name, cfg.Path, strings.Join(names, ", "))
}

func addProfileHint(path string) string {
	return fmt.Sprintf(`Add one to %s, for example:

  [profiles.my-app]
  tenant = "contoso.onmicrosoft.com"
  client_id = "00000000-0000-0000-0000-000000000000"
  client_secret = "env:MY_APP_SECRET"

or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or try 'graphtui demo'.`, path)
}

// authManager returns the run's token manager, creating it once.
func (a *App) authManager() *auth.Manager {
	if a.auth == nil {
		a.auth = auth.NewManager(auth.Options{
			Secrets: profiles.Secrets{LookupEnv: a.LookupEnv, Keyring: a.Keyring, CmdTimeout: a.SecretTimeout, KeyringTimeout: a.SecretTimeout},
			Timeout: a.TokenTimeout,
		})
	}
	return a.auth
}
