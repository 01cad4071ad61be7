package ui

import (
	"maps"
	"net/http"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/profiles"
)

// builderMode says which part of the request builder has the keyboard.
type builderMode int

const (
	modePath    builderMode = iota // the path input
	modeRows                       // the query option and header rows
	modeEdit                       // one row's editor
	modeHistory                    // the history list
	modeBrowse                     // the pane has focus, no input does: letters are commands
	modeBody                       // the body editor (POST, PATCH, PUT)
)

// headerConsistency is the header Graph needs for advanced queries
// ($count, $search, some $filter) on directory objects.
const headerConsistency = "ConsistencyLevel"

// reqHeader is one header row. Rows keep the name as typed; http.Header
// would canonicalise ConsistencyLevel into Consistencylevel on screen.
type reqHeader struct{ Name, Value string }

// RequestBuilder is the top-right pane: the path with its API version,
// the query options and headers as rows, the final URL, and history.
type RequestBuilder struct {
	c    *Common
	Keys RequestKeyMap
	out  outbox // intents of the Update under way

	width, height int
	focused       bool
	mode          builderMode

	method         string // GET, POST, PATCH, PUT or DELETE (request_method.go)
	body           textarea.Model
	path           textinput.Model
	version        string
	defaultVersion string // the profile's api_version
	base           string // the profile's Graph base URL; "" before SetProfile
	profile        string

	params   []graph.QueryParam
	headers  []reqHeader
	eventual bool // ConsistencyLevel: eventual, shown as a chip
	// rowsPath is the path (without its query) the rows were last sent
	// or loaded with; rows kept for another path get a badge.
	rowsPath string
	hole     pathHole // the placeholder selected after a completion

	rowCursor int // index into rowLines() of the highlighted row
	rowScroll int // first rowLines() index on screen

	editor  textinput.Model
	editRow rowLine // the row being edited
	editNew bool    // the row was added for this edit: cancel removes it

	recall recallState
	list   historyList
}

// NewRequestBuilder returns an empty builder; the root calls SetProfile.
func NewRequestBuilder(c *Common) *RequestBuilder {
	b := &RequestBuilder{
		c:              c,
		Keys:           DefaultRequestKeyMap(),
		method:         http.MethodGet,
		body:           newBodyEditor(c.Styles),
		version:        graph.VersionV1,
		defaultVersion: graph.VersionV1,
		path:           requestInput(c.Styles, "/users"),
		editor:         requestInput(c.Styles, ""),
		recall:         recallState{pos: -1},
	}
	b.list.filter = requestInput(c.Styles, "filter")
	b.list.filter.Prompt = "/ "
	return b
}

// requestInput is a themed text input whose keys leave room for ours:
// up/down recall history, ctrl+b and ctrl+e are toggles, and a suggestion
// is accepted with → or end, since tab belongs to the root.
func requestInput(s *Styles, placeholder string) textinput.Model {
	in := themedTextInput(s)
	in.Placeholder = placeholder
	in.SetStyles(requestInputStyles(s))
	km := textinput.DefaultKeyMap()
	km.CharacterBackward = key.NewBinding(key.WithKeys("left"))
	km.LineEnd = key.NewBinding(key.WithKeys("end"))
	km.AcceptSuggestion = key.NewBinding(key.WithKeys("right", "end"))
	km.NextSuggestion = key.NewBinding(key.WithKeys("ctrl+n"))
	km.PrevSuggestion = key.NewBinding(key.WithKeys("ctrl+p"))
	in.KeyMap = km
	return in
}

// requestInputStyles are inputStyles with a steady cursor and greyed
// suggestions.
func requestInputStyles(s *Styles) textinput.Styles {
	st := inputStyles(s)
	st.Cursor.Blink = false // no tick messages to route; a steady block is enough
	st.Focused.Suggestion = s.Dim
	st.Blurred.Suggestion = s.Dim
	return st
}

// Restyle colours the path input, the row editor and the history filter
// for the new theme.
func (b *RequestBuilder) Restyle(st *Styles) {
	for _, in := range []*textinput.Model{&b.path, &b.editor, &b.list.filter} {
		in.SetStyles(requestInputStyles(st))
	}
	b.body.SetStyles(bodyEditorStyles(st))
}

// SetProfile points the builder at a profile: its Graph host for the URL
// preview and its default API version. A version the user toggled stays.
func (b *RequestBuilder) SetProfile(p profiles.Profile) {
	v := normalVersion(p.Version())
	if b.version == b.defaultVersion {
		b.version = v
	}
	b.defaultVersion = v
	b.base = p.GraphBase()
	if p.Name != b.profile {
		b.recall = recallState{pos: -1}
		if b.mode == modeHistory {
			b.applyListFilter() // its indexes pointed into the old list
		}
	}
	b.profile = p.Name
	b.resize() // the host shown before the path changed
}

// SetHistory gives the builder the current profile's history, newest
// first. The root loads it in a command; the builder only reads it.
func (b *RequestBuilder) SetHistory(entries []history.Entry) {
	b.recall.entries = slices.Clone(entries)
	b.recall.pos = -1 // positions in the old list mean nothing in the new one
	if b.mode == modeHistory {
		b.applyListFilter()
	}
}

// SetSuggestions offers path completions (shown greyed after the cursor,
// accepted with → or end). The 403 doctor's permission index feeds it.
func (b *RequestBuilder) SetSuggestions(paths []string) {
	b.path.ShowSuggestions = len(paths) > 0
	b.path.SetSuggestions(paths)
}

// Request is the request as the builder shows it.
func (b *RequestBuilder) Request() graph.Request {
	r := graph.Request{
		Method:  b.requestMethod(),
		Version: b.version,
		Path:    strings.TrimSpace(b.path.Value()),
		Query:   slices.Clone(b.params),
	}
	if text := b.bodyText(); text != "" && b.bodyShown() {
		r.Body = []byte(text)
	}
	if len(b.headers) > 0 || b.eventual {
		r.Header = http.Header{}
		for _, h := range b.headers {
			r.Header.Add(h.Name, h.Value)
		}
		if b.eventual {
			r.Header.Set(headerConsistency, "eventual")
		}
	}
	return r
}

// SetRequest loads r into the builder, e.g. to replay it: its method, and
// its body (none from history: it keeps no bodies).
func (b *RequestBuilder) SetRequest(r graph.Request) {
	b.loadRequest(r)
	b.recall.pos = -1
}

func (b *RequestBuilder) loadRequest(r graph.Request) {
	if b.mode == modeEdit {
		// The row being edited may be gone; keep what is loaded instead.
		b.editor.Blur()
		b.editNew = false
		b.mode = modeRows
	}
	b.method = normalMethod(r.Method)
	if b.mode == modeBody && !takesBody(b.method) {
		b.leaveBody()
	}
	b.body.SetValue(string(r.Body))
	b.resize() // the method's width, the body's lines
	b.version = normalVersion(r.Version)
	if r.Version == "" {
		b.version = b.defaultVersion
	}
	b.path.SetValue(r.Path)
	b.path.CursorEnd()
	b.rowsPath = pathBase(r.Path)
	b.params = slices.Clone(r.Query)
	b.headers = nil
	b.eventual = false
	for _, name := range slices.Sorted(maps.Keys(r.Header)) {
		for _, v := range r.Header[name] {
			if strings.EqualFold(name, headerConsistency) && strings.EqualFold(v, "eventual") {
				b.eventual = true
				continue
			}
			b.headers = append(b.headers, reqHeader{Name: displayHeaderName(name), Value: v})
		}
	}
	b.clampRows()
}

// displayHeaderName undoes http.Header's canonical form for the one header
// whose usual spelling differs from it.
func displayHeaderName(name string) string {
	if strings.EqualFold(name, headerConsistency) {
		return headerConsistency
	}
	return name
}

func normalVersion(v string) string {
	if strings.EqualFold(strings.TrimSpace(v), graph.VersionBeta) {
		return graph.VersionBeta
	}
	return graph.VersionV1
}

// FocusPath gives the keyboard to the path input, closing any row editor
// or history list, and focuses the pane.
func (b *RequestBuilder) FocusPath() tea.Cmd {
	b.editor.Blur()
	b.list.filter.Blur()
	b.body.Blur()
	if b.mode == modeEdit {
		b.cancelEdit()
	}
	b.mode = modePath
	return b.Focus()
}

// Focus gives the keyboard to whatever part of the builder had it.
func (b *RequestBuilder) Focus() tea.Cmd {
	b.focused = true
	b.fitBody()
	switch b.mode {
	case modePath:
		return b.path.Focus()
	case modeEdit:
		return b.editor.Focus()
	case modeHistory:
		return b.list.filter.Focus()
	case modeBody:
		return b.body.Focus()
	}
	return nil
}

// Blur keeps the mode, so tabbing back returns to the same place, except
// the path input: focus comes back to browsing, so a letter meant as a
// command is never typed into the path (see request_focus.go).
func (b *RequestBuilder) Blur() {
	b.focused = false
	defer b.fitBody() // a blurred body shows fewer lines
	b.leavePath()
	b.path.Blur()
	b.editor.Blur()
	b.list.filter.Blur()
	b.body.Blur()
}

// Capturing is true while a text input has the keyboard: the path input
// (the usual state, so q types a q), a row editor, the history filter or
// the body editor.
func (b *RequestBuilder) Capturing() bool {
	return b.focused && b.mode != modeRows && b.mode != modeBrowse
}

// SetSize sets the pane's content size; the inputs scroll within it.
func (b *RequestBuilder) SetSize(w, h int) {
	b.width, b.height = max(w, 0), max(h, 0)
	b.resize()
}

func (b *RequestBuilder) resize() {
	b.path.SetWidth(max(b.width-b.pathPrefixWidth()-1, 1))
	b.editor.SetWidth(max(b.width-3, 1))
	b.list.filter.SetWidth(max(b.width-len("History ")-len(b.list.filter.Prompt)-1, 1))
	b.fitBody()
	b.scrollRows()
}
