package profiles

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnvConfig names the environment variable that overrides the config path.
const EnvConfig = "GRAPHTUI_CONFIG"

// ResolvePath picks the config file: the --config flag, else $GRAPHTUI_CONFIG,
// else <user config dir>/graphtui/config.toml. The result is absolute so
// error messages point at one unambiguous file.
func ResolvePath(flagValue string) (string, error) {
	p := flagValue
	if p == "" {
		p = os.Getenv(EnvConfig)
	}
	if p == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("cannot find your config directory (%v); pass --config FILE or set %s", err, EnvConfig)
		}
		return filepath.Join(dir, "graphtui", "config.toml"), nil
	}
	p, err := expandHome(p)
	if err != nil {
		return "", err
	}
	return filepath.Abs(p)
}

// expandHome replaces a leading ~ with the user's home directory, as a shell
// would, because config values are not seen by a shell.
func expandHome(p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") && !strings.HasPrefix(p, `~\`) {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot expand ~ in %q: %v; write the full path instead", p, err)
	}
	return filepath.Join(home, p[1:]), nil
}

// resolveFile expands ~ and makes a relative path relative to baseDir (the
// config file's directory), so a config works from any working directory.
// An empty baseDir leaves relative paths relative to the working directory.
func resolveFile(p, baseDir string) string {
	if p == "" {
		return ""
	}
	if expanded, err := expandHome(p); err == nil {
		p = expanded
	}
	if baseDir != "" && !filepath.IsAbs(p) {
		p = filepath.Join(baseDir, p)
	}
	return p
}
