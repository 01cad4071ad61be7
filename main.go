// Command graphtui explores Microsoft Graph with app-only access and tells
// you why a call was denied.
package main

import (
	"os"

	"github.com/graphtui/graphtui/cli"
)

// Set by the release build with -ldflags "-X main.version=... -X main.commit=... -X main.date=...".
var (
	version = ""
	commit  = ""
	date    = ""
)

func main() {
	os.Exit(cli.Main(cli.BuildInfo{Version: version, Commit: commit, Date: date}, os.Args[1:]))
}
