package ui

import (
	"errors"
	"net/url"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/graph"
)

// Update handles keys for the current mode; other messages (paste, the
// inputs' own commands) go to the input that has the keyboard.
func (b *RequestBuilder) Update(msg tea.Msg) (tea.Cmd, []Intent) {
	return b.out.done(b.update(msg))
}

func (b *RequestBuilder) update(msg tea.Msg) tea.Cmd {
	if s, ok := msg.(pathSuggestionsMsg); ok {
		if s.For == b.path.Value() && s.Method == b.method { // answers for older keystrokes are stale
			b.SetSuggestions(s.Paths)
		}
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if !b.focused {
			return nil
		}
		switch b.mode {
		case modeRows:
			return b.rowsKey(k)
		case modeEdit:
			return b.editKey(k)
		case modeHistory:
			return b.listKey(k)
		case modeBrowse:
			return b.browseKey(k)
		case modeBody:
			return b.bodyKey(k)
		}
		return b.pathKey(k)
	}
	var cmd tea.Cmd
	switch b.mode {
	case modePath:
		b.pasteIntoHole(msg)
		b.path, cmd = b.path.Update(msg)
	case modeEdit:
		b.editor, cmd = b.editor.Update(msg)
	case modeBody:
		b.body, cmd = b.body.Update(msg) // a paste
		b.fitBody()
	case modeHistory:
		before := b.list.filter.Value()
		b.list.filter, cmd = b.list.filter.Update(msg)
		if b.list.filter.Value() != before {
			b.applyListFilter()
		}
	}
	return cmd
}

func (b *RequestBuilder) pathKey(k tea.KeyPressMsg) tea.Cmd {
	if cmd, done := b.holeKey(k); done {
		return cmd
	}
	keys := b.Keys
	switch {
	case key.Matches(k, keys.Send):
		return b.send()
	case key.Matches(k, keys.LeavePath):
		b.leavePath()
		return nil
	case key.Matches(k, keys.Version):
		b.toggleVersion()
		return nil
	case key.Matches(k, keys.Method):
		b.cycleMethod()
		return nil
	case key.Matches(k, keys.Body):
		return b.openBody()
	case key.Matches(k, keys.Eventual):
		b.toggleEventual()
		return nil
	case key.Matches(k, keys.Rows):
		b.path.Blur()
		b.mode = modeRows
		b.clampRows()
		return nil
	case key.Matches(k, keys.Older):
		b.recallOlder()
		return nil
	case key.Matches(k, keys.Newer):
		b.recallNewer()
		return nil
	case key.Matches(k, keys.History):
		return b.openList()
	case key.Matches(k, keys.Samples):
		return b.out.emit(openSamplesMsg{})
	}
	before := b.path.Value()
	var cmd tea.Cmd
	b.path, cmd = b.path.Update(k)
	b.completed(k, before)
	if v := b.path.Value(); v != before && strings.HasPrefix(v, "/") {
		// Completions come from the permission reference, in a command.
		b.out.emit(pathEditedMsg{Value: v, Method: b.method})
	}
	return cmd
}

func (b *RequestBuilder) rowsKey(k tea.KeyPressMsg) tea.Cmd {
	keys := b.Keys
	switch {
	case key.Matches(k, keys.RowUp):
		b.moveRow(-1)
	case key.Matches(k, keys.RowDown):
		b.moveRow(1)
	case key.Matches(k, keys.Add):
		return b.addRow()
	case key.Matches(k, keys.Edit):
		switch row := b.cursorRow(); row.kind {
		case rowParam, rowHeader:
			return b.startEdit(row, false)
		case rowNoParams, rowNoHeaders:
			return b.addRow()
		}
	case key.Matches(k, keys.Delete):
		b.deleteRow(b.cursorRow())
	case key.Matches(k, keys.Back):
		return b.FocusPath()
	default:
		return b.settingKey(k)
	}
	return nil
}

// settingKey handles the keys browsing and the rows area share, where
// letters are commands: the version, ConsistencyLevel and the history
// list. Any other key does nothing.
func (b *RequestBuilder) settingKey(k tea.KeyPressMsg) tea.Cmd {
	keys := b.Keys
	switch {
	case key.Matches(k, keys.RowsVersion):
		b.toggleVersion()
	case key.Matches(k, keys.RowsEventual):
		b.toggleEventual()
	case key.Matches(k, keys.RowsHistory):
		return b.openList()
	}
	return nil
}

func (b *RequestBuilder) editKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, b.Keys.Commit):
		return b.commitEdit()
	case key.Matches(k, b.Keys.Cancel):
		b.cancelEdit()
		return nil
	}
	var cmd tea.Cmd
	b.editor, cmd = b.editor.Update(k)
	return cmd
}

func (b *RequestBuilder) toggleVersion() {
	if b.version == graph.VersionBeta {
		b.version = graph.VersionV1
	} else {
		b.version = graph.VersionBeta
	}
}

// send checks the request and asks the root to send it. A query typed into
// the path moves into the rows first when that gives the same URL, so the
// rows stay the one place to edit options.
func (b *RequestBuilder) send() tea.Cmd {
	r := b.Request()
	if err := b.check(r); err != nil {
		var ph *placeholderError
		if errors.As(err, &ph) && b.selectPlaceholder() {
			return b.out.emit(statusMsg{Text: "not sent: " + err.Error() + " (selected: type its value)", Err: true})
		}
		return b.out.emit(statusMsg{Text: err.Error(), Err: true})
	}
	if err := b.checkBody(); err != nil {
		// The editor shows where; the status bar says it was not sent.
		return b.out.emit(statusMsg{Text: "not sent: " + err.Error(), Err: true})
	}
	if lifted, ok := liftPathQuery(b.base, r); ok {
		r = lifted
		b.path.SetValue(r.Path)
		b.path.CursorEnd()
		b.params = slices.Clone(r.Query) // the sent request must not change with later edits
		b.clampRows()
	}
	b.recall.pos = -1
	b.rowsPath = pathBase(r.Path)
	b.remember(r)
	return b.out.emit(sendMsg{Request: r})
}

// check is everything that must hold before a request leaves: a profile,
// a path, one-line headers, and a URL on the profile's Graph host.
func (b *RequestBuilder) check(r graph.Request) error {
	if b.base == "" {
		return errors.New("no profile selected: pick or add one in the profile list (tab)")
	}
	if r.Path == "" {
		return errors.New("type a Graph path first, such as /users or /organization")
	}
	if err := checkPlaceholders(r.Path); err != nil {
		return err
	}
	for name, values := range r.Header {
		for _, v := range values {
			if err := checkHeader(reqHeader{Name: name, Value: v}); err != nil {
				return err
			}
		}
	}
	_, err := graph.BuildURL(b.base, r)
	return err
}

// liftPathQuery splits "?a=1&b=2" off the path into query options, but
// only when the URL stays byte for byte the same: a raw '+' or a
// half-escaped value keeps its meaning by staying where it was typed.
func liftPathQuery(base string, r graph.Request) (graph.Request, bool) {
	path, qs, ok := strings.Cut(r.Path, "?")
	if !ok {
		return r, false
	}
	var lifted []graph.QueryParam
	for part := range strings.SplitSeq(qs, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		uk, err1 := url.QueryUnescape(k)
		uv, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return r, false
		}
		lifted = append(lifted, graph.QueryParam{Key: uk, Value: uv})
	}
	out := r
	out.Path = path
	out.Query = append(lifted, r.Query...)
	before, err1 := graph.BuildURL(base, r)
	after, err2 := graph.BuildURL(base, out)
	if err1 != nil || err2 != nil || before.String() != after.String() {
		return r, false
	}
	return out, true
}
