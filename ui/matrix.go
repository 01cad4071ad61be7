package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// MatrixKeyMap is the matrix dialog's keys.
type MatrixKeyMap struct {
	Up, Down, Close key.Binding
}

// DefaultMatrixKeyMap is the matrix dialog's default bindings.
func DefaultMatrixKeyMap() MatrixKeyMap {
	return MatrixKeyMap{
		Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Close: key.NewBinding(key.WithKeys("esc", "enter", "q"), key.WithHelp("esc", "close")),
	}
}

// Matrix shows one request's outcome under every profile: who may call
// it, who may not, and what each one lacks.
type Matrix struct {
	c    *Common
	keys MatrixKeyMap
	w, h int
	res  matrixResultMsg
	top  int
}

// NewMatrix builds the dialog for a finished matrix run.
func NewMatrix(c *Common, res matrixResultMsg) *Matrix {
	return &Matrix{c: c, keys: DefaultMatrixKeyMap(), res: res}
}

func (m *Matrix) SetSize(w, h int) { m.w, m.h = max(w, 0), max(h, 0) }
func (m *Matrix) Restyle(*Styles)  {} // View reads the styles as it draws

// Size is the usual dialog box.
func (m *Matrix) Size(screenW, screenH int) (w, h int, fullScreen bool) {
	return dialogSize(screenW, screenH)
}
func (m *Matrix) Focus() tea.Cmd  { return nil }
func (m *Matrix) Blur()           {}
func (m *Matrix) Capturing() bool { return true }
func (m *Matrix) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Close}
}
func (m *Matrix) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

func (m *Matrix) Update(msg tea.Msg) (tea.Cmd, []Intent) { return onKey(msg, m.key) }

func (m *Matrix) key(k tea.KeyPressMsg) []Intent {
	switch {
	case key.Matches(k, m.keys.Close):
		return []Intent{closeDialogMsg{}}
	case key.Matches(k, m.keys.Up):
		m.top = max(m.top-1, 0)
	case key.Matches(k, m.keys.Down):
		m.top = min(m.top+1, max(len(m.res.Rows)-1, 0))
	}
	return nil
}

// View renders the grid: profile, status, error code, roles, and the
// doctor's verdict (the missing permission when it knows it).
func (m *Matrix) View() string {
	st := m.c.Styles
	lines := []string{st.TitleActive.Render(m.c.Mask("GET " + m.res.Path + " under every profile")), ""}
	nameW := len("PROFILE")
	for _, r := range m.res.Rows {
		nameW = max(nameW, len(r.Profile))
	}
	nameW = min(nameW, 24)
	head := fmt.Sprintf("%-*s  %-6s %-28s %-5s %s", nameW, "PROFILE", "STATUS", "CODE", "ROLES", "VERDICT")
	lines = append(lines, st.Label.Render(head))
	rows := m.res.Rows[min(m.top, len(m.res.Rows)):]
	for _, r := range rows {
		status, color := "—", st.Muted
		if r.Status != 0 {
			status, color = strconv.Itoa(r.Status), st.StatusColor(r.Status)
		} else if r.Error != "" {
			color = st.ServerErr
		}
		roles := "—"
		if r.Roles != nil {
			roles = strconv.Itoa(*r.Roles)
		}
		verdict := "ok"
		switch {
		case len(r.Missing) > 0:
			verdict = "needs " + strings.Join(r.Missing, " or ")
		case r.Kind != "":
			verdict = r.Kind
		case r.Status == 0 || r.Status >= 400:
			verdict = "failed"
		}
		name := m.c.Mask(r.Profile)
		if len(name) > nameW {
			name = name[:nameW-1] + "…"
		}
		line := fmt.Sprintf("%-*s  ", nameW, name) +
			lipgloss.NewStyle().Foreground(color).Render(fmt.Sprintf("%-6s", status)) +
			fmt.Sprintf(" %-28s %-5s %s", truncateText(r.Error, 28), roles, verdict)
		lines = append(lines, line)
	}
	lines = append(lines, "", st.Dim.Render("esc closes · ↑/↓ scroll"))
	out := make([]string, 0, m.h)
	for i := 0; i < m.h; i++ {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		out = append(out, fit(l, m.w))
	}
	return strings.Join(out, "\n")
}

func truncateText(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
