package cli

import (
	"fmt"
	"runtime/debug"
)

// BuildInfo is stamped by the release build; empty fields fall back to what
// the Go toolchain recorded (go install, go build from a checkout).
type BuildInfo struct {
	Version, Commit, Date string
}

func (b BuildInfo) resolved() BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b.withDefaults()
	}
	if b.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		b.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit = s.Value
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		}
	}
	return b.withDefaults()
}

func (b BuildInfo) withDefaults() BuildInfo {
	if b.Version == "" {
		b.Version = "dev"
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	if b.Date == "" {
		b.Date = "unknown"
	}
	return b
}

func (b BuildInfo) String() string {
	return fmt.Sprintf("graphtui %s (commit %s, built %s)", b.Version, b.Commit, b.Date)
}

// UserAgent is sent with every Graph request.
func (b BuildInfo) UserAgent() string { return "graphtui/" + b.Version }
