package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/audit"
	"github.com/graphtui/graphtui/internal/termsafe"
)

// auditMsg asks the root to open the audit view for a profile. It is an
// intent (marked here rather than in intents.go, beside its dialog).
type auditMsg struct{ Profile string }

func (auditMsg) intent() {}

// auditResultMsg carries an audit computed in a command. Gen is the view's
// request it answers: an older one is dropped.
type auditResultMsg struct {
	Profile string
	Gen     int
	Report  *audit.Report
	Err     error
	// Fetched is the token the audit had to fetch (nil when one was at
	// hand): the picker's badge learns from it.
	Fetched *tokenMsg
}

// AuditKeyMap is the audit view's keys.
type AuditKeyMap struct {
	ScrollKeyMap
	Copy, Close key.Binding
}

// DefaultAuditKeyMap is the audit view's default bindings.
func DefaultAuditKeyMap() AuditKeyMap {
	return AuditKeyMap{
		ScrollKeyMap: defaultScrollKeyMap(),
		Copy:         bind([]string{"y"}, "y", "copy report"),
		Close:        bind([]string{"esc", "q"}, "esc", "close"),
	}
}

// AuditView is the least-privilege audit of one profile, from the calls
// it made: the CLI's `graphtui audit` sections, scrollable. The root
// recomputes it (in a command) when a new exchange of the profile arrives.
type AuditView struct {
	c       *Common
	keys    AuditKeyMap
	profile string
	report  *audit.Report
	err     error
	gen     int  // the newest computation asked for
	pending bool // a computation is running
	top     int  // first body line on screen

	w, h int
}

var _ Dialog = (*AuditView)(nil)

// NewAuditView is the view for profile, waiting for its first report.
func NewAuditView(c *Common, profile string) *AuditView {
	return &AuditView{c: c, keys: DefaultAuditKeyMap(), profile: profile}
}

// Profile is whose calls the view audits.
func (v *AuditView) Profile() string { return v.profile }

// begin notes that a new computation starts and returns its number.
func (v *AuditView) begin() int {
	v.gen++
	v.pending = true
	return v.gen
}

// setResult shows res if it answers the newest computation.
func (v *AuditView) setResult(res auditResultMsg) {
	if res.Profile != v.profile || res.Gen != v.gen {
		return
	}
	v.pending = false
	if res.Err != nil {
		v.err = res.Err // keep the last report: it may still be of use
		return
	}
	v.report, v.err = res.Report, nil
	v.top = min(v.top, v.maxTop())
}

func (v *AuditView) SetSize(w, h int) {
	v.w, v.h = max(w, 0), max(h, 0)
	v.top = min(v.top, v.maxTop())
}
func (v *AuditView) Restyle(*Styles) {} // View reads the styles as it draws
func (v *AuditView) Focus() tea.Cmd  { return nil }
func (v *AuditView) Blur()           {}
func (v *AuditView) Capturing() bool { return true }
func (v *AuditView) ShortHelp() []key.Binding {
	k := v.keys
	return []key.Binding{k.Copy, k.Down, k.Up, k.PageDown, k.Top, k.Bottom, k.Close}
}
func (v *AuditView) FullHelp() [][]key.Binding {
	k := v.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Copy, k.Close}}
}

// Size is most of the screen: the review's sentences and URLs are long.
func (v *AuditView) Size(screenW, screenH int) (w, h int, fullScreen bool) {
	st := v.c.Styles.Dialog
	fw, fh := st.GetHorizontalFrameSize(), st.GetVerticalFrameSize()+2 // + status bar and footer
	return max(screenW-fw, 20), max(screenH-fh, 6), false
}

func (v *AuditView) Update(msg tea.Msg) (tea.Cmd, []Intent) { return onKey(msg, v.key) }

func (v *AuditView) key(k tea.KeyPressMsg) []Intent {
	keys, page := v.keys, max(v.room(), 1)
	switch {
	case key.Matches(k, keys.Close):
		return []Intent{closeDialogMsg{}}
	case key.Matches(k, keys.Copy):
		if v.report == nil {
			return []Intent{statusMsg{Text: "nothing to copy yet: the audit is still running"}}
		}
		// Unmasked, as every copy is: presenter mode changes only the screen.
		return []Intent{copyMsg{What: "audit report", Text: v.report.Text()}}
	}
	if m, ok := keys.move(k, page); ok {
		v.top = m.from(v.top, v.maxTop())
	}
	return nil
}

// room is how many body lines fit under the title.
func (v *AuditView) room() int { return pageRoom(v.h, len(v.head())) }

func (v *AuditView) maxTop() int { return max(len(v.body())-v.room(), 0) }

// head is the title wrapped, with the state of the computation: it stays
// on screen while the body scrolls.
func (v *AuditView) head() []string {
	title := v.title()
	if v.pending && v.report != nil {
		title += " · updating…"
	}
	rows := hangingWrap(v.c.Mask(title), v.w)
	for i, r := range rows {
		rows[i] = v.c.Styles.TitleActive.Render(r)
	}
	return rows
}

// title is the report's first line (its counts), which stays on screen.
func (v *AuditView) title() string {
	if v.report == nil || !v.hasCalls() {
		return "Audit of " + termsafe.Line(v.profile)
	}
	return v.report.Lines()[0].Text
}

func (v *AuditView) hasCalls() bool {
	return v.report != nil && len(v.report.Calls)+len(v.report.Unknown) > 0
}

// body is the report under its title, wrapped to the width and masked in
// presenter mode (before wrapping, so no cut leaves part of an id bare).
func (v *AuditView) body() []string {
	st := v.c.Styles
	var out []string
	add := func(l audit.Line) {
		style := st.Value
		if l.Head {
			style = st.Label
		}
		for _, row := range hangingWrap(v.c.Mask(l.Text), v.w) {
			out = append(out, style.Render(row))
		}
	}
	if v.err != nil {
		add(audit.Line{Text: termsafe.Line("No audit: " + v.err.Error()), Head: true})
		add(audit.Line{Text: "Check the profile's token in the profile list (r refreshes it), then open the audit again."})
		if v.report != nil {
			add(audit.Line{})
			add(audit.Line{Text: "The last report, from before:"})
		}
	}
	switch {
	case v.report == nil:
		if v.err == nil {
			add(audit.Line{Text: "Getting the token's roles…"})
		}
	case !v.hasCalls():
		add(audit.Line{Text: fmt.Sprintf("No calls yet for %s: send requests as this profile, or run graphtui audit -p %s --from FILE.", v.profile, v.profile)})
		add(audit.Line{})
		granted := "none"
		if len(v.report.Granted) > 0 {
			granted = strings.Join(v.report.Granted, ", ")
		}
		add(audit.Line{Text: fmt.Sprintf("Granted (%d)  %s", len(v.report.Granted), granted)})
	default:
		lines := v.report.Lines()[1:]
		if len(lines) > 0 && lines[0].Text == "" {
			lines = lines[1:] // the title's blank line: the view draws its own
		}
		for _, l := range lines {
			add(l)
		}
	}
	return out
}

// View is the title, the body from the scroll position and the keys with
// how much is hidden below.
func (v *AuditView) View() string {
	if v.w <= 0 || v.h <= 0 {
		return sizedBlock(nil, v.w, v.h)
	}
	lines := scrolledPage(v.c.Styles, v.head(), v.body(), v.top, v.h, "esc closes · y copies", "j/k pgup/pgdn g/G scroll")
	return sizedBlock(lines, v.w, v.h)
}

// hangingWrap wraps a report line to w cells; continuation rows keep its
// indent and two more, so a call's URL or a review sentence reads as one
// item.
func hangingWrap(s string, w int) []string {
	if ansi.StringWidth(s) <= w {
		return []string{s} // as is: the tables' columns are aligned with spaces
	}
	rest := strings.TrimLeft(s, " ")
	indent := len(s) - len(rest)
	if indent+2 >= w {
		indent = 0
	}
	rows := wrapText(rest, max(w-indent-2, 1))
	for i := range rows {
		pad := indent
		if i > 0 {
			pad += 2
		}
		rows[i] = strings.Repeat(" ", pad) + rows[i]
	}
	return rows
}
