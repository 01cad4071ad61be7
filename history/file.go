package history

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// FileName is the history file's name inside graphtui's state directory.
const FileName = "history.json"

// DefaultPath is where the history lives: $XDG_STATE_HOME/graphtui, else
// ~/.local/state/graphtui on Unix-like systems, else the user config
// directory on macOS and Windows, which have no state directory.
func DefaultPath() (string, error) {
	return defaultPath(runtime.GOOS, os.Getenv, os.UserHomeDir, os.UserConfigDir)
}

func defaultPath(goos string, getenv func(string) string, home, config func() (string, error)) (string, error) {
	// The XDG spec says a relative value is invalid and must be ignored.
	if dir := getenv("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "graphtui", FileName), nil
	}
	switch goos {
	case "darwin", "ios", "windows", "plan9":
		dir, err := config()
		if err != nil {
			return "", fmt.Errorf("cannot find your config directory for the request history (%v)", err)
		}
		return filepath.Join(dir, "graphtui", FileName), nil
	}
	dir, err := home()
	if err != nil {
		return "", fmt.Errorf("cannot find your home directory for the request history (%v); set XDG_STATE_HOME", err)
	}
	return filepath.Join(dir, ".local", "state", "graphtui", FileName), nil
}
