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

// Component is one pane. Update and View never do IO: anything slow comes
// back as a tea.Cmd whose message the root routes to the pane.
type Component interface {
	help.KeyMap
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	// Focus and Blur tell the pane whether keys are meant for it.
	Focus() tea.Cmd
	Blur()
	// Capturing reports whether a text input has the keyboard, so global
	// single-letter keys such as q must not act.
	Capturing() bool
}
