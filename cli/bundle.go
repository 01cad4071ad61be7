package cli

import (
	"fmt"

	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
	"github.com/graphtui/graphtui/support"
)

// writeBundle writes the support bundle of x: its latest page (with --all
// the failing one, which is what support needs), or why there is none, and
// the diagnosis get printed. A bundle that cannot be written is reported
// but does not change the exit status: the request's outcome is what
// scripts test.
func (a *App) writeBundle(path string, s *session.Session, p profiles.Profile, x *session.Exchange) {
	if err := support.New(s.BundleInput(p, x)).WriteFile(path); err != nil {
		fmt.Fprintln(a.Err, "support bundle not written:", a.redact(err.Error()))
		return
	}
	fmt.Fprintln(a.Err, "support bundle written to", path)
}
