package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/permissions"
)

// showRolesMsg asks the root to show what the token's roles allow (p in
// the response viewer, advertised on the Token tab).
type showRolesMsg struct{ Roles []string }

func (showRolesMsg) intent() {}

// RolesDialog lists the token's roles; enter on one shows what the
// permission reference says it allows: every method and path, grouped by
// resource, with its app role id and privilege level.
type RolesDialog struct {
	c     *Common
	Keys  RolesKeyMap
	roles []permissions.Role
	known []bool // the reference knows the role

	cursor, top int // the list
	open        bool
	detail      textTab // the open role's rows, fitted to the width
	width, h    int
}

// NewRolesDialog looks every role up once; the views only read.
func NewRolesDialog(c *Common, names []string) *RolesDialog {
	d := &RolesDialog{c: c, Keys: DefaultRolesKeyMap()}
	for _, n := range names {
		r, ok := permissions.LookupRole(n)
		if !ok {
			r.Name = n
		}
		d.roles = append(d.roles, r)
		d.known = append(d.known, ok)
	}
	return d
}

func (d *RolesDialog) Update(msg tea.Msg) (tea.Cmd, []Intent) {
	return onKey(msg, d.key)
}

func (d *RolesDialog) key(k tea.KeyPressMsg) []Intent {
	keys := d.Keys
	if d.open {
		if key.Matches(k, keys.Back) {
			d.open = false
		} else if m, ok := keys.move(k, max(d.bodyHeight(), 1)); ok {
			d.detail.move(m, d.bodyHeight())
		}
		return nil
	}
	switch {
	case key.Matches(k, keys.Back):
		return []Intent{closeDialogMsg{}}
	case key.Matches(k, keys.Up):
		d.cursor = max(d.cursor-1, 0)
	case key.Matches(k, keys.Down):
		d.cursor = min(d.cursor+1, max(len(d.roles)-1, 0))
	case key.Matches(k, keys.Open) && len(d.roles) > 0:
		d.open = true
		d.detail.top = 0
		d.layoutDetail()
	}
	d.scrollList()
	return nil
}

// bodyHeight is the lines under the dialog's title and above its hint.
func (d *RolesDialog) bodyHeight() int { return max(d.h-2, 0) }

func (d *RolesDialog) scrollList() {
	d.top = showing(d.top, d.cursor, d.bodyHeight())
}

// layoutDetail fits the open role's rows to the width.
func (d *RolesDialog) layoutDetail() {
	if !d.open || d.cursor >= len(d.roles) {
		return
	}
	d.detail.set(roleRows(d.roles[d.cursor], d.known[d.cursor], d.c.Styles, d.c.Presenter, max(d.width, 1)), d.bodyHeight())
}

// roleRows is what one application permission allows.
func roleRows(r permissions.Role, known bool, st *Styles, pm *Presenter, w int) []string {
	f := &fieldLayout{st: st, pm: pm, w: w, labelW: 11, under: true}
	if !known {
		f.text(r.Name+" is not an application permission in graphtui's permission reference: it may be another API's role, or newer than this graphtui.", 0, st.BadgeWarn)
		return f.rows
	}
	if r.ID != "" {
		f.field("app role", r.ID, st.Value)
	}
	if r.Privilege > 0 {
		f.field("privilege", fmt.Sprintf("level %d (higher is more privileged)", r.Privilege), st.Value)
	}
	if r.RSC {
		f.field("consent", "resource-specific: granted per team, chat or user", st.Value)
	}
	n := 0
	for _, res := range r.Resources {
		n += len(res.Allowed)
	}
	f.field("allows", fmt.Sprintf("%d methods and paths under %s", n, plural(len(r.Resources), "resource")), st.Value)
	for _, res := range r.Resources {
		f.blank()
		f.heading("/"+res.Name, st.Title)
		for _, a := range res.Allowed {
			note := ""
			if a.Least {
				note = " · least privileged"
			}
			if len(a.With) > 0 {
				note += " · together with " + strings.Join(a.With, " or ")
			}
			f.field(a.Method, a.Pattern+note, st.Value)
		}
	}
	return f.rows
}

func (d *RolesDialog) View() string {
	w, h := d.width, d.h
	if w <= 0 || h <= 0 {
		return sizedBlock(nil, w, h)
	}
	s := d.c.Styles
	var lines []string
	if d.open {
		r := d.roles[d.cursor]
		pos := ""
		if len(d.detail.rows) > d.bodyHeight() {
			pos = fmt.Sprintf("  %d–%d of %d", d.detail.top+1, min(d.detail.top+d.bodyHeight(), len(d.detail.rows)), len(d.detail.rows))
		}
		lines = append(lines, s.TitleActive.Render(ansi.Truncate(d.c.Mask(termsafe.Line(r.Name)), w-len(pos), "…"))+s.Dim.Render(pos))
		lines = append(lines, d.detail.visible(d.bodyHeight())...)
		for len(lines) < h-1 {
			lines = append(lines, "")
		}
		lines = append(lines, s.Dim.Render("↑/↓ scroll · esc back to the roles"))
		return sizedBlock(lines, w, h)
	}
	lines = append(lines, s.TitleActive.Render(fmt.Sprintf("Roles in the token (%d)", len(d.roles))))
	if len(d.roles) == 0 {
		lines = append(lines, s.Dim.Render("none: the token carries no application permissions"))
	}
	for i := d.top; i < len(d.roles) && len(lines) < h-1; i++ {
		lines = append(lines, d.roleLine(i, w))
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	lines = append(lines, s.Dim.Render("↑/↓ pick · enter what it allows · esc close"))
	return sizedBlock(lines, w, h)
}

// roleLine is one role in the list: its name and how much it allows.
func (d *RolesDialog) roleLine(i, w int) string {
	s := d.c.Styles
	r := d.roles[i]
	n := 0
	for _, res := range r.Resources {
		n += len(res.Allowed)
	}
	about := fmt.Sprintf("%d methods and paths", n)
	switch {
	case !d.known[i]:
		about = "not in the reference"
	case r.Privilege > 0:
		about += fmt.Sprintf(" · privilege %d", r.Privilege)
	}
	name := d.c.Mask(termsafe.Line(r.Name)) // from the token: server text
	text := fmt.Sprintf("%-32s %s", name, about)
	if i == d.cursor {
		return s.Selected.Render(sizedLine("▸ "+text, w))
	}
	return "  " + s.Value.Render(fmt.Sprintf("%-32s ", name)) + s.Dim.Render(about)
}

func (d *RolesDialog) SetSize(width, height int) {
	d.width, d.h = max(width, 0), max(height, 0)
	d.layoutDetail()
	d.scrollList()
}

// Restyle lays the open role out again in the new colours.
func (d *RolesDialog) Restyle(*Styles) { d.layoutDetail() }
func (d *RolesDialog) Focus() tea.Cmd  { return nil }
func (d *RolesDialog) Blur()           {}
func (d *RolesDialog) Capturing() bool { return true }

func (d *RolesDialog) Size(screenW, screenH int) (w, h int, fullScreen bool) {
	return dialogSize(screenW, screenH)
}

// RolesKeyMap is the roles dialog's keys.
type RolesKeyMap struct {
	ScrollKeyMap
	Open, Back key.Binding
}

// DefaultRolesKeyMap is the roles dialog's default bindings: the usual
// scroll keys, but a page is only pgup, pgdn and space.
func DefaultRolesKeyMap() RolesKeyMap {
	k := RolesKeyMap{
		ScrollKeyMap: defaultScrollKeyMap(),
		Open:         bind([]string{"enter", "right", "l"}, "enter", "what it allows"),
		Back:         bind([]string{"esc", "left", "h", "q"}, "esc", "back/close"),
	}
	k.PageUp.SetKeys("pgup")
	k.PageDown.SetKeys("pgdown", "space")
	return k
}

func (d *RolesDialog) ShortHelp() []key.Binding {
	k := d.Keys
	if d.open {
		return []key.Binding{k.Up, k.Down, k.PageDown, k.Back}
	}
	return []key.Binding{k.Up, k.Down, k.Open, k.Back}
}

func (d *RolesDialog) FullHelp() [][]key.Binding {
	k := d.Keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Open, k.Back}}
}

var _ Dialog = (*RolesDialog)(nil)

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
