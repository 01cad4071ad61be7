package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// How long a status message stays. Errors stay longer: they say what to do
// next. Once gone, ! still shows the last message in full.
const (
	statusInfoTTL = 5 * time.Second
	statusErrTTL  = 15 * time.Second
)

// statusMeta is what the root keeps about the status message besides its
// one-line text (Model.status).
type statusMeta struct {
	id      int    // increases with every message; an expiry names the one it is for
	full    string // the last non-empty message, unfolded, for !
	fullErr bool
	owner   string // the profile a token error is about: it goes with the profile
	// timer starts an expiry; tests replace it to fire at once.
	timer func(d time.Duration, msg tea.Msg) tea.Cmd
}

// statusExpiredMsg clears message id if it is still the one shown.
type statusExpiredMsg struct{ id int }

func statusTick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

// setStatus shows one line in the status bar; multi-line errors (MSAL's
// start with "server response error:" on a line of its own) are folded.
// The message in full stays for !.
func (m *Model) setStatus(s string, isErr bool) {
	m.status, m.statusErr = strings.Join(strings.Fields(s), " "), isErr
	m.statusMeta.id++
	m.statusMeta.owner = ""
	if m.status != "" {
		m.statusMeta.full, m.statusMeta.fullErr = strings.TrimSpace(s), isErr
	}
}

// setProfileStatus is setStatus for a message about one profile, which is
// cleared when that profile goes away or its token arrives.
func (m *Model) setProfileStatus(profile, s string, isErr bool) {
	m.setStatus(s, isErr)
	m.statusMeta.owner = profile
}

// clearStatusOf clears the message about profile, if one is shown.
func (m *Model) clearStatusOf(profile string) {
	if m.status != "" && m.statusMeta.owner == profile {
		m.setStatus("", false)
	}
}

// expireStatus is the command that ends the message set during an Update
// (since is the id before it); nil when none was set.
func (m *Model) expireStatus(since int) tea.Cmd {
	if m.statusMeta.id == since || m.status == "" {
		return nil
	}
	ttl := statusInfoTTL
	if m.statusErr {
		ttl = statusErrTTL
	}
	timer := m.statusMeta.timer
	if timer == nil {
		timer = statusTick
	}
	return timer(ttl, statusExpiredMsg{id: m.statusMeta.id})
}

func (m *Model) onStatusExpired(msg statusExpiredMsg) {
	if msg.id == m.statusMeta.id {
		m.status, m.statusErr = "", false
		m.statusMeta.owner = ""
	}
}

// openLastMessage shows the last status message in full in a dialog.
func (m *Model) openLastMessage() {
	if m.statusMeta.full == "" {
		m.setStatus("no message yet", false)
		return
	}
	m.dialog = newMessageDialog(m.common, m.statusMeta.full, m.statusMeta.fullErr)
	m.sizeDialog()
}

// messageDialog shows a message too long for the status bar, wrapped, so
// its last words (often the next step) can be read and copied.
type messageDialog struct {
	c     *Common
	keys  messageKeyMap
	text  string // made safe for the terminal; line breaks kept
	isErr bool
	w, h  int
	top   int
}

type messageKeyMap struct{ Up, Down, Copy, Close key.Binding }

func newMessageDialog(c *Common, text string, isErr bool) *messageDialog {
	return &messageDialog{
		c: c, text: string(termsafe.Visible([]byte(text))), isErr: isErr,
		keys: messageKeyMap{
			Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
			Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
			Copy:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy")),
			Close: key.NewBinding(key.WithKeys("esc", "q", "!", "enter"), key.WithHelp("esc", "close")),
		},
	}
}

func (d *messageDialog) lines() []string {
	var out []string
	for _, para := range strings.Split(d.c.Mask(d.text), "\n") {
		out = append(out, wrapLines(para, d.w, 1<<20)...)
	}
	return out
}

func (d *messageDialog) Update(msg tea.Msg) (tea.Cmd, []Intent) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	switch {
	case key.Matches(k, d.keys.Close):
		return nil, []Intent{closeDialogMsg{}}
	case key.Matches(k, d.keys.Copy):
		return nil, []Intent{copyMsg{What: "message", Text: d.text}}
	case key.Matches(k, d.keys.Up):
		d.top = max(d.top-1, 0)
	case key.Matches(k, d.keys.Down):
		d.top = min(d.top+1, max(len(d.lines())-(d.h-1), 0))
	}
	return nil, nil
}

func (d *messageDialog) View() string {
	if d.w <= 0 || d.h <= 0 {
		return sizedBlock(nil, d.w, d.h)
	}
	s := d.c.Styles
	title, body := s.TitleActive.Render("Last message"), s.Value
	if d.isErr {
		title, body = s.ErrorTitle.Render("Last error"), s.Error
	}
	out := []string{title + s.Dim.Render(" · y copies · esc closes")}
	lines := d.lines()
	for i := d.top; i < len(lines) && len(out) < d.h; i++ {
		out = append(out, body.Render(lines[i]))
	}
	return sizedBlock(out, d.w, d.h)
}

func (d *messageDialog) SetSize(w, h int) {
	d.w, d.h = max(w, 0), max(h, 0)
	d.top = 0
}
func (d *messageDialog) Restyle(*Styles) {} // View reads the styles as it draws
func (d *messageDialog) Focus() tea.Cmd  { return nil }
func (d *messageDialog) Blur()           {}
func (d *messageDialog) Capturing() bool { return true }
func (d *messageDialog) Size(sw, sh int) (w, h int, full bool) {
	return dialogSize(sw, sh)
}
func (d *messageDialog) ShortHelp() []key.Binding {
	return []key.Binding{d.keys.Down, d.keys.Copy, d.keys.Close}
}
func (d *messageDialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{{d.keys.Up, d.keys.Down, d.keys.Copy, d.keys.Close}}
}
