package graph

import (
	"errors"
	"fmt"
	"math"
)

// SyntaxError reports invalid JSON; the caller shows the body another way.
type SyntaxError struct {
	Offset int // byte offset in the input where the problem was noticed
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at byte %d: %s", e.Offset, e.Msg)
}

// ErrTooLarge means the pretty-printed text would be unreasonably large
// (deep nesting multiplies indentation); show the body raw instead.
var ErrTooLarge = errors.New("pretty-printed JSON would be too large; showing it raw is safer")

// maxDepth matches encoding/json, so both accept the same documents.
const maxDepth = 10000

// Highlight pretty-prints valid JSON into dst in one pass, colouring tokens
// with p (nil means no colours). With colours stripped the text is exactly
// what json.Indent(body, "", "  ") produces, split at '\n'. String contents
// are copied as written, so an escaped \u001b stays escaped text. dst's
// memory is reused.
func Highlight(dst *Lines, body []byte, p *Palette) error {
	h := highlighter{src: body, p: p, out: dst.buf[:0], ends: dst.ends[:0], maxDepth: maxDepth}
	h.limit = min(max(64<<20, 32*len(body)), math.MaxUint32)
	grow := 2 * len(body)
	if p != nil {
		grow = 4 * len(body)
	}
	if cap(h.out) < grow {
		h.out = make([]byte, 0, grow)
	}
	err := h.run()
	if err != nil {
		dst.buf, dst.ends = h.out[:0], h.ends[:0]
		return err
	}
	dst.buf, dst.ends = h.out, h.ends
	return nil
}

type highlighter struct {
	src   []byte
	p     *Palette
	out   []byte
	ends  []uint32
	open  tokenKind // colour currently on
	stack []byte    // '{' or '[' per open container

	limit    int // output bytes
	maxDepth int
}

func (h *highlighter) fail(at int, format string, args ...any) error {
	return &SyntaxError{Offset: at, Msg: fmt.Sprintf(format, args...)}
}

// run walks the JSON token by token. It is either looking for a value or
// just past one.
func (h *highlighter) run() error {
	i, wantValue := 0, true
	var err error
	for {
		if len(h.out) > h.limit {
			return ErrTooLarge
		}
		switch {
		case wantValue:
			i, wantValue, err = h.value(i)
		case len(h.stack) == 0:
			return h.trailer(i)
		default:
			i, wantValue, err = h.afterValue(i)
		}
		if err != nil {
			return err
		}
	}
}

// value emits the value at src[i] (after spaces), or opens a container.
// It reports whether another value is wanted next.
func (h *highlighter) value(i int) (int, bool, error) {
	src := h.src
	i = skipSpace(src, i)
	if i >= len(src) {
		return i, false, h.fail(i, "unexpected end of JSON input")
	}
	var err error
	switch c := src[i]; {
	case c == '{' || c == '[':
		if len(h.stack) >= h.maxDepth {
			return i, false, h.fail(i, "exceeded max depth")
		}
		h.emitByte(kindPunct, c)
		i = skipSpace(src, i+1)
		closer := c + 2 // '{'+2 == '}', '['+2 == ']'
		if i < len(src) && src[i] == closer {
			h.emitByte(kindPunct, closer) // {} and [] stay on one line, as in json.Indent
			return i + 1, false, nil
		}
		h.stack = append(h.stack, c)
		h.newline()
		if c == '{' {
			i, err = h.key(i)
		}
		return i, true, err
	case c == '"':
		end, err := scanString(src, i)
		if err != nil {
			return i, false, err
		}
		h.emit(kindString, src[i:end])
		return end, false, nil
	case c == '-' || c >= '0' && c <= '9':
		end, err := scanNumber(src, i)
		if err != nil {
			return i, false, err
		}
		h.emit(kindNumber, src[i:end])
		return end, false, nil
	case c == 't':
		i, err = h.literal(i, "true")
	case c == 'f':
		i, err = h.literal(i, "false")
	case c == 'n':
		i, err = h.literal(i, "null")
	default:
		err = h.fail(i, "invalid character %q looking for beginning of value", c)
	}
	return i, false, err
}

// afterValue handles what may follow a value inside a container: a comma
// (then the next key, in an object) or the matching closer.
func (h *highlighter) afterValue(i int) (int, bool, error) {
	src := h.src
	i = skipSpace(src, i)
	if i >= len(src) {
		return i, false, h.fail(i, "unexpected end of JSON input")
	}
	c, top := src[i], h.stack[len(h.stack)-1]
	switch {
	case c == ',':
		h.emitByte(kindPunct, ',')
		h.newline()
		if top == '{' {
			i, err := h.key(i + 1)
			return i, true, err
		}
		return i + 1, true, nil
	case c == top+2:
		h.stack = h.stack[:len(h.stack)-1]
		h.newline()
		h.emitByte(kindPunct, c)
		return i + 1, false, nil
	case top == '{':
		return i, false, h.fail(i, "invalid character %q after object key:value pair", c)
	}
	return i, false, h.fail(i, "invalid character %q after array element", c)
}

// key reads `"name"`, the colon and the space json.Indent puts after it.
func (h *highlighter) key(i int) (int, error) {
	src := h.src
	i = skipSpace(src, i)
	if i >= len(src) {
		return i, h.fail(i, "unexpected end of JSON input")
	}
	if src[i] != '"' {
		return i, h.fail(i, "invalid character %q looking for beginning of object key string", src[i])
	}
	end, err := scanString(src, i)
	if err != nil {
		return i, err
	}
	h.emit(kindKey, src[i:end])
	i = skipSpace(src, end)
	if i >= len(src) {
		return i, h.fail(i, "unexpected end of JSON input")
	}
	if src[i] != ':' {
		return i, h.fail(i, "invalid character %q after object key", src[i])
	}
	h.emitByte(kindPunct, ':')
	h.out = append(h.out, ' ')
	return i + 1, nil
}

func (h *highlighter) literal(i int, word string) (int, error) {
	for k := 0; k < len(word); k++ {
		if i+k >= len(h.src) {
			return i, h.fail(i+k, "unexpected end of JSON input")
		}
		if h.src[i+k] != word[k] {
			return i, h.fail(i+k, "invalid character %q in literal %s (expecting %q)", h.src[i+k], word, word[k])
		}
	}
	h.emit(kindConstant, h.src[i:i+len(word)])
	return i + len(word), nil
}

// trailer copies what follows the top-level value: json.Indent keeps
// trailing whitespace, so a body ending in "\n" ends with an empty line.
func (h *highlighter) trailer(i int) error {
	h.closeColour()
	for ; i < len(h.src); i++ {
		switch c := h.src[i]; c {
		case '\n':
			h.endLine()
		case ' ', '\t', '\r':
			h.out = append(h.out, c)
		default:
			return h.fail(i, "invalid character %q after top-level value", c)
		}
	}
	h.endLine()
	return nil
}

func (h *highlighter) emit(k tokenKind, b []byte) {
	if h.p != nil && k != h.open {
		h.out = append(h.out, h.p.switchTo[h.open][k]...)
		h.open = k
	}
	h.out = append(h.out, b...)
}

func (h *highlighter) emitByte(k tokenKind, c byte) {
	if h.p != nil && k != h.open {
		h.out = append(h.out, h.p.switchTo[h.open][k]...)
		h.open = k
	}
	h.out = append(h.out, c)
}

func (h *highlighter) closeColour() {
	if h.open != kindNone {
		h.out = append(h.out, h.p.switchTo[h.open][kindNone]...)
		h.open = kindNone
	}
}

func (h *highlighter) endLine() {
	h.ends = append(h.ends, uint32(len(h.out)))
	h.out = append(h.out, '\n')
}

const spaces = "                                                                                                                                "

// newline ends the line and indents the next by two spaces per open container.
func (h *highlighter) newline() {
	h.closeColour()
	h.endLine()
	for n := 2 * len(h.stack); n > 0; {
		k := min(n, len(spaces))
		h.out = append(h.out, spaces[:k]...)
		n -= k
	}
}
