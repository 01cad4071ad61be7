package ui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
)

// pickerEntryHeight is the lines per profile: name; cloud and tenant; token.
// Three short lines fit a 24-column pane where one long line would not.
const pickerEntryHeight = 3

// View draws the filter line (when a filter is in use), the entries that
// fit, and a "more" line when some do not.
func (p *Picker) View() string {
	w, h := p.width, p.height
	if w <= 0 || h <= 0 {
		return sizedBlock(nil, w, h)
	}
	var lines []string
	if p.filterShown() {
		lines = append(lines, p.filterLine(w))
	}
	dim := p.c.Styles.Dim
	switch {
	case len(p.all) == 0:
		for _, l := range wrapLines("no profiles yet — press a to add one", w, h) {
			lines = append(lines, dim.Render(l))
		}
		lines = append(lines, "")
		for _, l := range wrapLines("or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET", w, h) {
			lines = append(lines, dim.Render(l))
		}
	case len(p.shown) == 0:
		for _, l := range wrapLines(p.c.Mask(fmt.Sprintf("no profile matches %q; esc clears the filter", p.filter.Value())), w, h) {
			lines = append(lines, dim.Render(l))
		}
	default:
		n, more := p.capacity()
		off := min(p.offset, max(len(p.shown)-n, 0))
		end := min(off+n, len(p.shown))
		gap := p.entryStep() > pickerEntryHeight
		compact := p.compact()
		for row := off; row < end; row++ {
			if gap && row > off {
				lines = append(lines, "")
			}
			if compact && row != p.cursor {
				lines = append(lines, p.compactLine(row, w))
				continue
			}
			lines = append(lines, p.entryLines(row, w)...)
		}
		if more && len(lines) < h {
			for len(lines) < h-1 {
				lines = append(lines, "")
			}
			lines = append(lines[:h-1], dim.Render(moreText(off, len(p.shown)-end)))
		}
	}
	return sizedBlock(lines, w, h)
}

func (p *Picker) filterShown() bool { return p.filtering || p.filter.Value() != "" }

func (p *Picker) filterLine(w int) string {
	s := p.c.Styles
	count := fmt.Sprintf(" %d/%d", len(p.shown), len(p.all))
	var left string
	if p.filtering {
		left = p.c.Presenter.InputView(p.filter, false)
	} else {
		left = s.Key.Render("/ ") + s.Value.Render(p.c.Mask(p.filter.Value()))
	}
	room := w - ansi.StringWidth(count)
	if room < 8 {
		return left
	}
	return sizedLine(left, room) + s.Dim.Render(count)
}

// listHeight is the lines left for entries below the filter line.
func (p *Picker) listHeight() int {
	if p.filterShown() {
		return p.height - 1
	}
	return p.height
}

// entryStep is the lines one entry takes: a blank line separates entries
// when all of them fit with it, as on a tall terminal.
func (p *Picker) entryStep() int {
	if len(p.shown)*(pickerEntryHeight+1)-1 <= p.listHeight() {
		return pickerEntryHeight + 1
	}
	return pickerEntryHeight
}

// compact: not every entry fits in its three lines, so each takes one
// (name and token state) and only the highlighted one keeps three.
func (p *Picker) compact() bool {
	return len(p.shown)*pickerEntryHeight > p.listHeight()
}

// capacity is how many entries fit, and whether a line must be kept to
// say that more are hidden.
func (p *Picker) capacity() (n int, more bool) {
	if p.compact() {
		h := p.listHeight() - (pickerEntryHeight - 1) // the highlighted entry's extra lines
		n = h
		if len(p.shown) > n {
			more, n = true, h-1
		}
		return max(n, 1), more
	}
	h, step := p.listHeight(), p.entryStep()
	gap := step - pickerEntryHeight // the last entry needs no gap after it
	n = (h + gap) / step
	if len(p.shown) > n {
		more = true
		n = (h - 1 + gap) / step
	}
	return max(n, 1), more
}

// scrollToCursor keeps the highlighted entry on screen.
func (p *Picker) scrollToCursor() {
	n, _ := p.capacity()
	p.offset = clamp(showing(p.offset, p.cursor, n), 0, max(len(p.shown)-n, 0))
}

func moreText(above, below int) string {
	switch {
	case above > 0 && below > 0:
		return fmt.Sprintf("↑ %d · ↓ %d more", above, below)
	case above > 0:
		return fmt.Sprintf("↑ %d more", above)
	}
	return fmt.Sprintf("↓ %d more", below)
}

func (p *Picker) entryLines(row, w int) []string {
	s := p.c.Styles
	prof := p.all[p.shown[row]]
	inner := max(w-2, 0)

	marker := "  "
	if row == p.cursor {
		marker = "▸ "
	}
	// Masked before it is cut: a cut value cannot be matched any more.
	name := ansi.Truncate(p.c.Mask(prof.Name), inner, "…")
	if prof.Source.File == "" && prof.Name == profiles.EnvProfileName {
		// Say where a profile that is in no file comes from.
		name += ansi.Truncate(" (AZURE_* vars)", inner-ansi.StringWidth(name), "")
	}
	first := sizedLine(marker+name, w)
	switch {
	case row == p.cursor && p.focused:
		first = s.Selected.Render(first)
	case row == p.cursor:
		// Unfocused, the selection stays visible without looking active.
		first = s.TitleActive.Render(first)
	default:
		first = s.Value.Render(first)
	}

	cloud := string(prof.CloudName())
	second := s.Label.Render(ansi.Truncate(cloud, inner, "…"))
	if room := inner - ansi.StringWidth(cloud) - 3; room >= 4 {
		who := shortTenant(p.c.Mask(prof.Tenant), room)
		if prof.Tenant == "" { // a managed identity or a brought token: its kind says more
			who = ansi.Truncate(prof.Kind(), room, "…")
		}
		second += s.Dim.Render(" · ") + s.Value.Render(who)
	}
	return []string{first, "  " + second, "  " + p.badge(prof.Name, inner)}
}

// compactLine is one entry on one line: its name, then its token state
// in the room left, right-aligned.
func (p *Picker) compactLine(row, w int) string {
	s := p.c.Styles
	prof := p.all[p.shown[row]]
	name := "  " + p.c.Mask(prof.Name)
	badgeW := min(max(w-ansi.StringWidth(name)-1, 0), 16)
	if badgeW < 4 {
		return s.Value.Render(sizedLine(ansi.Truncate(name, w, "…"), w))
	}
	name = ansi.Truncate(name, w-badgeW-1, "…")
	badge := p.badge(prof.Name, badgeW)
	pad := max(w-ansi.StringWidth(name)-ansi.StringWidth(badge), 1)
	return s.Value.Render(name) + strings.Repeat(" ", pad) + badge
}

// shortTenant fits a tenant into w cells. A domain keeps its start, where
// the name is. A GUID keeps its head and its last group, the parts people
// compare, cut at group boundaries when there is room for that.
func shortTenant(t string, w int) string {
	if ansi.StringWidth(t) <= w {
		return t
	}
	if w < 3 {
		return ansi.Truncate(t, w, "")
	}
	if len(t) != 36 || strings.Count(t, "-") != 4 {
		return ansi.Truncate(t, w, "…")
	}
	groups := strings.Split(t, "-")
	last := groups[4]
	if head := w - 1 - len(last); head >= len(groups[0]) {
		kept := groups[0]
		for _, g := range groups[1:4] {
			if len(kept)+1+len(g) > head {
				break
			}
			kept += "-" + g
		}
		return kept + "…" + last
	}
	tail := (w - 1) / 2
	return t[:w-1-tail] + "…" + t[len(t)-tail:]
}

// badge is the token state in at most w cells: the longest wording that
// fits, so a wide pane says "valid until 14:05 · 8 roles" and a narrow one
// "until 14:05 · 8 roles".
func (p *Picker) badge(name string, w int) string {
	s := p.c.Styles
	st := p.tokens[name]
	switch {
	case st.pending:
		return fitVariants(w, s.Badge, "… requesting token", "… token", "…")
	case st.err != nil:
		var te *auth.TokenError
		if errors.As(st.err, &te) && te.Code != 0 {
			code := fmt.Sprintf("AADSTS%d", te.Code)
			return fitVariants(w, s.BadgeErr, "token failed · "+code, "failed · "+code, "failed "+code, "failed")
		}
		return fitVariants(w, s.BadgeErr, "token failed", "failed")
	case st.token != nil:
		return p.validBadge(st.token, w)
	}
	return fitVariants(w, s.Badge, "no token", "none")
}

func (p *Picker) validBadge(t *auth.Token, w int) string {
	s := p.c.Styles
	roles, roleStyle := rolesText(len(t.Claims.Roles)), s.Badge
	switch {
	case t.ClaimsErr != nil:
		// Not a JWT: its roles cannot be read, which is not "no roles".
		roles, roleStyle = "roles unknown", s.BadgeWarn
	case len(t.Claims.Roles) == 0:
		roleStyle = s.BadgeWarn
	}
	state, stateStyle := []string{"token ok", "ok"}, s.BadgeOK
	if exp := t.ExpiresOn; !exp.IsZero() {
		hhmm := exp.Local().Format("15:04")
		if p.now().Before(exp) {
			state = []string{"valid until " + hhmm, "until " + hhmm, hhmm}
		} else {
			state, stateStyle = []string{"expired at " + hhmm, "expired " + hhmm, "expired"}, s.BadgeWarn
		}
	}
	sep := " · "
	for _, v := range state {
		if ansi.StringWidth(v+sep+roles) <= w {
			return stateStyle.Render(v) + s.Dim.Render(sep) + roleStyle.Render(roles)
		}
	}
	return fitVariants(w, stateStyle, state...)
}

func rolesText(n int) string {
	switch n {
	case 0:
		return "no roles"
	case 1:
		return "1 role"
	}
	return fmt.Sprintf("%d roles", n)
}

// fitVariants renders the first wording that fits in w cells, or the last
// one cut to w.
func fitVariants(w int, style lipgloss.Style, variants ...string) string {
	for _, v := range variants {
		if ansi.StringWidth(v) <= w {
			return style.Render(v)
		}
	}
	return style.Render(ansi.Truncate(variants[len(variants)-1], w, ""))
}
