package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
)

// Picker is the profile list: it shows each profile's cloud, tenant and
// token state, filters them, and turns keys into intents (select, add,
// edit, delete, refresh) for the root.
type Picker struct {
	c    *Common
	Keys PickerKeyMap

	width, height int
	focused       bool

	all      []profiles.Profile
	shown    []int  // indexes into all that pass the filter, in file order
	cursor   int    // highlighted row, an index into shown
	offset   int    // first shown entry on screen
	selected string // the selected profile's name; may be hidden by the filter

	tokens map[string]tokenState

	out outbox // intents of the Update under way

	filter    textinput.Model
	filtering bool // the filter input has the keyboard

	// now reads the clock to tell a valid token from an expired one;
	// tests pin it.
	now func() time.Time
}

// tokenState is what the picker knows about one profile's token.
type tokenState struct {
	pending bool // a request is in flight
	token   *auth.Token
	err     error
}

// NewPicker returns an empty picker; the root fills it with SetProfiles.
func NewPicker(c *Common) *Picker {
	f := themedTextInput(c.Styles)
	f.Prompt = "/ "
	f.Placeholder = "name, cloud or tenant"
	return &Picker{
		c:      c,
		Keys:   DefaultPickerKeyMap(),
		tokens: map[string]tokenState{},
		filter: f,
		now:    time.Now,
	}
}

// SetProfiles replaces the list. It selects the named profile if given and
// present, else keeps the current selection if it still exists, else the
// first profile. Token states of removed or changed profiles are dropped:
// a token acquired for the old settings says nothing about the new ones.
func (p *Picker) SetProfiles(list []profiles.Profile, selected string) {
	old := map[string]profiles.Profile{}
	for _, q := range p.all {
		old[q.Name] = q
	}
	p.all = append([]profiles.Profile(nil), list...)
	kept := map[string]tokenState{}
	for _, q := range p.all {
		if prev, ok := old[q.Name]; ok && sameSettings(prev, q) {
			if st, ok := p.tokens[q.Name]; ok {
				kept[q.Name] = st
			}
		}
	}
	p.tokens = kept

	switch {
	case selected != "" && p.index(selected) >= 0:
		p.selected = selected
	case p.index(p.selected) >= 0:
	case len(p.all) > 0:
		p.selected = p.all[0].Name
	default:
		p.selected = ""
	}
	p.applyFilter()
}

// sameSettings compares two profiles ignoring where they were defined:
// editing another profile shifts line numbers without changing this one.
func sameSettings(a, b profiles.Profile) bool {
	a.Source, b.Source = profiles.Position{}, profiles.Position{}
	return a == b
}

// Selected is the selected profile, if there is one.
func (p *Picker) Selected() (profiles.Profile, bool) {
	if i := p.index(p.selected); i >= 0 {
		return p.all[i], true
	}
	return profiles.Profile{}, false
}

// SetPending marks a token request for the profile as in flight; the
// tokenMsg that ends it clears the mark.
func (p *Picker) SetPending(name string) {
	st := p.tokens[name]
	st.pending = true
	p.tokens[name] = st
}

// SetSize is the space the root gives the picker, inside its border.
func (p *Picker) SetSize(width, height int) {
	p.width, p.height = max(width, 0), max(height, 0)
	p.filter.SetWidth(max(p.width-3, 1)) // prompt and cursor
	p.scrollToCursor()
}

// Restyle colours the filter input for the new theme.
func (p *Picker) Restyle(st *Styles) { p.filter.SetStyles(inputStyles(st)) }

func (p *Picker) Focus() tea.Cmd { p.focused = true; return nil }

func (p *Picker) Blur() {
	p.focused = false
	p.stopFiltering(false)
}

func (p *Picker) Capturing() bool { return p.filtering }

// Update handles token results and, when focused, keys.
func (p *Picker) Update(msg tea.Msg) (tea.Cmd, []Intent) {
	return p.out.done(p.update(msg))
}

func (p *Picker) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tokenMsg:
		p.setToken(msg)
		return nil
	case tea.KeyPressMsg:
		if p.filtering {
			return p.filterKey(msg)
		}
		return p.listKey(msg)
	}
	if p.filtering {
		return p.updateFilter(msg) // cursor blink, paste
	}
	return nil
}

// updateFilter passes msg to the filter input and refilters on a change.
func (p *Picker) updateFilter(msg tea.Msg) tea.Cmd {
	before := p.filter.Value()
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(msg)
	if p.filter.Value() != before {
		p.applyFilter()
	}
	return cmd
}

func (p *Picker) setToken(msg tokenMsg) {
	if errors.Is(msg.Err, context.Canceled) {
		// The user cancelled: nothing new was learnt about the token.
		st := p.tokens[msg.Profile]
		st.pending = false
		p.tokens[msg.Profile] = st
		return
	}
	p.tokens[msg.Profile] = tokenState{token: msg.Token, err: msg.Err}
}

func (p *Picker) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.Keys
	switch {
	case key.Matches(msg, k.Up):
		return p.move(-1)
	case key.Matches(msg, k.Down):
		return p.move(+1)
	case key.Matches(msg, k.Select):
		return p.choose()
	case key.Matches(msg, k.Filter):
		p.filtering = true
		return p.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		if p.filter.Value() != "" {
			p.stopFiltering(true)
		}
		return nil
	case key.Matches(msg, k.Add):
		return p.out.emit(openProfileFormMsg{})
	}

	h, ok := p.highlighted()
	if !ok {
		return nil
	}
	switch {
	case key.Matches(msg, k.Edit):
		if why := notEditable(h, "edit"); why != "" {
			return p.out.emit(statusMsg{Text: why, Err: true})
		}
		return p.out.emit(openProfileFormMsg{Edit: &h})
	case key.Matches(msg, k.Delete):
		if why := notEditable(h, "delete"); why != "" {
			return p.out.emit(statusMsg{Text: why, Err: true})
		}
		return p.out.emit(confirmDeleteMsg{Name: h.Name})
	case key.Matches(msg, k.Refresh):
		return p.out.emit(refreshTokenMsg{Name: h.Name})
	case key.Matches(msg, k.Audit):
		return p.out.emit(auditMsg{Profile: h.Name})
	}
	return nil
}

// notEditable explains why a profile that is not in the config file cannot
// be changed from the TUI; "" when it can.
func notEditable(p profiles.Profile, verb string) string {
	if p.Source.File != "" {
		return ""
	}
	if p.Name == profiles.EnvProfileName {
		return fmt.Sprintf("cannot %s the %q profile: it comes from the AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) variables; change or unset them in your shell", verb, p.Name)
	}
	return fmt.Sprintf("cannot %s profile %q: it is not in the config file", verb, p.Name)
}

func (p *Picker) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		p.stopFiltering(true)
		return nil
	case "enter":
		p.stopFiltering(false)
		return p.choose()
	case "up", "ctrl+p":
		return p.move(-1)
	case "down", "ctrl+n":
		return p.move(+1)
	}
	return p.updateFilter(msg)
}

// stopFiltering gives the keyboard back to the list, clearing the filter
// if asked.
func (p *Picker) stopFiltering(clear bool) {
	p.filtering = false
	p.filter.Blur()
	if clear {
		p.filter.SetValue("")
		p.applyFilter()
	}
}

// move shifts the highlight and selects what it lands on.
func (p *Picker) move(delta int) tea.Cmd {
	if len(p.shown) == 0 {
		return nil
	}
	p.cursor = min(max(p.cursor+delta, 0), len(p.shown)-1)
	p.scrollToCursor()
	name := p.all[p.shown[p.cursor]].Name
	if name == p.selected {
		return nil
	}
	p.selected = name
	return p.out.emit(profileSelectedMsg{Name: name})
}

// choose selects the highlighted profile; the root hears about it even if
// it was selected already (enter is an explicit "use this one").
func (p *Picker) choose() tea.Cmd {
	h, ok := p.highlighted()
	if !ok {
		return nil
	}
	p.selected = h.Name
	return p.out.emit(profileSelectedMsg{Name: h.Name})
}

func (p *Picker) highlighted() (profiles.Profile, bool) {
	if p.cursor < 0 || p.cursor >= len(p.shown) {
		return profiles.Profile{}, false
	}
	return p.all[p.shown[p.cursor]], true
}

// applyFilter recomputes the shown rows. Typing does not change the
// selection: the highlight rests on the selected profile when it matches,
// else on the first match, and enter or a move makes it the selection.
func (p *Picker) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(p.filter.Value()))
	p.shown = p.shown[:0]
	for i, prof := range p.all {
		if q == "" || matchesFilter(prof, q) {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = 0
	for row, i := range p.shown {
		if p.all[i].Name == p.selected {
			p.cursor = row
		}
	}
	p.scrollToCursor()
}

func matchesFilter(p profiles.Profile, lowerQuery string) bool {
	for _, field := range []string{p.Name, string(p.CloudName()), p.Tenant} {
		if strings.Contains(strings.ToLower(field), lowerQuery) {
			return true
		}
	}
	return false
}

func (p *Picker) index(name string) int {
	if name == "" {
		return -1
	}
	for i, q := range p.all {
		if q.Name == name {
			return i
		}
	}
	return -1
}
