package profiles

import (
	"errors"
	"fmt"
	"io"
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

// errTooLarge marks a file over the size readRegularFile accepts.
var errTooLarge = errors.New("file too large")

// readRegularFile reads a regular file of at most max bytes. Pipes and
// devices are refused: opening or reading one can block forever. Errors
// are short reasons ("no such file"), for callers to put in context.
func readRegularFile(path string, max int64) ([]byte, error) {
	if err := checkRegular(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, reasonError{err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, reasonError{err}
	}
	if int64(len(data)) > max {
		return nil, errTooLarge
	}
	return data, nil
}

func checkRegular(path string) error {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return reasonError{err}
	case info.IsDir():
		return errors.New("it is a directory, not a file")
	case !info.Mode().IsRegular():
		return errors.New("not a regular file")
	}
	return nil
}

// reasonError shows an os error as its short reason ("no such file") yet
// still matches it with errors.Is, so a caller can tell a missing file.
type reasonError struct{ err error }

func (e reasonError) Error() string { return fileProblem(e.err) }
func (e reasonError) Unwrap() error { return e.err }
