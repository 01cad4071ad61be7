package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/audit"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/render"
)

// focus says which pane receives keys.
type focus int

const (
	focusPicker focus = iota
	focusRequest
	focusViewer
	paneCount
)

// Minimum terminal size; below it the view says so instead of breaking.
const (
	minWidth  = 60
	minHeight = 16
)

// Options start the UI.
type Options struct {
	Backend *Backend
	// Profile is selected at start ("" = the first one).
	Profile string
	// Title names what the UI runs against, e.g. "demo tenant".
	Title string
	// Presenter starts in presenter mode: tenant ids and addresses masked.
	Presenter bool
}

// Model is the root: it owns layout, focus, dialogs and the in-flight
// request, and routes messages to the panes.
type Model struct {
	common  *Common
	backend *Backend
	keys    KeyMap
	help    help.Model
	title   string

	picker  *Picker
	request *RequestBuilder
	viewer  *Viewer
	dialog  Dialog // profile form, confirm, matrix or QR code; nil when none
	focus   focus
	// dialogFull: the dialog asked for the whole screen (Dialog.Size).
	dialogFull bool

	width, height int
	laid          geometry    // the geometry the panes were last sized for
	helpScr       *helpScreen // the help screen, nil when closed

	profiles    []profiles.Profile
	current     profiles.Profile
	wantProfile string
	history     *history.Store
	auditRun    map[string][]audit.Call // this session's calls per profile (audit_root.go)

	seq      int
	inflight string // what is running ("sending /users", "fetching all pages"), "" when idle
	started  time.Time
	now      time.Time
	cancel   context.CancelFunc
	spinner  spinner.Model

	status     string
	statusErr  bool
	statusMeta statusMeta
}

// New builds the root model.
func New(o Options) *Model {
	c := &Common{Styles: NewStyles(true), Presenter: &Presenter{}}
	c.Presenter.SetOn(o.Presenter)
	m := &Model{
		common:      c,
		backend:     o.Backend,
		keys:        DefaultKeyMap(),
		help:        help.New(),
		title:       o.Title,
		picker:      NewPicker(c),
		request:     NewRequestBuilder(c),
		viewer:      NewViewer(c),
		focus:       focusRequest,
		wantProfile: o.Profile,
		spinner:     spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		now:         time.Now(),
	}
	m.help.Styles = c.Styles.Help
	return m
}

// Init loads profiles and history and asks the terminal for its background.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(
		m.backend.loadProfiles(m.wantProfile),
		m.backend.loadHistory(),
		tea.RequestBackgroundColor,
		m.request.Focus(),
	)
}

func (m *Model) panes() [paneCount]Component {
	return [paneCount]Component{m.picker, m.request, m.viewer}
}

func (m *Model) focused() Component { return m.panes()[m.focus] }

func (m *Model) setFocus(f focus) tea.Cmd {
	m.focused().Blur()
	m.focus = (f + paneCount) % paneCount
	return m.focused().Focus()
}

// capturing reports whether a text input has the keyboard.
func (m *Model) capturing() bool {
	if m.dialog != nil {
		return true
	}
	return m.focused().Capturing()
}

// Update routes messages: keys to the dialog or the focused pane, results
// to every pane, intents to the backend. A status message set on the way
// gets its expiry; a pane whose wanted height changed gets new sizes.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	since := m.statusMeta.id
	_, cmd := m.update(msg)
	if m.geometry() != m.laid {
		m.layout()
	}
	if expire := m.expireStatus(since); expire != nil {
		cmd = tea.Batch(cmd, expire)
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case statusExpiredMsg:
		m.onStatusExpired(msg)
		return m, nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		m.restyle(msg.IsDark())
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		return m, m.handleMouse(msg)
	case tea.PasteMsg:
		if m.dialog != nil { // a paste is typing: it goes where keys go
			return m, m.handle(m.dialog.Update(msg))
		}
	case spinner.TickMsg:
		if m.inflight == "" {
			return m, nil
		}
		m.now = time.Now()
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		m.viewer.LoadingTick(m.spinner.View(), m.now)
		return m, cmd
	case streamMsg:
		cmd := m.route(msg.Msg)
		if _, final := msg.Msg.(exchangeMsg); final {
			return m, cmd
		}
		return m, tea.Batch(cmd, waitStream(msg.ch))
	}
	return m, m.route(msg)
}

// restyle builds the styles for the terminal's background and hands them
// to every pane and the dialog, which rebuild what they derived from them.
func (m *Model) restyle(dark bool) {
	*m.common.Styles = *NewStyles(dark) // in place: Common is shared
	st := m.common.Styles
	m.help.Styles = st.Help
	m.backend.Style = st.ChromaStyle
	for _, p := range m.panes() {
		p.Restyle(st)
	}
	if m.dialog != nil {
		m.dialog.Restyle(st)
	}
}

// handle takes what a component's Update returned: its intents are
// handled now, in the order it gave them; its command runs later.
func (m *Model) handle(cmd tea.Cmd, intents []Intent) tea.Cmd {
	cmds := []tea.Cmd{cmd}
	for _, in := range intents {
		cmds = append(cmds, m.route(in))
	}
	return tea.Batch(cmds...)
}

// route handles one non-key message: intents become commands, results
// reach every pane.
func (m *Model) route(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.routeExplain(msg); ok {
		return cmd
	}
	if cmd, done := m.routeAudit(msg); done {
		return cmd
	}
	if cmd, ok := m.routeSamples(msg); ok {
		return cmd
	}
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case profilesLoadedMsg:
		cmds = append(cmds, m.onProfiles(msg))
	case historyLoadedMsg:
		m.history = msg.Store
		if msg.Err != nil {
			m.setStatus("history: "+msg.Err.Error(), true)
		}
		m.request.SetHistory(m.historyFor(m.current.Name))
	case profileSelectedMsg:
		cmds = append(cmds, m.selectProfile(msg.Name))
	case refreshTokenMsg:
		if p, ok := m.profile(msg.Name); ok {
			m.picker.SetPending(p.Name)
			m.setStatus("refreshing the token of "+p.Name+" (cache bypassed)", false)
			cmds = append(cmds, m.backend.token(context.Background(), p, true))
		}
	case tokenMsg:
		if msg.Token != nil {
			m.common.Presenter.AddTenants(msg.Token.Claims.TenantID)
		}
		if msg.Err != nil {
			m.setProfileStatus(msg.Profile, fmt.Sprintf("token for %s failed: %s", msg.Profile, m.backend.Auth.Redact(msg.Err.Error())), true)
		} else if m.clearStatusOf(msg.Profile); msg.Forced {
			m.setStatus(fmt.Sprintf("new token for %s: %d roles, from %s", msg.Profile, len(msg.Token.Claims.Roles), msg.Token.Source), false)
		}
	case sendMsg:
		if m.holdWrite(msg) {
			return nil // asked first, or refused: nothing was sent
		}
		cmds = append(cmds, m.send(msg), m.focusAfterSend())
	case nextPageMsg:
		cmds = append(cmds, m.nextPage())
	case fetchAllMsg:
		cmds = append(cmds, m.fetchAll())
	case cancelMsg:
		m.cancelInflight()
	case exchangeMsg:
		if msg.Exchange.Seq != m.seq {
			return nil // a cancelled or superseded request
		}
		if t := msg.Exchange.Token; t != nil {
			m.common.Presenter.AddTenants(t.Claims.TenantID)
		}
		m.stopInflight()
		m.reportExchange(msg.Exchange)
		cmds = append(cmds, m.auditExchange(msg.Exchange))
		if msg.Exchange.Token != nil || msg.Exchange.TokenErr != nil {
			m.picker.Update(tokenMsg{Profile: msg.Exchange.Profile, Token: msg.Exchange.Token, Err: msg.Exchange.TokenErr})
		}
	case openProfileFormMsg:
		m.dialog = NewProfileForm(m.common, msg.Edit, m.backend.Keyring != nil)
		m.sizeDialog()
		cmds = append(cmds, m.dialog.Focus())
	case confirmDeleteMsg:
		m.dialog = NewConfirm(m.common, fmt.Sprintf("Delete profile %q from %s?", msg.Name, m.backend.ConfigPath), deleteProfileMsg{Name: msg.Name})
		m.sizeDialog()
	case closeDialogMsg:
		m.dialog = nil
	case saveProfileMsg:
		m.setStatus("saving profile "+msg.Profile.Name+"…", false)
		cmds = append(cmds, m.backend.saveProfile(msg))
	case profileSavedMsg:
		if msg.Err != nil {
			m.setStatus("not saved: "+msg.Err.Error(), true)
			return nil
		}
		m.dialog = nil
		m.setStatus("saved profile "+msg.Loaded.Select+" to "+m.backend.ConfigPath, false)
		return m.route(msg.Loaded)
	case deleteProfileMsg:
		m.dialog = nil
		if p, ok := m.profile(msg.Name); ok {
			cmds = append(cmds, m.backend.deleteProfile(p))
		}
	case copyMsg:
		return m.copy(msg)
	case copiedMsg:
		m.setStatus(copiedStatus(msg))
		return nil
	case saveBodyMsg:
		if x := m.viewer.Exchange(); x != nil && x.Response != nil {
			cmds = append(cmds, saveBody(msg.Path, x.Response.Body))
		}
	case saveBundleMsg:
		if x := m.viewer.Exchange(); x != nil {
			p, _ := m.profile(x.Profile)
			cmds = append(cmds, m.backend.saveBundle(msg.Path, x, p))
		}
	case statusMsg:
		m.setStatus(msg.Text, msg.Err)
		return nil
	case pathEditedMsg:
		return suggestPaths(msg.Value, msg.Method)
	case recheckMsg:
		cmds = append(cmds, m.recheck(msg))
	case matrixMsg:
		cmds = append(cmds, m.matrix(msg))
	case showRolesMsg:
		m.openDialog(NewRolesDialog(m.common, msg.Roles))
		return nil
	case showQRMsg:
		if m.common.Presenter.On() {
			// A phone (or a viewer of the recording) would read the tenant
			// out of the code.
			m.setStatus("the QR code holds the tenant id: turn presenter mode off ("+m.keys.Presenter.Help().Key+") to show it", true)
			return nil
		}
		m.dialog = NewQRDialog(m.common, msg.URL, m.backend.Color != render.ColorNone)
		m.sizeDialog()
		return nil
	case matrixResultMsg:
		m.stopInflight()
		m.matrixTokens(msg)
		m.dialog = NewMatrix(m.common, msg)
		m.sizeDialog()
		return nil
	}
	// Every pane sees every result; each ignores what is not for it. What
	// they ask in return is handled once all have seen msg.
	var intents []Intent
	for _, p := range m.panes() {
		cmd, in := p.Update(msg)
		cmds, intents = append(cmds, cmd), append(intents, in...)
	}
	if m.dialog != nil {
		cmd, in := m.dialog.Update(msg)
		cmds, intents = append(cmds, cmd), append(intents, in...)
	}
	return tea.Batch(append(cmds, m.handle(nil, intents))...)
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.ForceQuit) {
		m.cancelInflight()
		return tea.Quit
	}
	if m.helpScr != nil {
		m.helpKey(msg)
		return nil
	}
	if key.Matches(msg, m.keys.HelpAnywhere) {
		m.openHelp()
		return nil
	}
	if key.Matches(msg, m.keys.Presenter) {
		m.togglePresenter()
		return nil
	}
	if m.dialog != nil {
		return m.handle(m.dialog.Update(msg))
	}
	if key.Matches(msg, m.keys.Explain) {
		return m.openExplain()
	}
	if key.Matches(msg, m.keys.Cancel) && m.inflight != "" {
		return m.route(cancelMsg{}) // panes drop their progress too
	}
	switch {
	case key.Matches(msg, m.keys.NextPane):
		return m.setFocus(m.focus + 1)
	case key.Matches(msg, m.keys.PrevPane):
		return m.setFocus(m.focus - 1)
	case key.Matches(msg, m.keys.EditPath):
		return m.editPath()
	}
	if !m.capturing() {
		switch {
		case key.Matches(msg, m.keys.Quit):
			m.cancelInflight()
			return tea.Quit
		case key.Matches(msg, m.keys.Help):
			m.openHelp()
			return nil
		case key.Matches(msg, m.keys.LastMessage):
			m.openLastMessage()
			return nil
		}
	}
	return m.handle(m.focused().Update(msg))
}

func (m *Model) onProfiles(msg profilesLoadedMsg) tea.Cmd {
	if msg.Err != nil {
		m.setStatus(msg.Err.Error(), true)
	} else if msg.Config != nil && len(msg.Config.Warnings) > 0 {
		// e.g. a config others can read that points at secret files
		m.setStatus("warning: "+strings.Join(msg.Config.Warnings, "; "), true)
	}
	m.profiles = msg.Profiles
	if _, ok := m.profile(m.statusMeta.owner); !ok && m.statusMeta.owner != "" {
		m.clearStatusOf(m.statusMeta.owner) // about a profile that is gone
	}
	for _, p := range m.profiles {
		m.common.Presenter.AddTenants(p.Tenant)
	}
	want := msg.Select
	if want == "" {
		want = m.current.Name
	}
	if _, ok := m.profile(want); !ok && len(m.profiles) > 0 {
		if msg.Select != "" && msg.Err == nil {
			m.setStatus(fmt.Sprintf("no profile named %q; using %s", msg.Select, m.profiles[0].Name), true)
		}
		want = m.profiles[0].Name
	}
	m.picker.SetProfiles(m.profiles, want)
	if len(m.profiles) == 0 {
		m.current = profiles.Profile{}
		if msg.Err == nil {
			m.setStatus("no profiles yet: press tab to reach the profile list, then a to add one", false)
		}
		return nil
	}
	return m.selectProfile(want)
}

func (m *Model) profile(name string) (profiles.Profile, bool) {
	for _, p := range m.profiles {
		if p.Name == name {
			return p, true
		}
	}
	return profiles.Profile{}, false
}

// selectProfile makes name current and fetches its token in the
// background so the picker's badge shows its state and roles.
func (m *Model) selectProfile(name string) tea.Cmd {
	p, ok := m.profile(name)
	if !ok {
		return nil
	}
	changed := p != m.current
	m.current = p
	m.request.SetProfile(p)
	m.request.SetHistory(m.historyFor(p.Name))
	if !changed || m.backend.Auth.Cached(p.Name) != nil {
		return nil
	}
	m.picker.SetPending(p.Name)
	return m.backend.tokenWithNotice(context.Background(), p, false)
}

func (m *Model) historyFor(name string) []history.Entry {
	if m.history == nil || name == "" {
		return nil
	}
	return m.history.For(name)
}
