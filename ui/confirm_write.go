package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// WriteConfirm asks before a write leaves: it names the method, the URL,
// the profile and the tenant, as the CLI's question does. Like Confirm it
// knows nothing of what it confirms: yes emits the intent the root gave.
type WriteConfirm struct {
	c     *Common
	Keys  ConfirmKeyMap
	title string
	rows  [][2]string // label, value
	yes   Intent

	width, height int
}

// writeLabelW is the label column: "profile  ", "tenant   ".
const writeLabelW = 9

// NewWriteConfirm asks title, with rows under it; y or enter emits yes,
// n or esc closes.
func NewWriteConfirm(c *Common, title string, rows [][2]string, yes Intent) *WriteConfirm {
	keys := DefaultConfirmKeyMap()
	keys.Yes.SetHelp("y/enter", "send")
	keys.No.SetHelp("n/esc", "cancel")
	return &WriteConfirm{c: c, Keys: keys, title: title, rows: rows, yes: yes}
}

func (d *WriteConfirm) Update(msg tea.Msg) (tea.Cmd, []Intent) {
	return onKey(msg, func(k tea.KeyPressMsg) []Intent {
		switch {
		case key.Matches(k, d.Keys.Yes):
			return []Intent{d.yes}
		case key.Matches(k, d.Keys.No):
			return []Intent{closeDialogMsg{}, statusMsg{Text: "not sent"}}
		}
		return nil
	})
}

// lines is the dialog's text, plain, wrapped to w: the title, the rows
// with a hanging indent, and the answers.
func (d *WriteConfirm) lines(w int) []string {
	s := d.c.Styles
	out := []string{s.ErrorTitle.Render(ansi.Truncate(d.title, w, "…")), ""}
	for _, r := range d.rows {
		value := d.c.Mask(r[1])
		// A URL has no spaces: it breaks where it must.
		wrapped := strings.Split(ansi.Wrap(value, max(w-writeLabelW, 1), ""), "\n")
		for i, l := range wrapped {
			label := ""
			if i == 0 {
				label = r[0]
			}
			out = append(out, s.Label.Render(label+strings.Repeat(" ", max(writeLabelW-len(label), 1)))+s.Value.Render(l))
		}
	}
	answers := s.Key.Render("y") + s.Dim.Render("/enter send · ") + s.Key.Render("n") + s.Dim.Render("/esc cancel")
	return append(out, "", answers)
}

// View is the content; the root frames and places it.
func (d *WriteConfirm) View() string {
	if d.width <= 0 || d.height <= 0 {
		return sizedBlock(nil, d.width, d.height)
	}
	lines := d.lines(d.width)
	if len(lines) > d.height { // a tiny screen: the answers stay
		lines = append(lines[:d.height-1], lines[len(lines)-1])
	}
	return sizedBlock(lines, d.width, d.height)
}

func (d *WriteConfirm) SetSize(width, height int) {
	d.width, d.height = max(width, 0), max(height, 0)
}
func (d *WriteConfirm) Restyle(*Styles) {} // View reads the styles as it draws
func (d *WriteConfirm) Focus() tea.Cmd  { return nil }
func (d *WriteConfirm) Blur()           {}

// Capturing is true: y and n must not reach anything else.
func (d *WriteConfirm) Capturing() bool { return true }

// Size is as wide as the longest row, within the screen, and as tall as
// the rows wrapped.
func (d *WriteConfirm) Size(screenW, screenH int) (w, h int, fullScreen bool) {
	fw := d.c.Styles.Dialog.GetHorizontalFrameSize()
	fh := d.c.Styles.Dialog.GetVerticalFrameSize() + 2 // + status bar and footer
	want := ansi.StringWidth(d.title)
	for _, r := range d.rows {
		want = max(want, writeLabelW+ansi.StringWidth(d.c.Mask(r[1])))
	}
	w = clamp(want, 30, max(screenW-fw-4, 30))
	h = clamp(len(d.lines(w)), 3, max(screenH-fh, 3))
	return w, h, false
}

func (d *WriteConfirm) ShortHelp() []key.Binding  { return []key.Binding{d.Keys.Yes, d.Keys.No} }
func (d *WriteConfirm) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

var _ Dialog = (*WriteConfirm)(nil)
