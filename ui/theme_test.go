package ui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// darkFgRGB is the dark theme's text colour (#e6edf3) as it appears in an
// SGR sequence: near-white, invisible on a light terminal.
const darkFgRGB = "230;237;243"

// themeInput opens one text input of the running UI; view draws the
// component that holds it.
type themeInput struct {
	name string
	open func(t *testing.T, m *Model)
	view func(m *Model) string
}

func themeInputs() []themeInput {
	request := func(m *Model) string { return m.request.View() }
	viewer := func(m *Model) string { return m.viewer.View() }
	withBody := func(t *testing.T, m *Model) {
		x := bodyExchange(t, "application/json", []byte(`{"a":1}`), nil)
		x.Seq = m.seq
		m.route(exchangeMsg{Exchange: x})
		m.setFocus(focusViewer)
	}
	return []themeInput{
		{"path", func(t *testing.T, m *Model) {}, request},
		{"query or header row", func(t *testing.T, m *Model) { press(m, "ctrl+o", "a") }, request},
		{"history filter", func(t *testing.T, m *Model) { press(m, "ctrl+r") }, request},
		{"picker filter", func(t *testing.T, m *Model) { m.setFocus(focusPicker); press(m, "/") }, func(m *Model) string { return m.picker.View() }},
		{"profile form", func(t *testing.T, m *Model) { m.route(openProfileFormMsg{}) }, func(m *Model) string { return m.dialog.View() }},
		{"body search", func(t *testing.T, m *Model) { withBody(t, m); press(m, "/") }, viewer},
		{"save as", func(t *testing.T, m *Model) { withBody(t, m); press(m, "s", "ctrl+u") }, viewer},
		{"support bundle", func(t *testing.T, m *Model) { withBody(t, m); press(m, "B", "ctrl+u") }, viewer},
	}
}

// On a light terminal every text input draws typed text in the light
// theme's text colour, whether the terminal's background was known before
// the input opened or arrived while it was open.
func TestEveryInputIsReadableOnALightTerminal(t *testing.T) {
	light := NewStyles(false)
	lightOn, _ := styleCodes(light.Value)
	if !strings.Contains(lightOn, "31;35;40") { // #1f2328
		t.Fatalf("the light theme's text colour changed: %q", lightOn)
	}
	white := tea.BackgroundColorMsg{Color: color.White}
	for _, in := range themeInputs() {
		for _, themeFirst := range []bool{true, false} {
			name := in.name + "/theme while open"
			if themeFirst {
				name = in.name + "/theme first"
			}
			t.Run(name, func(t *testing.T) {
				m := newRootForTest(t, 120, 40)
				if themeFirst {
					m.Update(white)
				}
				in.open(t, m)
				for _, r := range "typed" {
					m.Update(keyPress(string(r)))
				}
				if !themeFirst {
					m.Update(white)
				}
				out := in.view(m)
				if !strings.Contains(out, lightOn+"typed") && !strings.Contains(out, lightOn+"/typed") {
					t.Errorf("typed text is not in the light text colour %q:\n%.400q", lightOn, out)
				}
				if strings.Contains(out, darkFgRGB) {
					t.Errorf("the dark theme's near-white text is drawn on a light terminal:\n%.400q", out)
				}
			})
		}
	}
}
