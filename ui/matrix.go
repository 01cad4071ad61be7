package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/termsafe"
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
	top  int // first line of the grid's body on screen
}

// NewMatrix builds the dialog for a finished matrix run.
func NewMatrix(c *Common, res matrixResultMsg) *Matrix {
	return &Matrix{c: c, keys: DefaultMatrixKeyMap(), res: res}
}

func (m *Matrix) SetSize(w, h int) { m.w, m.h = max(w, 0), max(h, 0) }
func (m *Matrix) Restyle(*Styles)  {} // View reads the styles as it draws

// Size is as wide as the grid wants, up to the screen: cells wrap rather
// than cut, so a missing permission is always read whole.
func (m *Matrix) Size(screenW, screenH int) (w, h int, fullScreen bool) {
	st := m.c.Styles.Dialog
	fw, fh := st.GetHorizontalFrameSize(), st.GetVerticalFrameSize()+2 // + status bar and footer
	w = clamp(m.naturalWidth(), 30, max(screenW-fw, 30))
	head, body := m.content(w)
	h = clamp(len(head)+len(body)+2, 6, max(screenH-fh, 6))
	return w, h, false
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
		head, body := m.content(m.w)
		m.top = min(m.top+1, max(len(body)-pageRoom(m.h, len(head)), 0))
	}
	return nil
}

// The grid's columns, with the CLI matrix's headers.
const (
	colProfile = iota
	colStatus
	colError
	colRoles
	colKind
	colMissing
	colCount
)

var matrixHeads = [colCount]string{"PROFILE", "STATUS", "ERROR", "ROLES", "DIAGNOSIS", "MISSING"}

// matrixMinWidths are the narrowest a column gets before its cells wrap
// mid-word: the usual error code, permission and kind still fit on a line.
var matrixMinWidths = [colCount]int{12, 6, 14, 5, 11, 18}

// matrixShrinkOrder is which columns give way first when the screen is
// narrow; -1 stands for the gap between columns (two spaces, then one).
var matrixShrinkOrder = []int{colError, colMissing, -1, colKind, colProfile}

type matrixCells [colCount]string

// cells is one row in plain text: masked, and server text made safe.
func (m *Matrix) cells(r MatrixRow) matrixCells {
	status, roles := "—", "—"
	if r.Status != 0 {
		status = strconv.Itoa(r.Status)
	}
	if r.Roles != nil {
		roles = strconv.Itoa(*r.Roles)
	}
	kind := r.Kind
	switch {
	case kind != "":
	case r.Status >= 200 && r.Status < 400:
		kind = "ok"
	default:
		kind = "failed"
	}
	return matrixCells{
		m.c.Mask(termsafe.Line(r.Profile)), status, m.c.Mask(termsafe.Line(r.Error)),
		roles, kind, m.c.Mask(termsafe.Line(strings.Join(r.Missing, " or "))),
	}
}

func (m *Matrix) title() string {
	return m.c.Mask(termsafe.Line(methodOf(graph.Request{Method: m.res.Method}) + " " + m.res.Path + " under every profile"))
}

// naturalWidths is each column's width with nothing wrapped.
func (m *Matrix) naturalWidths() [colCount]int {
	var w [colCount]int
	for i, h := range matrixHeads {
		w[i] = len(h)
	}
	for _, r := range m.res.Rows {
		for i, c := range m.cells(r) {
			w[i] = max(w[i], ansi.StringWidth(c))
		}
	}
	return w
}

func (m *Matrix) naturalWidth() int {
	sum := 2 * (colCount - 1)
	for _, n := range m.naturalWidths() {
		sum += n
	}
	return max(sum, ansi.StringWidth(m.title())) // the diagnoses below wrap to it
}

// widths fits the columns into w cells: the columns in
// matrixShrinkOrder give way, each down to its minimum, and the cells
// that no longer fit wrap onto more lines. When even that is too wide,
// the missing permissions leave the grid for a line under their row
// (stacked).
func (m *Matrix) widths(w int) (cols [colCount]int, gap int, stacked bool) {
	for _, stacked = range []bool{false, true} {
		cols, gap = m.naturalWidths(), 2
		if stacked {
			cols[colMissing] = 0
		}
		total := func() int {
			n := gap * (colCount - 1)
			if stacked {
				n -= gap
			}
			for _, c := range cols {
				n += c
			}
			return n
		}
		for _, c := range matrixShrinkOrder {
			over := total() - w
			if over <= 0 {
				break
			}
			if c < 0 {
				gap = 1
				continue
			}
			cols[c] -= min(over, max(cols[c]-matrixMinWidths[c], 0))
		}
		if total() <= w {
			// A narrower gap may have freed more than was needed.
			cols[colError] += min(w-total(), m.naturalWidths()[colError]-cols[colError])
			break
		}
	}
	return cols, gap, stacked
}

// content is the dialog's lines for width w: head stays on screen, body
// scrolls (the grid's rows, then each diagnosis in one line, as the CLI
// prints them).
func (m *Matrix) content(w int) (head, body []string) {
	st := m.c.Styles
	cols, gap, stacked := m.widths(w)
	ncols := colCount
	if stacked {
		ncols = colMissing
	}
	sep := strings.Repeat(" ", gap)
	cellLines := func(s string, i int) []string {
		return strings.Split(ansi.Wrap(s, cols[i], "_/"), "\n")
	}
	var hs []string
	for i, h := range matrixHeads[:ncols] {
		hs = append(hs, fit(h, cols[i]))
	}
	head = []string{st.TitleActive.Render(m.title()), "", st.Label.Render(strings.Join(hs, sep))}

	for _, r := range m.res.Rows {
		cells := m.cells(r)
		var wrapped [colCount][]string
		n := 1
		for i, c := range cells[:ncols] {
			wrapped[i] = cellLines(c, i)
			n = max(n, len(wrapped[i]))
		}
		color := st.Muted
		switch {
		case r.Status != 0:
			color = st.StatusColor(r.Status)
		case r.Error != "":
			color = st.ServerErr
		}
		for l := range n {
			parts := make([]string, ncols)
			for i := range parts {
				var s string
				if l < len(wrapped[i]) {
					s = wrapped[i][l]
				}
				parts[i] = fit(s, cols[i])
			}
			parts[colStatus] = lipgloss.NewStyle().Foreground(color).Render(parts[colStatus])
			body = append(body, strings.TrimRight(strings.Join(parts, sep), " "))
		}
		if stacked && cells[colMissing] != "" {
			for _, l := range strings.Split(ansi.Wrap("needs "+cells[colMissing], max(w-2, 1), "_/"), "\n") {
				body = append(body, "  "+l)
			}
		}
	}

	// The diagnosis titles: a kind alone means little to someone new.
	nameW := cols[colProfile]
	var titles []string
	for _, r := range m.res.Rows {
		if r.Title == "" {
			continue
		}
		text := m.c.Mask(termsafe.Line(r.Title))
		name := m.cells(r)[colProfile]
		if tw := w - nameW - gap; tw >= 20 {
			for i, l := range strings.Split(ansi.Wrap(text, tw, "_/"), "\n") {
				lead := strings.Repeat(" ", nameW)
				if i == 0 {
					lead = fit(ansi.Truncate(name, nameW, "…"), nameW)
				}
				titles = append(titles, lead+sep+st.Dim.Render(l))
			}
			continue
		}
		titles = append(titles, name)
		for _, l := range strings.Split(ansi.Wrap(text, max(w-2, 1), "_/"), "\n") {
			titles = append(titles, "  "+st.Dim.Render(l))
		}
	}
	if len(titles) > 0 {
		body = append(body, "")
		body = append(body, titles...)
	}
	return head, body
}

// View is the head, as much of the body as fits from the scroll position,
// and the keys (with how much is hidden, when something is).
func (m *Matrix) View() string {
	if m.w <= 0 || m.h <= 0 {
		return sizedBlock(nil, m.w, m.h)
	}
	head, body := m.content(m.w)
	return sizedBlock(scrolledPage(m.c.Styles, head, body, m.top, m.h, "esc closes", "↑/↓ scroll"), m.w, m.h)
}

// matrixTokens hands each profile's token, or why it has none, to the
// picker, as a single request's exchange does: the matrix asked for them.
func (m *Model) matrixTokens(res matrixResultMsg) {
	for _, r := range res.Rows {
		if r.Token == nil && r.TokenErr == nil {
			continue // the request was never built: nothing learnt
		}
		if r.Token != nil {
			m.common.Presenter.AddTenants(r.Token.Claims.TenantID)
		}
		m.picker.Update(tokenMsg{Profile: r.Profile, Token: r.Token, Err: r.TokenErr})
	}
}
