package ui

import (
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// savedMsg ends a save of the body or of a support bundle. It reaches the
// viewer, which closes its input on success and keeps it open on an error
// so that the name can be changed; the text goes to the status bar.
type savedMsg struct {
	Text string
	Err  bool
}

func (v *Viewer) saved(msg savedMsg) tea.Cmd {
	if v.saving && v.saveWaiting {
		if msg.Err {
			// The whole path is in the input below; the base name keeps
			// the reason on a narrow row.
			path := strings.TrimSpace(v.saveIn.Value())
			v.saveWaiting, v.saveErr = false, "not saved: "+strings.ReplaceAll(msg.Text, path, filepath.Base(path))
		} else {
			v.closeInputs()
		}
	}
	return v.out.emit(statusMsg{Text: msg.Text, Err: msg.Err})
}
