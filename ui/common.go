// Package ui is graphtui's terminal UI: one root model owns layout and
// focus; the profile picker, request builder and response viewer are
// components that render into the space the root gives them.
package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Common is what every component shares: the styles, presenter mode and
// its own size. It is passed in, never global, so tests can render any
// pane alone.
type Common struct {
	Styles *Styles
	// Presenter masks tenant ids and addresses on screen while it is on;
	// nil in tests that do not need it (nothing is masked).
	Presenter *Presenter
	Width     int
	Height    int
}

// Mask is s as presenter mode shows it.
func (c *Common) Mask(s string) string { return c.Presenter.Mask(s) }

// Intent is what a component asks of the root: send this request, select
// that profile, close the dialog. Only the message types in messages.go
// that are marked as intents satisfy it.
type Intent interface{ intent() }

// Component is one pane or dialog. Update and View never do IO: anything
// slow comes back as a tea.Cmd whose message the root routes to the
// component.
type Component interface {
	help.KeyMap
	// Update returns work to run later (IO, timers) as a command, and
	// what it asks of the root as intents, which the root handles before
	// its own Update returns, in order.
	Update(msg tea.Msg) (tea.Cmd, []Intent)
	View() string
	SetSize(width, height int)
	// Restyle follows a theme change. st is the styles every component
	// reads through Common; Restyle rebuilds what was derived from them
	// (text inputs keep a copy of their colours).
	Restyle(st *Styles)
	// Focus and Blur tell the component whether keys are meant for it.
	Focus() tea.Cmd
	Blur()
	// Capturing reports whether a text input has the keyboard, so global
	// single-letter keys such as q must not act.
	Capturing() bool
}

// Dialog is a component drawn over the panes.
type Dialog interface {
	Component
	// Size is the content size the dialog wants on a screen of screenW x
	// screenH cells; fullScreen asks to be drawn alone, without the panes,
	// its frame, the status bar and the footer.
	Size(screenW, screenH int) (w, h int, fullScreen bool)
}

var (
	_ Component = (*Picker)(nil)
	_ Component = (*RequestBuilder)(nil)
	_ Component = (*Viewer)(nil)
	_ Dialog    = (*ProfileForm)(nil)
	_ Dialog    = (*Confirm)(nil)
	_ Dialog    = (*Matrix)(nil)
	_ Dialog    = (*QRDialog)(nil)
)

// outbox holds the intents one Update emitted until Update returns them.
// A component's Update is `return x.out.done(x.update(msg))`: update does
// the work, and its key handlers queue intents with emit.
type outbox []Intent

// emit queues i for the root; it returns no command, so a key handler can
// end with `return x.emit(...)`.
func (o *outbox) emit(i Intent) tea.Cmd {
	*o = append(*o, i)
	return nil
}

// done returns cmd with the queued intents and empties the box.
func (o *outbox) done(cmd tea.Cmd) (tea.Cmd, []Intent) {
	out := *o
	*o = nil
	return cmd, out
}

// onKey is Update for the dialogs that react to keys alone and only with
// intents: handle gets each key press, every other message is ignored.
func onKey(msg tea.Msg, handle func(tea.KeyPressMsg) []Intent) (tea.Cmd, []Intent) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		return nil, handle(k)
	}
	return nil, nil
}
