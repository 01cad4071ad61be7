package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/samples"
)

// SamplesDialog is the sample catalogue (ctrl+s in the request pane):
// a filter, then the matching samples by workload, permission and path.
// Enter asks the root to load the chosen one into the request builder.
type SamplesDialog struct {
	c      *Common
	Keys   SamplesKeyMap
	filter textinput.Model

	loaded      bool
	shown       []samples.Sample // the catalogue filtered
	total       int
	cursor, top int
	width, h    int
}

// samplesLoadedMsg carries the catalogue, read in a command: the first
// read unpacks the embedded index.
type samplesLoadedMsg struct{ All []samples.Sample }

// openSamplesMsg asks the root to open the catalogue.
type openSamplesMsg struct{}

// sampleChosenMsg asks the root to load a sample into the request builder.
type sampleChosenMsg struct{ Sample samples.Sample }

func (openSamplesMsg) intent()  {}
func (sampleChosenMsg) intent() {}

// loadSamples reads the catalogue off the Update loop.
func loadSamples() tea.Msg { return samplesLoadedMsg{All: samples.All()} }

// NewSamplesDialog opens the catalogue, empty until samplesLoadedMsg.
func NewSamplesDialog(c *Common) *SamplesDialog {
	d := &SamplesDialog{c: c, Keys: DefaultSamplesKeyMap()}
	d.filter = themedTextInput(c.Styles)
	d.filter.Prompt = "/ "
	d.filter.Placeholder = "filter: workload, permission or path words (mail, Sites.Read, users messages)"
	return d
}

func (d *SamplesDialog) Update(msg tea.Msg) (tea.Cmd, []Intent) {
	switch msg := msg.(type) {
	case samplesLoadedMsg:
		d.loaded, d.total = true, len(msg.All)
		d.search()
		return nil, nil
	case tea.KeyPressMsg:
		return d.key(msg)
	case tea.PasteMsg:
		return d.edit(msg)
	}
	return nil, nil
}

func (d *SamplesDialog) key(k tea.KeyPressMsg) (tea.Cmd, []Intent) {
	keys := d.Keys
	page := max(d.listHeight()-1, 1)
	switch {
	case key.Matches(k, keys.Close):
		return nil, []Intent{closeDialogMsg{}}
	case key.Matches(k, keys.Choose):
		if d.cursor < len(d.shown) {
			return nil, []Intent{sampleChosenMsg{Sample: d.shown[d.cursor]}}
		}
		return nil, nil
	}
	if m, ok := keys.move(k, page); ok {
		d.moveTo(m.from(d.cursor, max(len(d.shown)-1, 0)))
		return nil, nil
	}
	return d.edit(k)
}

// edit hands a key or paste to the filter and searches again when the
// filter changed: the list follows as one types.
func (d *SamplesDialog) edit(msg tea.Msg) (tea.Cmd, []Intent) {
	before := d.filter.Value()
	var cmd tea.Cmd
	d.filter, cmd = d.filter.Update(msg)
	if d.filter.Value() != before {
		d.search()
	}
	return cmd, nil
}

// search filters the catalogue, already in memory once loaded.
func (d *SamplesDialog) search() {
	if !d.loaded {
		return
	}
	d.shown = samples.Search(d.filter.Value())
	d.cursor, d.top = 0, 0
}

// moveTo puts the cursor on sample i, scrolling the list to show it.
func (d *SamplesDialog) moveTo(i int) {
	d.cursor = clamp(i, 0, max(len(d.shown)-1, 0))
	d.top = showing(d.top, d.cursor, d.listHeight())
}

// listHeight is the rows under the title and filter, above the hint.
func (d *SamplesDialog) listHeight() int { return max(d.h-3, 0) }

func (d *SamplesDialog) View() string {
	w, h := d.width, d.h
	if w <= 0 || h <= 0 {
		return sizedBlock(nil, w, h)
	}
	s := d.c.Styles
	title := "Sample queries"
	if d.loaded {
		title = fmt.Sprintf("Sample queries (%d of %d)", len(d.shown), d.total)
	}
	lines := []string{s.TitleActive.Render(title), d.c.Presenter.InputView(d.filter, false)}
	switch {
	case !d.loaded:
		lines = append(lines, s.Dim.Render("loading the catalogue…"))
	case len(d.shown) == 0:
		lines = append(lines, s.Dim.Render("no sample matches: fewer or other words (backspace)"))
	}
	wl, pl := d.columns(w)
	for i := d.top; i < len(d.shown) && len(lines) < h-1; i++ {
		sm := d.shown[i]
		row := fmt.Sprintf("%-*s %-*s %s", wl, ansi.Truncate(sm.Workload, wl, "…"), pl, ansi.Truncate(sm.Permission, pl, "…"), sm.Path)
		row = ansi.Truncate(row, w, "…")
		if i == d.cursor {
			lines = append(lines, s.Selected.Render(sizedLine(row, w)))
		} else {
			lines = append(lines, s.Value.Render(row))
		}
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	lines = append(lines, s.Dim.Render(ansi.Truncate("type to filter · ↑/↓ pgup/pgdn · enter fill the path · esc close", w, "…")))
	return sizedBlock(lines, w, h)
}

// columns are the workload and permission widths: as wide as the shown
// rows need, within a share of w that leaves the path most of the line.
func (d *SamplesDialog) columns(w int) (wl, pl int) {
	for _, sm := range d.shown {
		wl = max(wl, ansi.StringWidth(sm.Workload))
		pl = max(pl, ansi.StringWidth(sm.Permission))
	}
	return min(wl, max(w/6, 4)), min(pl, max(w/4, 8))
}

func (d *SamplesDialog) SetSize(w, h int) {
	d.width, d.h = max(w, 0), max(h, 0)
	d.filter.SetWidth(max(w-3, 1))
	d.moveTo(d.cursor)
}

// Size is most of the screen: paths are long and the list is the point.
func (d *SamplesDialog) Size(screenW, screenH int) (w, h int, fullScreen bool) {
	st := d.c.Styles.Dialog
	fw, fh := st.GetHorizontalFrameSize(), st.GetVerticalFrameSize()+2 // + status bar and footer
	return clamp(screenW-fw-4, 30, 160), clamp(screenH-fh-2, 6, 40), false
}

func (d *SamplesDialog) Restyle(st *Styles) { d.filter.SetStyles(inputStyles(st)) }
func (d *SamplesDialog) Focus() tea.Cmd     { return d.filter.Focus() }
func (d *SamplesDialog) Blur()              { d.filter.Blur() }

// Capturing is true: letters type into the filter.
func (d *SamplesDialog) Capturing() bool { return true }

// SamplesKeyMap is the catalogue's keys; every other key types into the
// filter.
type SamplesKeyMap struct {
	ScrollKeyMap  // no Top or Bottom: home and end are the filter's
	Choose, Close key.Binding
}

// DefaultSamplesKeyMap is the catalogue's default bindings.
func DefaultSamplesKeyMap() SamplesKeyMap {
	return SamplesKeyMap{
		ScrollKeyMap: ScrollKeyMap{
			Up:       bind([]string{"up", "ctrl+p"}, "↑", "up"),
			Down:     bind([]string{"down", "ctrl+n"}, "↓", "down"),
			PageUp:   bind([]string{"pgup"}, "pgup", "page up"),
			PageDown: bind([]string{"pgdown"}, "pgdn", "page down"),
		},
		Choose: bind([]string{"enter"}, "enter", "fill the path"),
		Close:  bind([]string{"esc", "ctrl+s"}, "esc", "close"),
	}
}

func (d *SamplesDialog) ShortHelp() []key.Binding {
	k := d.Keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Choose, k.Close}
}
func (d *SamplesDialog) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

var _ Dialog = (*SamplesDialog)(nil)
