package ui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/graph"
)

// The body editor: shown under the URL for POST, PATCH and PUT, edited in
// modeBody (b while browsing, ctrl+y from the path). The JSON is checked
// after every change and the first error's line and column shown under
// it; a body that does not parse is not sent.

// Body editor heights: the lines it shows while editing at least, and at
// most whatever the body's length.
const (
	bodyMinEditing = 3
	bodyMaxLines   = 8
	bodyMaxBlurred = 3 // while another pane has focus: the response gets the room
)

// newBodyEditor is a themed multi-line editor with line numbers, whose
// keys leave ours free: ctrl+t (transpose) and ctrl+g (select all) are
// taken by the method and presenter keys.
func newBodyEditor(s *Styles) textarea.Model {
	ta := textarea.New()
	ta.Prompt = ""
	ta.Placeholder = "a JSON body · ctrl+y inserts a template for the path"
	ta.ShowLineNumbers = true
	ta.CharLimit = 0
	ta.MaxHeight = 0 // no limit on the body; the pane shows a window of it
	km := textarea.DefaultKeyMap()
	km.TransposeCharacterBackward.SetEnabled(false)
	km.SelectAll.SetEnabled(false)
	ta.KeyMap = km
	ta.SetStyles(bodyEditorStyles(s))
	return ta
}

func bodyEditorStyles(s *Styles) textarea.Styles {
	st := textarea.DefaultStyles(s.Dark)
	for _, state := range []*textarea.StyleState{&st.Focused, &st.Blurred} {
		state.Base = lipgloss.NewStyle()
		state.Text = s.Value
		state.CursorLine = lipgloss.NewStyle()
		state.LineNumber = s.LineNumber
		state.CursorLineNumber = s.LineNumber
		state.Placeholder = s.Dim
		state.Prompt = s.Dim
		state.EndOfBuffer = s.Dim
	}
	st.Focused.CursorLineNumber = s.Key
	st.Cursor.Color = s.Accent
	st.Cursor.Blink = false // a steady block: no tick messages to route
	return st
}

// bodyText is the body as it will be sent: "" when only blanks were typed.
func (b *RequestBuilder) bodyText() string {
	if strings.TrimSpace(b.body.Value()) == "" {
		return ""
	}
	return b.body.Value()
}

// bodyShown: the method carries a body, so the editor is on screen.
func (b *RequestBuilder) bodyShown() bool { return takesBody(b.method) }

// checkBody is why the body will not be sent, or nil. Only a JSON body
// is checked: a Content-Type row saying otherwise leaves it alone.
func (b *RequestBuilder) checkBody() error {
	text := b.bodyText()
	if !b.bodyShown() || text == "" || !b.jsonContent() {
		return nil
	}
	return graph.CheckBody([]byte(text))
}

func (b *RequestBuilder) jsonContent() bool {
	for _, h := range b.headers {
		if strings.EqualFold(h.Name, "Content-Type") {
			return strings.Contains(strings.ToLower(h.Value), "json")
		}
	}
	return true
}

// openBody gives the keyboard to the body editor; GET and DELETE have none.
func (b *RequestBuilder) openBody() tea.Cmd {
	if !b.bodyShown() {
		return b.out.emit(statusMsg{Text: b.method + " takes no body: " + b.Keys.Method.Help().Key + " (m while browsing) picks POST, PATCH or PUT"})
	}
	b.path.Blur()
	b.mode = modeBody
	b.fitBody()
	return b.body.Focus()
}

// leaveBody keeps the body and lets the pane browse.
func (b *RequestBuilder) leaveBody() {
	b.body.Blur()
	b.mode = modeBrowse
	b.fitBody()
}

func (b *RequestBuilder) bodyKey(k tea.KeyPressMsg) tea.Cmd {
	keys := b.Keys
	switch {
	case key.Matches(k, keys.BodyLeave):
		b.leaveBody()
		return nil
	case key.Matches(k, keys.BodySend):
		return b.send()
	case key.Matches(k, keys.BodyTemplate):
		return b.insertTemplate()
	case key.Matches(k, keys.Method):
		b.cycleMethod()
		return nil
	}
	var cmd tea.Cmd
	b.body, cmd = b.body.Update(k)
	b.fitBody()
	return cmd
}

// insertTemplate fills an empty body with the template for the method and
// path, or says which exist.
func (b *RequestBuilder) insertTemplate() tea.Cmd {
	if b.bodyText() != "" {
		return b.out.emit(statusMsg{Text: "a template goes only into an empty body: delete this one first (ctrl+u deletes a line)"})
	}
	t, ok := templateFor(b.method, strings.TrimSpace(b.path.Value()))
	if !ok {
		return b.out.emit(statusMsg{Text: "no template for " + b.method + " " + b.vis(pathBase(b.path.Value())) + "; there are: " + templateNames()})
	}
	b.body.SetValue(t.body(b.base))
	b.body.MoveToBegin()
	b.fitBody()
	return b.out.emit(statusMsg{Text: "template: " + t.name + " · fill in the values, then " + b.Keys.BodySend.Help().Key + " sends"})
}

// fitBody sizes the editor to the body, within the pane.
func (b *RequestBuilder) fitBody() {
	b.body.SetWidth(max(b.width, 1))
	b.body.SetHeight(max(min(b.bodyEditorWant(), b.height-4), 1))
}

// bodyEditorWant is the editor's lines: the body's, within bounds.
func (b *RequestBuilder) bodyEditorWant() int {
	n := b.body.LineCount()
	switch {
	case b.mode == modeBody:
		n = max(n, bodyMinEditing)
	case !b.focused:
		n = min(n, bodyMaxBlurred)
	}
	return min(n, bodyMaxLines)
}

// bodyLines is what the body area takes under the URL: a title, and the
// editor with its check line unless the body is empty and not edited.
func (b *RequestBuilder) bodyLines() int {
	switch {
	case !b.bodyShown():
		return 0
	case b.bodyText() == "" && b.mode != modeBody:
		return 1
	}
	return 2 + b.bodyEditorWant()
}

// bodyArea draws the title, the editor and the JSON check under it.
func (b *RequestBuilder) bodyArea(w int) []string {
	if !b.bodyShown() {
		return nil
	}
	s := b.c.Styles
	title := s.Title.Render("Body")
	if b.mode == modeBody {
		title = s.TitleActive.Render("Body")
	}
	var hint string
	switch {
	case b.mode == modeBody:
		hint = b.Keys.BodySend.Help().Key + " send · " + b.Keys.BodyTemplate.Help().Key + " template · esc leave"
	case b.mode == modeBrowse:
		hint = "b edit"
	default:
		hint = b.Keys.Body.Help().Key + " edit"
	}
	if b.bodyText() == "" && b.mode != modeBody {
		return []string{ansi.Truncate(title+"  "+s.Dim.Render("empty · "+hint+" · then "+b.Keys.BodyTemplate.Help().Key+" template"), w, "…")}
	}
	lines := []string{ansi.Truncate(title+"  "+s.Dim.Render(hint), w, "…")}
	editor := strings.Split(b.bodyEditorView(), "\n")
	lines = append(lines, editor...)
	return append(lines, b.bodyCheckLine(w))
}

// bodyEditorView is the editor, masked in presenter mode: a body can name
// the tenant's users.
func (b *RequestBuilder) bodyEditorView() string {
	v := b.body.Value()
	masked := b.c.Mask(v)
	if masked == v {
		return b.body.View()
	}
	shown := b.body // a copy, with the same cursor on the masked text
	row, col := b.body.Line(), b.body.Column()
	shown.SetValue(perRune(v, masked))
	shown.MoveToBegin()
	for shown.Line() < row {
		shown.CursorDown()
	}
	shown.SetCursorColumn(col)
	return shown.View()
}

// bodyCheckLine says whether the body parses, or where it does not.
func (b *RequestBuilder) bodyCheckLine(w int) string {
	s := b.c.Styles
	err := b.checkBody()
	var be *graph.BodyError
	switch {
	case b.bodyText() == "":
		return s.Dim.Render("no body is sent")
	case !b.jsonContent():
		return s.Dim.Render("sent as typed (Content-Type is not JSON)")
	case errors.As(err, &be):
		return s.Error.Render(ansi.Truncate(fmt.Sprintf("✗ line %d, column %d: %s", be.Line, be.Column, be.Reason), w, "…"))
	case err != nil:
		return s.Error.Render(ansi.Truncate("✗ "+err.Error(), w, "…"))
	}
	return s.BadgeOK.Render("✓ JSON")
}
