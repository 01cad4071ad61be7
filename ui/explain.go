package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/session"
)

// ExplainDialog takes a failure that happened elsewhere (a daemon's log,
// an SDK exception): its URL, method, status and error body, pasted. The
// root runs the doctor on it and shows the result in the Diagnosis tab;
// nothing is sent to Graph.
type ExplainDialog struct {
	c    *Common
	Keys ExplainKeyMap
	out  outbox

	width, height int

	url     textinput.Model
	status  textinput.Model
	body    textarea.Model
	method  int // index into explainMethods
	profile string
	useNone bool // explain from the error alone, not with the profile's token
	focus   explainField

	err     string // why the last run was refused; shown above the keys
	running bool   // the doctor (and maybe a token request) is under way
}

type explainField int

const (
	explainURL explainField = iota
	explainMethod
	explainStatus
	explainBody
	explainRoles
	explainFieldCount
)

var explainMethods = []string{http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete}

// explainBodyLimit bounds a paste: a logged response with its exception
// text fits many times over.
const explainBodyLimit = 256 << 10

// NewExplainDialog opens the form empty. profile is the selected profile,
// whose token tells the doctor which roles the app has; "" leaves only
// "none".
func NewExplainDialog(c *Common, profile string) *ExplainDialog {
	d := &ExplainDialog{c: c, Keys: DefaultExplainKeyMap(), profile: profile, useNone: profile == ""}
	d.url = themedTextInput(c.Styles)
	d.url.Placeholder = "e.g. https://graph.microsoft.com/v1.0/users or /users"
	d.status = themedTextInput(c.Styles)
	d.status.Placeholder = "e.g. 403"
	d.status.CharLimit = 3
	d.body = textarea.New()
	d.body.ShowLineNumbers = false
	d.body.Prompt = ""
	d.body.Placeholder = "paste the response body as logged: the JSON, or the exception text that holds it"
	d.body.CharLimit = explainBodyLimit
	d.body.MaxHeight = 0 // a long stack trace is kept whole, and scrolls
	d.Restyle(c.Styles)
	return d
}

// explainMsg asks the root to run the doctor on In, with the selected
// profile's token unless None.
type explainMsg struct {
	dialog *ExplainDialog
	In     session.ExplainInput
	None   bool
}

func (explainMsg) intent() {}

// Size is the usual dialog box.
func (d *ExplainDialog) Size(screenW, screenH int) (w, h int, fullScreen bool) {
	return dialogSize(screenW, screenH)
}

func (d *ExplainDialog) SetSize(width, height int) {
	d.width, d.height = max(width, 0), max(height, 0)
	vw := max(d.valueWidth()-1, 1) // one cell for the cursor
	d.url.SetWidth(vw)
	d.status.SetWidth(vw)
	d.body.SetWidth(max(d.valueWidth(), 1))
	d.body.SetHeight(max(d.bodyRows(), 1))
}

// Restyle colours the inputs for the theme.
func (d *ExplainDialog) Restyle(st *Styles) {
	d.url.SetStyles(inputStyles(st))
	d.status.SetStyles(inputStyles(st))
	ts := textarea.DefaultStyles(st.Dark)
	for _, s := range []*textarea.StyleState{&ts.Focused, &ts.Blurred} {
		s.Text, s.Placeholder, s.CursorLine = st.Value, st.Dim, st.Value
	}
	ts.Cursor.Color = st.Accent
	d.body.SetStyles(ts)
}

func (d *ExplainDialog) Focus() tea.Cmd { return d.setFocus(d.focus) }

func (d *ExplainDialog) Blur() {
	d.url.Blur()
	d.status.Blur()
	d.body.Blur()
}

// Capturing is true: every key belongs to the open dialog.
func (d *ExplainDialog) Capturing() bool { return true }

func (d *ExplainDialog) setFocus(f explainField) tea.Cmd {
	d.Blur()
	d.focus = f
	switch f {
	case explainURL:
		return d.url.Focus()
	case explainStatus:
		return d.status.Focus()
	case explainBody:
		return d.body.Focus()
	}
	return nil
}

func (d *ExplainDialog) Update(msg tea.Msg) (tea.Cmd, []Intent) { return d.out.done(d.update(msg)) }

func (d *ExplainDialog) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return d.key(msg)
	case tea.PasteMsg:
		if d.running {
			return nil
		}
		if d.focus != explainBody && (d.focus == explainMethod || d.focus == explainRoles || strings.Contains(msg.Content, "{") && strings.Contains(msg.Content, "error")) {
			// An error body pasted before moving to its field lands there:
			// a one-line field would keep a mangled first line of it.
			return tea.Batch(d.setFocus(explainBody), d.updateInput(msg))
		}
	}
	return d.updateInput(msg) // cursor blink, paste
}

// updateInput hands msg to the focused text field; an edit clears the
// error of the last run.
func (d *ExplainDialog) updateInput(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch d.focus {
	case explainURL:
		d.url, cmd = d.url.Update(msg)
	case explainStatus:
		d.status, cmd = d.status.Update(msg)
	case explainBody:
		d.body, cmd = d.body.Update(msg)
	default:
		return nil
	}
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		d.err = ""
	}
	return cmd
}

func (d *ExplainDialog) key(k tea.KeyPressMsg) tea.Cmd {
	keys := d.Keys
	if key.Matches(k, keys.Close) {
		return d.out.emit(closeDialogMsg{})
	}
	if d.running {
		return nil
	}
	switch {
	case key.Matches(k, keys.Run), key.Matches(k, keys.Submit) && d.focus == explainRoles:
		return d.run()
	case key.Matches(k, keys.Next), key.Matches(k, keys.Submit) && d.focus != explainBody:
		return d.setFocus((d.focus + 1) % explainFieldCount)
	case key.Matches(k, keys.Prev):
		return d.setFocus((d.focus + explainFieldCount - 1) % explainFieldCount)
	case d.focus == explainMethod || d.focus == explainRoles:
		switch {
		case key.Matches(k, keys.Left):
			d.cycle(-1)
		case key.Matches(k, keys.Right):
			d.cycle(+1)
		}
		return nil
	}
	return d.updateInput(k)
}

func (d *ExplainDialog) cycle(delta int) {
	d.err = ""
	if d.focus == explainMethod {
		n := len(explainMethods)
		d.method = (d.method + delta + n) % n
		return
	}
	if d.profile != "" {
		d.useNone = !d.useNone
	}
}

// run checks the fields and asks the root to explain them. What cannot
// be used is said in the dialog, which stays open on the field to fix.
func (d *ExplainDialog) run() tea.Cmd {
	in, bad, err := d.input()
	if err != "" {
		d.err = err
		return d.setFocus(bad)
	}
	d.err, d.running = "", true
	return d.out.emit(explainMsg{dialog: d, In: in, None: d.useNone})
}

// input is the fields as the doctor takes them, or the first field that
// is wrong and what to do about it.
func (d *ExplainDialog) input() (session.ExplainInput, explainField, string) {
	u := strings.TrimSpace(d.url.Value())
	if u == "" {
		return session.ExplainInput{}, explainURL, "Give the request's URL or path, e.g. /users."
	}
	code, err := strconv.Atoi(strings.TrimSpace(d.status.Value()))
	if err != nil || code < 100 || code > 599 {
		return session.ExplainInput{}, explainStatus, "Give the HTTP status that was logged, e.g. 403."
	}
	body := []byte(d.body.Value())
	if len(bytes.TrimSpace(body)) == 0 {
		return session.ExplainInput{}, explainBody, "Paste the error body: the JSON Graph answered, or the exception text that holds it."
	}
	if _, ok := session.ErrorJSON(body); !ok {
		return session.ExplainInput{}, explainBody, `No JSON object with an "error" member was found in the text: paste the response body as logged.`
	}
	return session.ExplainInput{Method: explainMethods[d.method], URL: u, Status: code, Error: body}, 0, ""
}

// finished ends a run: err, if any, is shown and the form stays open.
func (d *ExplainDialog) finished(err string) {
	d.running = false
	d.err = err
}

// ExplainKeyMap is the explain dialog's keys.
type ExplainKeyMap struct {
	Next, Prev, Left, Right, Submit, Run, Close key.Binding
}

// DefaultExplainKeyMap is the explain dialog's default bindings. Up and
// down stay with the body's cursor.
func DefaultExplainKeyMap() ExplainKeyMap {
	return ExplainKeyMap{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Left:   key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous choice")),
		Right:  key.NewBinding(key.WithKeys("right", "space"), key.WithHelp("→", "next choice")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / explain on the last field")),
		Run:    key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "explain")),
		Close:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}

func (d *ExplainDialog) ShortHelp() []key.Binding {
	k := d.Keys
	if d.focus == explainMethod || d.focus == explainRoles {
		return []key.Binding{k.Left, k.Right, k.Next, k.Run, k.Close}
	}
	return []key.Binding{k.Next, k.Run, k.Close}
}

func (d *ExplainDialog) FullHelp() [][]key.Binding {
	k := d.Keys
	return [][]key.Binding{{k.Next, k.Prev}, {k.Left, k.Right}, {k.Submit, k.Run, k.Close}}
}

// rolesChoice is the roles row's text.
func (d *ExplainDialog) rolesChoice() string {
	if d.useNone {
		return "none: from Graph's words and the reference"
	}
	return fmt.Sprintf("the token of %s (the selected profile)", d.profile)
}
