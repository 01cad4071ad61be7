package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles is every style the UI uses, built once for a light or a dark
// terminal background.
type Styles struct {
	Dark bool

	Fg, Muted, Subtle, Accent, Border  color.Color
	OK, Redirect, ClientErr, ServerErr color.Color
	Warning                            color.Color

	Pane        lipgloss.Style // unfocused pane border
	PaneFocused lipgloss.Style // focused pane border
	Title       lipgloss.Style // pane titles
	TitleActive lipgloss.Style
	Selected    lipgloss.Style // selected list row
	Dim         lipgloss.Style
	Key         lipgloss.Style // key names in help and hints
	Badge       lipgloss.Style
	BadgeOK     lipgloss.Style
	BadgeWarn   lipgloss.Style
	BadgeErr    lipgloss.Style
	Tab         lipgloss.Style
	TabActive   lipgloss.Style
	StatusBar   lipgloss.Style
	Error       lipgloss.Style
	ErrorTitle  lipgloss.Style
	Label       lipgloss.Style
	Value       lipgloss.Style
	LineNumber  lipgloss.Style
	Match       lipgloss.Style // search match highlight
	Dialog      lipgloss.Style

	Help help.Styles
	// ChromaStyle names the chroma style for response bodies.
	ChromaStyle string
}

// NewStyles picks colours readable on the terminal's background.
func NewStyles(dark bool) *Styles {
	ld := lipgloss.LightDark(dark)
	s := &Styles{
		Dark:      dark,
		Fg:        ld(lipgloss.Color("#1f2328"), lipgloss.Color("#e6edf3")),
		Muted:     ld(lipgloss.Color("#57606a"), lipgloss.Color("#8b949e")),
		Subtle:    ld(lipgloss.Color("#d0d7de"), lipgloss.Color("#30363d")),
		Accent:    ld(lipgloss.Color("#6639ba"), lipgloss.Color("#b392f0")),
		Border:    ld(lipgloss.Color("#afb8c1"), lipgloss.Color("#484f58")),
		OK:        ld(lipgloss.Color("#1a7f37"), lipgloss.Color("#3fb950")),
		Redirect:  ld(lipgloss.Color("#0969da"), lipgloss.Color("#58a6ff")),
		ClientErr: ld(lipgloss.Color("#9a6700"), lipgloss.Color("#d29922")),
		ServerErr: ld(lipgloss.Color("#cf222e"), lipgloss.Color("#f85149")),
		Warning:   ld(lipgloss.Color("#9a6700"), lipgloss.Color("#d29922")),
	}
	s.Pane = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(s.Border)
	s.PaneFocused = s.Pane.BorderForeground(s.Accent)
	s.Title = lipgloss.NewStyle().Foreground(s.Muted).Bold(true)
	s.TitleActive = lipgloss.NewStyle().Foreground(s.Accent).Bold(true)
	s.Selected = lipgloss.NewStyle().Foreground(s.Fg).Background(s.Subtle).Bold(true)
	s.Dim = lipgloss.NewStyle().Foreground(s.Muted)
	s.Key = lipgloss.NewStyle().Foreground(s.Accent).Bold(true)
	s.Badge = lipgloss.NewStyle().Foreground(s.Muted)
	s.BadgeOK = lipgloss.NewStyle().Foreground(s.OK)
	s.BadgeWarn = lipgloss.NewStyle().Foreground(s.Warning)
	s.BadgeErr = lipgloss.NewStyle().Foreground(s.ServerErr)
	s.Tab = lipgloss.NewStyle().Foreground(s.Muted).Padding(0, 1)
	s.TabActive = lipgloss.NewStyle().Foreground(s.Fg).Background(s.Subtle).Bold(true).Padding(0, 1)
	s.StatusBar = lipgloss.NewStyle().Foreground(s.Muted)
	s.Error = lipgloss.NewStyle().Foreground(s.ServerErr)
	s.ErrorTitle = lipgloss.NewStyle().Foreground(s.ServerErr).Bold(true)
	s.Label = lipgloss.NewStyle().Foreground(s.Muted)
	s.Value = lipgloss.NewStyle().Foreground(s.Fg)
	s.LineNumber = lipgloss.NewStyle().Foreground(s.Muted)
	s.Match = lipgloss.NewStyle().Reverse(true)
	s.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(s.Accent).Padding(0, 1)
	s.Help = help.DefaultStyles(dark)
	if dark {
		s.ChromaStyle = "monokai"
	} else {
		s.ChromaStyle = "github"
	}
	return s
}

// StatusColor colours an HTTP status by class.
func (s *Styles) StatusColor(code int) color.Color {
	switch {
	case code >= 500:
		return s.ServerErr
	case code >= 400:
		return s.ClientErr
	case code >= 300:
		return s.Redirect
	case code >= 200:
		return s.OK
	}
	return s.Muted
}
