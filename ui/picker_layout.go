package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	"github.com/charmbracelet/x/ansi"
)

// Layout helpers shared by the picker, the profile form and the confirm
// dialog: every View must fill exactly its width x height, whatever it holds.

// sizedLine cuts or pads s (which may hold ANSI styles) to exactly w cells.
func sizedLine(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "")
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// sizedBlock renders lines as a w x h block: extra lines are dropped,
// missing ones are blank.
func sizedBlock(lines []string, w, h int) string {
	if h <= 0 {
		return ""
	}
	out := make([]string, h)
	for i := range out {
		var l string
		if i < len(lines) {
			l = lines[i]
		}
		out[i] = sizedLine(l, w)
	}
	return strings.Join(out, "\n")
}

// wrapLines word-wraps plain text to w cells, at most max lines; a cut
// last line ends in "…" so the user knows there is more.
func wrapLines(text string, w, maxLines int) []string {
	if w <= 0 || maxLines <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Wrap(text, w, ""), "\n")
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		last := lines[maxLines-1]
		if ansi.StringWidth(last) >= w {
			last = ansi.Truncate(last, w-1, "")
		}
		lines[maxLines-1] = last + "…"
	}
	return lines
}

// themedTextInput is a text input coloured with our styles instead of the
// bubbles defaults, so it stays readable on light terminals.
func themedTextInput(s *Styles) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.SetStyles(inputStyles(s))
	return in
}

// inputStyles colours a text input's text, placeholder, prompt and cursor
// from s. An input keeps a copy, so a theme change must set them again.
func inputStyles(s *Styles) textinput.Styles {
	st := textinput.DefaultStyles(s.Dark)
	st.Focused.Text = s.Value
	st.Focused.Placeholder = s.Dim
	st.Focused.Prompt = s.Key
	st.Blurred.Text = s.Value
	st.Blurred.Placeholder = s.Dim
	st.Blurred.Prompt = s.Dim
	st.Cursor.Color = s.Accent
	return st
}
