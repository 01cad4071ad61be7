package ui

import "charm.land/bubbles/v2/key"

// RequestKeyMap is the request builder's keys. The builder has four modes
// (path input, rows area, row editor, history list); each has its own
// bindings because a letter that types into the path is a command in the
// rows area. tab is not used: the root moves between panes with it.
type RequestKeyMap struct {
	// Path input (captures letters).
	Send     key.Binding
	Version  key.Binding
	Method   key.Binding // cycles GET, POST, PATCH, PUT, DELETE
	Body     key.Binding // edits the body (POST, PATCH, PUT)
	Eventual key.Binding
	Rows     key.Binding
	Older    key.Binding
	Newer    key.Binding
	History  key.Binding
	// Samples opens the sample catalogue, from the path input or while
	// browsing (in the body editor ctrl+s sends).
	Samples key.Binding
	// LeavePath gives the keyboard back: the pane browses (modeBrowse).
	LeavePath key.Binding
	// Complete and Cycle are the path input's own completion keys
	// (requestInput), listed here so the footer and help show them.
	Complete key.Binding
	Cycle    key.Binding

	// Browsing: the pane has focus but no input does (letters are commands).
	EditPath     key.Binding
	NewPath      key.Binding
	BrowseRows   key.Binding
	BrowseMethod key.Binding
	BrowseBody   key.Binding

	// Body editor (captures letters; enter is a new line).
	BodySend     key.Binding
	BodyTemplate key.Binding
	BodyLeave    key.Binding

	// Rows area: query options and headers (letters are commands).
	RowUp        key.Binding
	RowDown      key.Binding
	Add          key.Binding
	Edit         key.Binding
	Delete       key.Binding
	RowsVersion  key.Binding
	RowsEventual key.Binding
	RowsHistory  key.Binding
	Back         key.Binding

	// Row editor.
	Commit key.Binding
	Cancel key.Binding

	// History list.
	ListUp   key.Binding
	ListDown key.Binding
	Load     key.Binding
	Close    key.Binding
}

// DefaultRequestKeyMap is the builder's default bindings. ctrl+b is also
// tmux's prefix: inside tmux press it twice, or use v in the rows area.
func DefaultRequestKeyMap() RequestKeyMap {
	return RequestKeyMap{
		Send:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send")),
		Version:  key.NewBinding(key.WithKeys("ctrl+b"), key.WithHelp("ctrl+b", "v1.0/beta")),
		Method:   key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "method")),
		Body:     key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "edit body")),
		Eventual: key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "ConsistencyLevel")),
		Rows:     key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "options & headers")),
		Older:    key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "older")),
		Newer:    key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "newer")),
		History:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "history")),
		Samples:  key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "samples")),

		LeavePath: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave")),
		Complete:  key.NewBinding(key.WithKeys("right", "end"), key.WithHelp("→", "complete")),
		Cycle:     key.NewBinding(key.WithKeys("ctrl+n", "ctrl+p"), key.WithHelp("ctrl+n/p", "cycle completions")),

		EditPath:     key.NewBinding(key.WithKeys("i", "enter"), key.WithHelp("i/enter", "edit path")),
		NewPath:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "type a new path")),
		BrowseRows:   key.NewBinding(key.WithKeys("o", "ctrl+o"), key.WithHelp("o", "options & headers")),
		BrowseMethod: key.NewBinding(key.WithKeys("m", "ctrl+t"), key.WithHelp("m", "method")),
		BrowseBody:   key.NewBinding(key.WithKeys("b", "ctrl+y"), key.WithHelp("b", "edit body")),

		BodySend:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "send")),
		BodyTemplate: key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "template")),
		BodyLeave:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave body")),

		RowUp:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		RowDown:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Add:          key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Edit:         key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter/e", "edit")),
		Delete:       key.NewBinding(key.WithKeys("d", "x", "delete"), key.WithHelp("d/x", "delete")),
		RowsVersion:  key.NewBinding(key.WithKeys("v", "ctrl+b"), key.WithHelp("v", "v1.0/beta")),
		RowsEventual: key.NewBinding(key.WithKeys("c", "ctrl+e"), key.WithHelp("c", "ConsistencyLevel")),
		RowsHistory:  key.NewBinding(key.WithKeys("H", "ctrl+r"), key.WithHelp("H", "history")),
		Back:         key.NewBinding(key.WithKeys("esc", "i", "ctrl+o"), key.WithHelp("esc/i", "back to path")),

		Commit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save row")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),

		ListUp:   key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "newer")),
		ListDown: key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "older")),
		Load:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "load")),
		Close:    key.NewBinding(key.WithKeys("esc", "ctrl+r"), key.WithHelp("esc", "close")),
	}
}

// ShortHelp is what the footer shows: the keys of the current mode.
func (b *RequestBuilder) ShortHelp() []key.Binding {
	k := b.Keys
	switch b.mode {
	case modeRows:
		return []key.Binding{k.Add, k.Edit, k.Delete, k.RowsEventual, k.Back}
	case modeEdit:
		return []key.Binding{k.Commit, k.Cancel}
	case modeHistory:
		return []key.Binding{k.ListUp, k.ListDown, k.Load, k.Close}
	case modeBrowse:
		if b.bodyShown() {
			return []key.Binding{k.EditPath, k.BrowseMethod, k.BrowseBody, k.NewPath, k.Samples, k.BrowseRows, k.RowsHistory}
		}
		return []key.Binding{k.EditPath, k.BrowseMethod, k.NewPath, k.Samples, k.BrowseRows, k.RowsHistory, k.RowsVersion}
	case modeBody:
		return []key.Binding{k.BodySend, k.BodyTemplate, k.BodyLeave, k.Method}
	}
	if b.bodyShown() {
		return []key.Binding{k.LeavePath, k.Send, k.Method, k.Body, k.Complete, k.Samples, k.Rows, k.History, k.Version}
	}
	return []key.Binding{k.LeavePath, k.Send, k.Method, k.Complete, k.Samples, k.Cycle, k.Rows, k.Version, k.History, k.Eventual}
}

// FullHelp lists the current mode's keys, grouped.
func (b *RequestBuilder) FullHelp() [][]key.Binding {
	k := b.Keys
	switch b.mode {
	case modeRows:
		return [][]key.Binding{
			{k.RowUp, k.RowDown, k.Back},
			{k.Add, k.Edit, k.Delete},
			{k.RowsVersion, k.RowsEventual, k.RowsHistory},
		}
	case modeEdit:
		return [][]key.Binding{{k.Commit, k.Cancel}}
	case modeHistory:
		return [][]key.Binding{{k.ListUp, k.ListDown}, {k.Load, k.Close}}
	case modeBrowse:
		return [][]key.Binding{{k.EditPath, k.NewPath, k.Samples, k.BrowseRows}, {k.BrowseMethod, k.BrowseBody}, {k.RowsVersion, k.RowsEventual, k.RowsHistory}}
	case modeBody:
		return [][]key.Binding{{k.BodySend, k.BodyTemplate, k.BodyLeave, k.Method}}
	}
	return [][]key.Binding{
		{k.Send, k.LeavePath, k.Complete, k.Cycle, k.Samples},
		{k.Method, k.Body},
		{k.Version, k.Eventual, k.Rows},
		{k.Older, k.Newer, k.History},
	}
}
