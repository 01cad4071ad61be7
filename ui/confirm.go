package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Confirm is a yes/no dialog. Yes emits the message the root gave it, so
// the dialog needs to know nothing about what it confirms.
type Confirm struct {
	c        *Common
	Keys     ConfirmKeyMap
	question string
	yes      Intent

	width, height int
}

// NewConfirm asks question; y or enter emits yes, n or esc closes.
func NewConfirm(c *Common, question string, yes Intent) *Confirm {
	return &Confirm{c: c, Keys: DefaultConfirmKeyMap(), question: question, yes: yes}
}

func (d *Confirm) Update(msg tea.Msg) (tea.Cmd, []Intent) { return onKey(msg, d.answer) }

func (d *Confirm) answer(k tea.KeyPressMsg) []Intent {
	switch {
	case key.Matches(k, d.Keys.Yes):
		return []Intent{d.yes}
	case key.Matches(k, d.Keys.No):
		return []Intent{closeDialogMsg{}}
	}
	return nil
}

// View is the question, then the answers; content only, the root frames it.
func (d *Confirm) View() string {
	w, h := d.width, d.height
	if w <= 0 || h <= 0 {
		return sizedBlock(nil, w, h)
	}
	s := d.c.Styles
	var lines []string
	for _, l := range d.lines(w, max(h-2, 1)) {
		lines = append(lines, s.Value.Render(l))
	}
	answers := s.Key.Render("y") + s.Dim.Render(" yes · ") + s.Key.Render("n") + s.Dim.Render(" no")
	if h > len(lines)+1 {
		lines = append(lines, "")
	}
	if h > len(lines) {
		lines = append(lines, answers)
	}
	return sizedBlock(lines, w, h)
}

func (d *Confirm) SetSize(width, height int) { d.width, d.height = max(width, 0), max(height, 0) }
func (d *Confirm) Restyle(*Styles)           {} // View reads the styles as it draws
func (d *Confirm) Focus() tea.Cmd            { return nil }
func (d *Confirm) Blur()                     {}

// Size is a band as wide as the question, up to the screen, and as tall
// as the question takes wrapped, so the config path is read whole.
func (d *Confirm) Size(screenW, screenH int) (w, h int, fullScreen bool) {
	fw, fh := d.c.Styles.Dialog.GetHorizontalFrameSize(), d.c.Styles.Dialog.GetVerticalFrameSize()+2 // + status bar and footer
	w = clamp(ansi.StringWidth(d.c.Mask(d.question)), 30, max(screenW-fw-4, 30))
	h = clamp(len(d.lines(w, screenH))+2, 3, max(screenH-fh, 3))
	return w, h, false
}

// lines is the question wrapped to w cells, at most n lines; a path
// longer than a line breaks where it must.
func (d *Confirm) lines(w, n int) []string {
	if w <= 0 || n <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Wrap(d.c.Mask(d.question), w, ""), "\n")
	if len(lines) > n { // a tiny screen: cut, and say so
		lines = lines[:n]
		lines[n-1] = ansi.Truncate(lines[n-1], w-1, "") + "…"
	}
	return lines
}

// Capturing is true: y and n must not reach anything else.
func (d *Confirm) Capturing() bool { return true }

// ConfirmKeyMap is the confirm dialog's keys.
type ConfirmKeyMap struct {
	Yes, No key.Binding
}

// DefaultConfirmKeyMap is the confirm dialog's default bindings.
func DefaultConfirmKeyMap() ConfirmKeyMap {
	return ConfirmKeyMap{
		Yes: key.NewBinding(key.WithKeys("y", "Y", "enter"), key.WithHelp("y/enter", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
	}
}

func (d *Confirm) ShortHelp() []key.Binding  { return []key.Binding{d.Keys.Yes, d.Keys.No} }
func (d *Confirm) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }
