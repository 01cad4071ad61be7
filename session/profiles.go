package session

import (
	"fmt"
	"strings"

	"github.com/graphtui/graphtui/profiles"
)

// Profiles is the config and every profile a run can use: the config's,
// then the implicit ones ("env" from the AZURE_* variables,
// "managed-identity" on an Azure host).
type Profiles struct {
	Config *profiles.Config
	List   []profiles.Profile
	// Named is true when --config named the file: a missing file is then
	// a mistake, not a first run.
	Named bool
}

// LoadProfiles reads the config. A config with errors still lists the
// profiles that loaded, beside the error.
func (s *Session) LoadProfiles() (Profiles, error) {
	cfg, err := profiles.Load(s.ConfigPath)
	ps := Profiles{Config: cfg, Named: s.opts.Config != ""}
	if cfg == nil {
		return ps, err
	}
	ps.List = profiles.All(cfg, s.opts.LookupEnv)
	return ps, err
}

// ProfileName is the profile asked for: the -p value, else
// $GRAPHTUI_PROFILE; "" means the first one.
func (s *Session) ProfileName(flag string) string {
	if flag == "" {
		flag, _ = s.opts.LookupEnv("GRAPHTUI_PROFILE")
	}
	return flag
}

// Pick returns the profile called name, or the first one when name is "".
func (ps Profiles) Pick(name string) (profiles.Profile, error) {
	if len(ps.List) == 0 {
		return profiles.Profile{}, ps.noProfiles()
	}
	if name == "" {
		return ps.List[0], nil
	}
	for _, p := range ps.List {
		if p.Name == name {
			return p, nil
		}
	}
	return profiles.Profile{}, ps.unknown(name)
}

// Select returns the named profiles in the order given, each once; no
// names means all of them in config order.
func (ps Profiles) Select(names []string) ([]profiles.Profile, error) {
	if len(ps.List) == 0 {
		return nil, ps.noProfiles()
	}
	if len(names) == 0 {
		return ps.List, nil
	}
	var out []profiles.Profile
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		p, err := ps.Pick(n)
		if err != nil || n == "" {
			return nil, ps.unknown(n)
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, p)
		}
	}
	return out, nil
}

func (ps Profiles) noProfiles() error {
	if ps.Named && !ps.Config.Exists {
		return fmt.Errorf("the config file %s (given with --config) does not exist: check the path, or leave out --config to use $%s or the default location", ps.Config.Path, profiles.EnvConfig)
	}
	return fmt.Errorf("no profiles in %s\n%s", ps.Config.Path, AddProfileHint(ps.Config.Path))
}

func (ps Profiles) unknown(name string) error {
	names := make([]string, len(ps.List))
	for i, p := range ps.List {
		names[i] = p.Name
	}
	return fmt.Errorf("no profile named %q in %s; known profiles: %s", name, ps.Config.Path, strings.Join(names, ", "))
}

// AddProfileHint tells someone without profiles how to get one.
func AddProfileHint(path string) string {
	return fmt.Sprintf(`Add one to %s, for example:

  [profiles.my-app]
  tenant = "contoso.onmicrosoft.com"
  client_id = "00000000-0000-0000-0000-000000000000"
  client_secret = "env:MY_APP_SECRET"

or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or try 'graphtui demo'.`, path)
}
