package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
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
	for _, l := range wrapLines(d.c.Mask(d.question), w, max(h-2, 1)) {
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

// Size is a narrow band: the question and the answers.
func (d *Confirm) Size(screenW, _ int) (w, h int, fullScreen bool) {
	return clamp(screenW-8, 30, 64), 3, false
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
