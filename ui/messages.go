package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/render"
	"github.com/graphtui/graphtui/session"
)

// Intents: a pane asks the root to do something. The root turns each into
// a tea.Cmd (IO) or a layout change. Components return them from Update
// (see Intent in common.go; intents.go marks which types are intents).

// sendMsg asks the root to send a request with the selected profile. A
// write goes only Confirmed: the root asks first (model_writes.go).
type sendMsg struct {
	Request   graph.Request
	Confirmed bool
}

// nextPageMsg asks for the page after the one shown.
type nextPageMsg struct{}

// fetchAllMsg asks for every remaining page.
type fetchAllMsg struct{}

// cancelMsg asks the root to cancel whatever request or token acquisition
// is in flight.
type cancelMsg struct{}

// profileSelectedMsg says the picker's selection changed.
type profileSelectedMsg struct{ Name string }

// refreshTokenMsg asks for a forced token refresh of a profile.
type refreshTokenMsg struct{ Name string }

// openProfileFormMsg asks the root to open the add/edit form (Edit nil = add).
type openProfileFormMsg struct{ Edit *profiles.Profile }

// confirmDeleteMsg asks the root to confirm, then delete, a profile.
type confirmDeleteMsg struct{ Name string }

// saveProfileMsg asks the root to add (OldName "") or replace a profile.
// Secret, when set, is stored in the OS keyring under the profile's name
// and Profile.ClientSecret already says "keyring:<name>".
type saveProfileMsg struct {
	OldName string
	Profile profiles.Profile
	Secret  string
}

// closeDialogMsg closes the open dialog without doing anything.
type closeDialogMsg struct{}

// copyMsg asks the root to put text on the clipboard (the system's and
// OSC 52).
type copyMsg struct {
	What string // "body", "curl command", for the status bar
	Text string
}

// saveBodyMsg asks the root to write the shown body to a file.
type saveBodyMsg struct{ Path string }

// saveBundleMsg asks the root to write the shown exchange's support bundle
// to a file.
type saveBundleMsg struct{ Path string }

// statusMsg shows a line in the status bar.
type statusMsg struct {
	Text string
	Err  bool
}

// Results: produced by the root's commands, routed to the panes.

// tokenMsg is the outcome of a token acquisition.
type tokenMsg struct {
	Profile string
	Token   *auth.Token
	Err     error
	Forced  bool
}

// Exchange is everything the response viewer shows about one request:
// the session's exchange (response, token, trace, diagnosis) and its
// highlighted body.
type Exchange struct {
	Seq int // increases with each request; stale results are dropped
	session.Exchange
	Lines   *render.Lines // highlighted body; nil when not JSON
	BodyErr error         // why Lines is nil (invalid JSON, too large)
	// Pasted: explained from an error pasted into the explain dialog, not
	// sent by graphtui; nothing replays it.
	Pasted bool

	// Shown is what the Body tab draws when Lines cannot hold it: the top
	// of a large body still being highlighted (Partial), or a fetch-all
	// merge highlighted page by page.
	Shown lineSource
	// Partial: only the top is highlighted; an exchangeMsg with the same
	// Seq follows with the rest, and bodyProgressMsgs until then.
	Partial bool
	// rest highlights the whole body of a Partial exchange; the viewer
	// starts it once the top is on screen. stopBody abandons it when the
	// exchange is no longer shown.
	rest     tea.Cmd
	stopBody func()
	// table is the body's table index when it was built with the body
	// (fetch-all); otherwise the viewer builds it on demand.
	table *tableIndex
	// fetched is the fetch-all merge this exchange shows (nil for one
	// page): A goes on from it when it stopped early.
	fetched *fetchedPages
}

// RolesDiff is how a forced token refresh changed the token's roles.
type RolesDiff = session.RolesDiff

// Trace is the timeline of one exchange: token, attempts, retries, pages.
type Trace = session.Trace

// recheckMsg asks the root to force a new token for the shown exchange's
// profile, then replay its request: the end of the consent round trip.
// A write is replayed only Confirmed.
type recheckMsg struct{ Confirmed bool }

// showQRMsg asks the root to show URL as a QR code in a dialog.
type showQRMsg struct{ URL string }

// matrixMsg asks the root to run the shown request under every profile;
// a write only Confirmed.
type matrixMsg struct{ Confirmed bool }

// MatrixRow is one profile's outcome for the matrix, in the words the
// CLI's matrix uses too.
type MatrixRow = session.MatrixRow

// matrixResultMsg carries the finished matrix.
type matrixResultMsg struct {
	Method string // "" for GET
	Path   string
	Rows   []MatrixRow
}

// exchangeMsg delivers a finished exchange (first page, next page, or the
// end of fetch-all).
type exchangeMsg struct{ Exchange *Exchange }

// progressMsg reports fetch-all progress: pages and items so far, and the
// document so far for the viewer (nil when nothing arrived yet). The
// snapshot is shared with the fetch, which only appends past it.
type progressMsg struct {
	Seq   int
	Pages int
	Items int
	Bytes int

	Body   []byte       // the merged document so far, compact, not yet closed
	Merged *mergedLines // its highlighted lines; nil when highlighting failed
	Table  *tableIndex  // its items as a table; nil when they are not objects

	fetched *fetchedPages // the merge so far, kept by esc
}

// bodyProgressMsg reports how much of a Partial exchange's body is
// highlighted.
type bodyProgressMsg struct {
	Seq         int
	Done, Total int // bytes of the body
}

// profilesLoadedMsg carries the config after a load or an edit.
type profilesLoadedMsg struct {
	Config   *profiles.Config
	Profiles []profiles.Profile
	Select   string // profile to select, if any
	Err      error
}
