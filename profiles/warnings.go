package profiles

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

// Warnings are problems that do not stop graphtui. Load puts them in
// Config.Warnings; the CLI prints them on stderr, the TUI in its status bar.

// permissionWarnings flags a config that others can read while it points at
// secret files: it tells them where to look.
func permissionWarnings(path string, ps []Profile) []string {
	if runtime.GOOS == "windows" {
		return nil // permission bits do not describe Windows ACLs
	}
	pointsAtFiles := false
	for _, p := range ps {
		if p.Certificate != "" || strings.HasPrefix(p.ClientSecret, refFile) || strings.HasPrefix(p.CertificatePassword, refFile) {
			pointsAtFiles = true
		}
	}
	info, err := os.Stat(path)
	if err != nil || !pointsAtFiles || info.Mode().Perm()&0o077 == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%s can be read by other users (mode %04o) and points at secret files; restrict it with: chmod 600 %s",
		path, info.Mode().Perm(), path)}
}

// secretFileWarnings flags each file: secret that others can read, once per
// file however many profiles share it: the secret is as exposed as if it
// were written in a world-readable config.
func secretFileWarnings(ps []Profile) []string {
	if runtime.GOOS == "windows" {
		return nil
	}
	var warnings []string
	seen := map[string]bool{}
	for _, p := range ps {
		for _, ref := range []string{p.ClientSecret, p.CertificatePassword} {
			path, ok := strings.CutPrefix(ref, refFile)
			if !ok || seen[path] {
				continue
			}
			seen[path] = true
			info, err := os.Stat(path)
			if err != nil || info.Mode().Perm()&0o077 == 0 {
				continue // a missing file is reported when the secret is needed
			}
			warnings = append(warnings, fmt.Sprintf("%s (a file: secret of profile %s) can be read by other users (mode %04o); restrict it with: chmod 600 %s",
				path, p.Name, info.Mode().Perm(), path))
		}
	}
	return warnings
}
