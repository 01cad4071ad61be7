package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Pane titles, in focus order.
var paneTitles = [paneCount]string{"Profiles", "Request", "Response"}

// geometry is where each pane sits, outer sizes including borders.
type geometry struct {
	leftW, rightW     int
	bodyH             int
	requestH, viewerH int
	helpH             int
	tooSmall          bool
}

func (m *Model) geometry() geometry {
	var g geometry
	if m.width < minWidth || m.height < minHeight {
		g.tooSmall = true
		return g
	}
	g.helpH = 1
	g.bodyH = m.height - 1 - g.helpH // status bar + footer
	if g.bodyH < 10 {
		g.bodyH = 10
	}
	g.leftW = clamp(m.width*28/100, 24, 40)
	g.rightW = m.width - g.leftW
	g.requestH = m.requestHeight(g.bodyH)
	g.viewerH = g.bodyH - g.requestH
	return g
}

// requestHeight fits the request pane to its content (plus its border),
// within a third of the body (half for the history list or a body): the response
// gets the rest.
func (m *Model) requestHeight(bodyH int) int {
	limit := max(bodyH/3, 6)
	if m.request.mode == modeHistory || m.request.bodyLines() > 1 {
		limit = max(bodyH/2, 6) // a list or a body wants lines; the response still gets half
	}
	return clamp(m.request.ContentHeight()+2, 4, limit)
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// layout gives every pane its inner size.
func (m *Model) layout() {
	m.help.SetWidth(max(m.width-1, 0)) // the footer starts with a space
	g := m.geometry()
	m.laid = g
	if g.tooSmall {
		return
	}
	if m.helpScr != nil {
		m.helpScr.SetSize(m.width-2, g.bodyH-2)
	}
	m.picker.SetSize(g.leftW-2, g.bodyH-2)
	m.request.SetSize(g.rightW-2, g.requestH-2)
	m.viewer.SetSize(g.rightW-2, g.viewerH-2)
	m.sizeDialog()
}

// sizeDialog asks the dialog how much of the screen it wants.
func (m *Model) sizeDialog() {
	if m.dialog == nil {
		return
	}
	w, h, full := m.dialog.Size(m.width, m.height)
	m.dialogFull = full
	m.dialog.SetSize(w, h)
}

// dialogSize is the box most dialogs take: most of the screen, within
// bounds that keep lines readable.
func dialogSize(screenW, screenH int) (w, h int, fullScreen bool) {
	return clamp(screenW-8, 30, 80), clamp(screenH-6, 6, 22), false
}

// View renders the whole screen. Only the root returns a tea.View.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion // clicks and the wheel; shift+drag still selects text
	v.WindowTitle = "graphtui"
	return v
}

func (m *Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	g := m.geometry()
	if g.tooSmall {
		msg := fmt.Sprintf("Terminal too small (%dx%d).\nNeed at least %dx%d.\nctrl+c quits.", m.width, m.height, minWidth, minHeight)
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg)
	}
	if m.dialog != nil && m.dialogFull {
		return m.dialog.View() // e.g. a QR code and its caption need every row
	}
	left := m.frame(m.picker.View(), g.leftW, g.bodyH, focusPicker)
	right := lipgloss.JoinVertical(lipgloss.Left,
		m.frame(m.request.View(), g.rightW, g.requestH, focusRequest),
		m.frame(m.viewer.View(), g.rightW, g.viewerH, focusViewer),
	)
	body := lipgloss.JoinHorizontal(lipgloss.Top, left, right)
	if m.dialog != nil {
		body = m.overlay(body, g)
	}
	if m.helpScr != nil {
		body = m.box(m.helpScr.View(), " Help ", m.width, g.bodyH, true)
	}
	return strings.Join([]string{body, m.statusBar(), m.footer()}, "\n")
}

// frame draws a pane's border with its title in the top edge.
func (m *Model) frame(content string, w, h int, f focus) string {
	return m.box(content, " "+paneTitles[f]+" ", w, h, f == m.focus && m.dialog == nil && m.helpScr == nil)
}

// box draws a border around content with title in the top edge. The
// focused pane's is thick, in the accent colour, with its title reversed:
// focus shows without colour too.
func (m *Model) box(content, titleText string, w, h int, focused bool) string {
	st := m.common.Styles
	border, title := st.Pane, st.Title
	b := lipgloss.RoundedBorder()
	if focused {
		border, title = st.PaneFocused, st.TitleActive.Reverse(true)
		b = lipgloss.ThickBorder()
	}
	bs := lipgloss.NewStyle().Foreground(border.GetBorderTopForeground())
	inner := w - 2
	name := title.Render(titleText)
	fill := max(0, inner-1-lipgloss.Width(name))
	top := bs.Render(b.TopLeft+b.Top) + name + bs.Render(strings.Repeat(b.Top, fill)+b.TopRight)
	if lipgloss.Width(top) > w {
		top = bs.Render(b.TopLeft + strings.Repeat(b.Top, inner) + b.TopRight)
	}
	lines := strings.Split(content, "\n")
	out := make([]string, 0, h)
	out = append(out, top)
	side := bs.Render(b.Left)
	for i := 0; i < h-2; i++ {
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		out = append(out, side+fit(line, inner)+bs.Render(b.Right))
	}
	out = append(out, bs.Render(b.BottomLeft+strings.Repeat(b.Bottom, inner)+b.BottomRight))
	return strings.Join(out, "\n")
}

// fit cuts or pads a styled line to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if sw := ansi.StringWidth(s); sw > w {
		return ansi.Truncate(s, w, "")
	} else if sw < w {
		return s + strings.Repeat(" ", w-sw)
	}
	return s
}

// overlay centres the dialog over the panes.
func (m *Model) overlay(body string, g geometry) string {
	d := m.common.Styles.Dialog.Render(m.dialog.View())
	dw, dh := lipgloss.Width(d), lipgloss.Height(d)
	x, y := max(0, (m.width-dw)/2), max(0, (g.bodyH-dh)/2)
	return lipgloss.NewCompositor(
		lipgloss.NewLayer(body),
		lipgloss.NewLayer(d).X(x).Y(y).Z(1),
	).Render()
}

func (m *Model) statusBar() string {
	st := m.common.Styles
	right := "graphtui"
	if m.title != "" {
		right += " · " + m.title
	}
	if m.current.Name != "" {
		right += " · " + m.current.Name
	}
	// Masked whole, before anything is cut to the width.
	right = m.common.Mask(right)
	var left string
	switch {
	case m.inflight != "":
		elapsed := m.now.Sub(m.started).Truncate(100 * time.Millisecond)
		left = m.spinner.View() + " " + m.common.Mask(m.inflight) + " " + st.Dim.Render(elapsed.String()+" · esc cancels")
	case m.status != "" && m.statusErr:
		left = st.Error.Render(m.common.Mask(m.status))
	default:
		left = st.StatusBar.Render(m.common.Mask(m.status))
	}
	right = st.Dim.Render(right)
	if m.common.Presenter.On() {
		// First on the line, so no status message can push it off.
		left = st.BadgeWarn.Render("presenter") + " " + left
	}
	gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(right) - 1
	if gap < 1 && ansi.StringWidth(left) < m.width-1 {
		return fit(" "+left, m.width) // the message before the title
	}
	if gap < 1 && m.inflight == "" && m.status != "" {
		// A cut message says where the rest is.
		more := st.Key.Render("!") + st.Dim.Render(" shows all")
		return fit(" "+left, m.width-ansi.StringWidth(more)-3) + "… " + more + " "
	}
	if gap < 1 {
		return fit(" "+left, m.width)
	}
	return " " + left + strings.Repeat(" ", gap) + right
}
