package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/internal/qrtext"
)

// QRDialog shows the admin-consent URL as a QR code, so that an
// administrator can open it on a phone during a demo. The code is drawn
// once, when the dialog opens; View only places it.
type QRDialog struct {
	c    *Common
	Keys QRKeyMap
	url  string
	code *qrtext.Code
	err  error

	width, height int
}

// NewQRDialog draws url. colour false draws light modules as blocks on
// the terminal's own (dark) background, for terminals without colours.
func NewQRDialog(c *Common, url string, colour bool) *QRDialog {
	code, err := qrtext.Render(url, colour)
	return &QRDialog{c: c, Keys: DefaultQRKeyMap(), url: url, code: code, err: err}
}

// QRKeyMap is the QR dialog's keys.
type QRKeyMap struct {
	Copy, Close key.Binding
}

// DefaultQRKeyMap is the QR dialog's default bindings.
func DefaultQRKeyMap() QRKeyMap {
	return QRKeyMap{
		Copy:  key.NewBinding(key.WithKeys("u", "y"), key.WithHelp("u", "copy URL")),
		Close: key.NewBinding(key.WithKeys("esc", "q", "enter"), key.WithHelp("esc", "close")),
	}
}

func (d *QRDialog) Update(msg tea.Msg) (tea.Cmd, []Intent) { return onKey(msg, d.key) }

func (d *QRDialog) key(k tea.KeyPressMsg) []Intent {
	switch {
	case key.Matches(k, d.Keys.Copy):
		return []Intent{copyMsg{What: "admin-consent URL", Text: d.url}}
	case key.Matches(k, d.Keys.Close):
		return []Intent{closeDialogMsg{}}
	}
	return nil
}

// NeedSize is the content size that shows the whole code and its caption.
func (d *QRDialog) NeedSize() (w, h int) {
	if d.code == nil {
		return 40, 3
	}
	return max(d.code.Width, 40), len(d.code.Lines) + 1
}

// Size is as large as the code needs, as the screen allows: a code cut
// to fit would not scan. When it fits the screen only without the frame,
// status bar and footer around it (a 24-row terminal), the dialog asks to
// be shown alone; when it does not fit at all, it takes a small box that
// says how large the terminal must be.
func (d *QRDialog) Size(screenW, screenH int) (w, h int, fullScreen bool) {
	st := d.c.Styles.Dialog
	nw, nh := d.NeedSize()
	fw, fh := st.GetHorizontalFrameSize(), st.GetVerticalFrameSize()+2 // + status bar and footer
	switch {
	case nw+fw <= screenW && nh+fh <= screenH:
		return nw, nh, false
	case nw <= screenW && nh <= screenH:
		return screenW, screenH, true
	}
	return clamp(screenW-8, 30, 64), 4, false
}

// View is the code, centred, over a one-line caption; when the terminal is
// too small for the code, it says how large it must be instead of drawing
// a code that cannot scan.
func (d *QRDialog) View() string {
	w, h := d.width, d.height
	if w <= 0 || h <= 0 {
		return sizedBlock(nil, w, h)
	}
	s := d.c.Styles
	keys := s.Key.Render("u") + s.Dim.Render(" copy URL · ") + s.Key.Render("esc") + s.Dim.Render(" close")
	var lines []string
	switch nw, nh := d.NeedSize(); {
	case d.err != nil:
		lines = wrapLines(d.err.Error(), w, max(h-2, 1))
		lines = append(lines, "", keys)
	case w < nw || h < nh:
		msg := fmt.Sprintf("The QR code needs a terminal of %dx%d or more: enlarge it, or copy the URL.", nw, nh)
		for _, l := range wrapLines(msg, w, max(h-2, 1)) {
			lines = append(lines, s.Value.Render(l))
		}
		lines = append(lines, "", keys)
	default:
		pad := strings.Repeat(" ", (w-d.code.Width)/2)
		top := (h - nh) / 2
		for range top {
			lines = append(lines, "")
		}
		for _, l := range d.code.Lines {
			lines = append(lines, pad+l)
		}
		caption := s.Dim.Render("admin consent · ") + keys
		lines = append(lines, strings.Repeat(" ", max((w-ansi.StringWidth(caption))/2, 0))+caption)
	}
	return sizedBlock(lines, w, h)
}

func (d *QRDialog) SetSize(width, height int) { d.width, d.height = max(width, 0), max(height, 0) }
func (d *QRDialog) Restyle(*Styles)           {} // the code's colours do not follow the theme
func (d *QRDialog) Focus() tea.Cmd            { return nil }
func (d *QRDialog) Blur()                     {}

// Capturing is true: u and q must not reach the panes below.
func (d *QRDialog) Capturing() bool { return true }

func (d *QRDialog) ShortHelp() []key.Binding  { return []key.Binding{d.Keys.Copy, d.Keys.Close} }
func (d *QRDialog) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }
