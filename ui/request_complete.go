package ui

import (
	"fmt"
	"regexp"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Completions come from the permission reference, whose paths name their
// ids as placeholders: /users/{id}/messages. Accepting one selects its
// first placeholder, so what is typed next replaces it; a path that still
// holds one is not sent (it would go out as %7Bid%7D).

// placeholderRE is one {name} segment or part of one.
var placeholderRE = regexp.MustCompile(`\{[^{}/?]*\}`)

// pathHole is the placeholder selected in the path input, in runes. It
// holds only while the path is still the value it was selected in.
type pathHole struct {
	start, end int
	in         string // the path value when it was selected
}

// firstPlaceholder is the first {name} in path (not its query string)
// as rune offsets.
func firstPlaceholder(path string) (start, end int, ok bool) {
	loc := placeholderRE.FindStringIndex(pathBase(path))
	if loc == nil {
		return 0, 0, false
	}
	return utf8.RuneCountInString(path[:loc[0]]), utf8.RuneCountInString(path[:loc[1]]), true
}

// activeHole is the selected placeholder, if one is still selected.
func (b *RequestBuilder) activeHole() (pathHole, bool) {
	h := b.hole
	return h, h.in != "" && h.in == b.path.Value()
}

// selectPlaceholder selects the path's first placeholder, with the cursor
// before it; false when there is none.
func (b *RequestBuilder) selectPlaceholder() bool {
	v := b.path.Value()
	start, end, ok := firstPlaceholder(v)
	if !ok {
		b.hole = pathHole{}
		return false
	}
	b.hole = pathHole{start: start, end: end, in: v}
	b.path.SetCursor(start)
	return true
}

// completed follows a key in the path input: when it accepted a
// completion, the completion's first placeholder is selected.
func (b *RequestBuilder) completed(k tea.KeyPressMsg, before string) {
	if key.Matches(k, b.path.KeyMap.AcceptSuggestion) && b.path.Value() != before {
		b.selectPlaceholder()
	}
}

// holeKey handles a key while a placeholder is selected: text replaces
// it, backspace or delete removes it; any other key unselects it and
// goes on as usual (done false).
func (b *RequestBuilder) holeKey(k tea.KeyPressMsg) (cmd tea.Cmd, done bool) {
	h, ok := b.activeHole()
	if !ok {
		return nil, false
	}
	b.hole = pathHole{}
	km := b.path.KeyMap
	switch {
	case k.Text != "":
		b.cutHole(h)
		return nil, false // the input types the text where the placeholder was
	case key.Matches(k, km.DeleteCharacterBackward, km.DeleteCharacterForward):
		b.cutHole(h)
		b.out.emit(pathEditedMsg{Value: b.path.Value(), Method: b.method})
		return nil, true
	}
	return nil, false
}

// pasteIntoHole makes a paste replace the selected placeholder.
func (b *RequestBuilder) pasteIntoHole(msg tea.Msg) {
	if _, paste := msg.(tea.PasteMsg); !paste {
		return
	}
	if h, ok := b.activeHole(); ok {
		b.hole = pathHole{}
		b.cutHole(h)
	}
}

func (b *RequestBuilder) cutHole(h pathHole) {
	r := []rune(b.path.Value())
	b.path.SetValue(string(r[:h.start]) + string(r[h.end:]))
	b.path.SetCursor(h.start)
}

// placeholderError refuses a path that still holds a placeholder.
type placeholderError struct{ name string }

func (e *placeholderError) Error() string {
	return fmt.Sprintf("fill in %s in the path first", e.name)
}

func checkPlaceholders(path string) error {
	if m := placeholderRE.FindString(pathBase(path)); m != "" {
		return &placeholderError{name: m}
	}
	return nil
}

// pathInputView draws the path input, the selected placeholder
// highlighted when the whole path is on screen (else as the input draws
// it, with the cursor at the placeholder).
func (b *RequestBuilder) pathInputView() string {
	h, ok := b.activeHole()
	r := []rune(h.in)
	if !ok || !b.focused || b.mode != modePath || len(r) >= b.path.Width() {
		return b.c.Presenter.InputView(b.path, false)
	}
	s := b.c.Styles
	return s.Value.Render(b.c.Mask(string(r[:h.start]))) +
		s.Selected.Render(string(r[h.start:h.end])) +
		s.Value.Render(b.c.Mask(string(r[h.end:])))
}
