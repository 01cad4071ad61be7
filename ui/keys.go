package ui

import "charm.land/bubbles/v2/key"

// KeyMap holds the keys the root handles whatever pane has focus.
type KeyMap struct {
	NextPane key.Binding
	PrevPane key.Binding
	Help     key.Binding
	// HelpAnywhere opens help while typing too: no key here can be typed.
	// ctrl+/ arrives as ctrl+_ from most terminals.
	HelpAnywhere key.Binding
	// EditPath jumps to the path input from any pane, like a browser's
	// ctrl+l to the address bar.
	EditPath key.Binding
	// LastMessage shows the last status message in full.
	LastMessage key.Binding
	Quit        key.Binding
	ForceQuit   key.Binding
	Cancel      key.Binding
	Presenter   key.Binding
	// Explain opens the explain dialog, also while typing: ctrl+x types
	// nothing.
	Explain key.Binding
}

// DefaultKeyMap is the root's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NextPane: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev pane")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		HelpAnywhere: key.NewBinding(key.WithKeys("f1", "ctrl+/", "ctrl+_"),
			key.WithHelp("F1/ctrl+/", "help, also while typing")),
		EditPath:    key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "edit the path")),
		LastMessage: key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "last message in full")),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel request")),
		// ctrl+g, not a letter: it must work while a text input has focus.
		Presenter: key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "presenter mode")),
		Explain:   key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "explain a pasted error")),
	}
}
