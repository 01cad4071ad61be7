package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/support"
)

// saveBundle writes the support bundle of x to path, like saveBody: never
// over an existing file, mode 0600.
func (b *Backend) saveBundle(path string, x *Exchange, p profiles.Profile) tea.Cmd {
	return func() tea.Msg {
		out, err := support.New(b.BundleInput(p, &x.Exchange)).Render(path)
		if err == nil {
			err = writeNewFile(path, out)
		}
		if err != nil {
			return savedMsg{Text: "support bundle not written: " + b.Redact(err.Error()), Err: true}
		}
		return savedMsg{Text: "support bundle written to " + path}
	}
}
