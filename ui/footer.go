package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// The footer: whether keys go to a text input, the focused pane's keys by
// priority, and the help key, which is never cut.

// footerF1 is HelpAnywhere as the footer words it.
var footerF1 = key.NewBinding(key.WithKeys("f1"), key.WithHelp("F1", "help"))

// footerExplain is the root's Explain as the footer words it: short.
var footerExplain = key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "explain an error"))

// typingLabel names the text input that has the keyboard.
func (m *Model) typingLabel() string {
	switch {
	case m.focus == focusRequest:
		return m.request.TypingLabel()
	case m.focus == focusViewer && m.viewer.searching:
		return "typing the search"
	case m.focus == focusViewer && m.viewer.saving:
		return "typing a file name"
	case m.focus == focusPicker && m.picker.filtering:
		return "typing the filter"
	}
	return "typing"
}

// footer is the last line of the screen.
func (m *Model) footer() string {
	st := m.common.Styles
	var hints []key.Binding
	var right []key.Binding
	label := ""
	switch {
	case m.helpScr != nil:
		k := m.helpScr.keys
		hints = []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom}
		right = []key.Binding{k.Close}
	case m.dialog != nil:
		hints = m.dialog.ShortHelp()
		right = []key.Binding{footerF1}
	default:
		if m.capturing() {
			label = m.typingLabel()
			right = []key.Binding{footerF1}
			if m.width >= 100 {
				right = append(right, m.keys.ForceQuit)
			}
		} else {
			right = []key.Binding{m.keys.Help, m.keys.Quit}
		}
		if m.width >= 120 && !m.capturing() { // where it does not cut the pane's own keys
			right = append([]key.Binding{footerExplain}, right...)
		}
		hints = m.focused().ShortHelp()
		if m.inflight != "" {
			hints = append([]key.Binding{m.keys.Cancel}, hints...)
		}
	}
	rightView := m.shortHelp(right, 0)
	left := " "
	if label != "" {
		left += st.BadgeWarn.Bold(true).Render("✎ "+label) + " "
	}
	room := m.width - ansi.StringWidth(left) - ansi.StringWidth(rightView) - 2
	left += m.shortHelp(hints, max(room, 1))
	gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(rightView) - 1
	if gap < 1 {
		return fit(left, m.width-ansi.StringWidth(rightView)-1) + " " + rightView
	}
	return left + strings.Repeat(" ", gap) + rightView + " "
}

// shortHelp is bindings as the footer shows them, in order, as many as fit
// in width cells with "…" when some do not (0: no limit). The help
// bubble's own cut may overrun the width when the "…" does not fit.
func (m *Model) shortHelp(bindings []key.Binding, width int) string {
	h := m.help
	h.SetWidth(0)
	var kept []key.Binding
	for i, b := range bindings {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		next := append(kept, b)
		w := ansi.StringWidth(h.ShortHelpView(next))
		if width > 0 && w > width {
			break
		}
		if width > 0 && i < len(bindings)-1 && w+2 > width {
			break // no room left for the "…" that says more are hidden
		}
		kept = next
	}
	out := h.ShortHelpView(kept)
	if len(kept) < len(bindings) && width > 0 {
		out += " " + h.Styles.Ellipsis.Render(h.Ellipsis)
	}
	return out
}
