package render

// JSON highlighting, all at once or a screen at a time.
//
// Whole body (the CLI, and any body that is quick to do):
//
//	var lines render.Lines
//	err := render.Highlight(&lines, body, palette) // palette nil: no colours
//
// Top first, rest later (the TUI, for large bodies):
//
//	h := render.NewHighlighter(body, palette)
//	done, err := h.Next(50)   // until at least 50 more lines are finished, or the end
//	top := h.Lines()          // snapshot of the finished lines: show it now
//	...                       // later, e.g. in a tea.Cmd:
//	done, err = h.Next(math.MaxInt) // or in steps, with h.Consumed() for progress
//	all := h.Lines()
//
// Next and Lines are for one goroutine at a time, but a snapshot returned by
// Lines may be read by any goroutine while Next runs: Next only ever writes
// after the snapshot's end, so the snapshot never changes.
//
// An error from Next is final. *SyntaxError means the body is not JSON after
// all and ErrTooLarge that indenting it would be unreasonable: show the body
// as text instead. Lines already handed out were checked as they were made:
// they hold no raw control byte or ESC (JSON strings cannot) but the colour
// marks, only not all of the body.

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
	h := newHighlighter(body, p, dst.buf, dst.ends)
	if _, err := h.Next(math.MaxInt); err != nil {
		dst.buf, dst.ends = h.out[:0], h.ends[:0]
		return err
	}
	*dst = Lines{buf: h.out[:h.w], ends: h.ends, pal: p}
	return nil
}

// highlightWritten is Highlight with the escape sequences written in place
// of the marks, for output that is written out once (Pretty): turning marks
// into sequences afterwards would be a second pass over the whole text.
// dst holds no marks and has no palette; its text is ready for a terminal.
func highlightWritten(dst *Lines, body []byte, p *Palette) error {
	h := newHighlighter(body, p, dst.buf, dst.ends)
	if p != nil {
		h.pal, h.mark, h.sw = nil, false, &p.switchTo
	}
	if _, err := h.Next(math.MaxInt); err != nil {
		dst.buf, dst.ends = h.out[:0], h.ends[:0]
		return err
	}
	*dst = Lines{buf: h.out[:h.w], ends: h.ends}
	return nil
}

// Highlighter is Highlight in steps, so that the first screen of a large
// body can be shown before the rest is done. See the top of this file.
type Highlighter struct {
	src []byte
	pal *Palette // nil when there are no colours
	// How colour changes are written (both off without colours): a mark
	// byte, or with sw the escape sequence itself (see highlightWritten).
	mark bool
	sw   *switchTable

	// The output is written at out[w]; len(out) is all the room there is.
	// Writing by index into room made ahead (grow) rather than appending
	// keeps the per-token cost to a few moves.
	out  []byte
	w    int
	ends []uint32 // offset of each finished line's '\n'

	stack []byte // '{' or '[' per open container
	i     int    // next byte of src to read
	state hlState
	open  tokenKind // colour currently on
	err   error     // sticky: the first error ends the work

	limit    int // output bytes
	maxDepth int

	// Streaming (see stream.go): src is a window of the body; more says
	// bytes may follow it. A step that runs into the window's end is
	// undone (errMore) so that it can be taken again with more input, and
	// whitespace after the top-level value is dropped, as Pretty trims it.
	stream, more bool
	// flat drops the indentation, for a stream that is only validated
	// (compact output): deep nesting then costs nothing.
	flat bool
}

// errMore means a step reached the end of a streamed window before the
// body's end; it never leaves the package.
var errMore = errors.New("render: more input needed")

// hlState is what the highlighter expects next.
type hlState uint8

const (
	wantValue  hlState = iota
	wantKey            // after '{' or a comma in an object
	afterValue         // a comma or the closer of the innermost container
	trailing           // whitespace after the top-level value
	finished
)

// NewHighlighter prepares to highlight body with p (nil means no colours).
// No work is done until Next. body must not change until the work is done.
func NewHighlighter(body []byte, p *Palette) *Highlighter {
	return newHighlighter(body, p, nil, nil)
}

// newHighlighter reuses buf's and ends' memory for the output.
func newHighlighter(body []byte, p *Palette, buf []byte, ends []uint32) *Highlighter {
	h := &Highlighter{src: body, out: buf[:cap(buf)], ends: ends[:0], maxDepth: maxDepth}
	h.pal, h.mark = p, p != nil
	// Line offsets are uint32; one step can add a token and an indent
	// beyond the limit before it is checked, hence the margin.
	h.limit = min(max(64<<20, 32*len(body)), math.MaxUint32-len(body)-1<<20)
	return h
}

// Next works until at least n more lines are finished (fewer only at the
// end of the body) and reports whether the whole body is done.
func (h *Highlighter) Next(n int) (done bool, err error) {
	if h.err == nil && h.state != finished {
		stop := math.MaxInt
		if n < math.MaxInt-len(h.ends) {
			stop = len(h.ends) + n
		}
		h.err = h.run(stop)
	}
	return h.err == nil && h.state == finished, h.err
}

// Lines returns the lines finished so far. Later calls to Next do not
// change what it returns (see the top of this file).
func (h *Highlighter) Lines() *Lines {
	n, end := len(h.ends), 0
	if n > 0 {
		end = int(h.ends[n-1]) + 1
	}
	return &Lines{buf: h.out[:end:end], ends: h.ends[:n:n], pal: h.pal}
}

// Consumed is how many bytes of the body have been read, for progress.
func (h *Highlighter) Consumed() int { return h.i }

// stepRoom is the output room one step needs beyond its indentation and
// any string or number: colour marks, punctuation, a literal.
const stepRoom = 256

// run takes steps until stop lines are finished or the body ends. A step
// is a member or element: key (in an object), value, then the comma or
// closer after it, falling through from one to the next; the state says
// where the next step starts. This is the hot loop: the state lives in
// locals, kept in registers, and goes back into h at the end.
func (h *Highlighter) run(stop int) error {
	src, sw, mark := h.src, h.sw, h.mark
	out, w, ends, stack := h.out, h.w, h.ends, h.stack
	i, state, open := h.i, h.state, h.open
	var err error
	// Where the current step started, so a streamed step cut by the end of
	// its window can be undone. A step never changes the stack or ends a
	// line before it can fail, so these five are all it changes.
	var i0, w0, e0 int
	var s0 hlState
	var o0 tokenKind
	for err == nil && len(ends) < stop && state != finished {
		i0, w0, e0, s0, o0 = i, w, len(ends), state, open
		if w > h.limit {
			err = ErrTooLarge
			break
		}
		room := stepRoom + 2*len(stack)
		if len(out)-w < room {
			out = h.grow(out, w, i, room)
		}
		switch state {
		case wantKey: // "name": with the space json.Indent puts after the colon
			if i, err = h.expect(src, i, '"', "looking for beginning of object key string"); err != nil {
				break
			}
			w, open = switchColour(out, w, sw, mark, open, kindKey)
			if out, w, i, err = h.copyString(out, w, i, room); err != nil {
				break
			}
			if i, err = h.expect(src, i, ':', "after object key"); err != nil {
				break
			}
			w, open = switchColour(out, w, sw, mark, open, kindPunct)
			out[w], out[w+1] = ':', ' '
			w, i = w+2, i+1
			fallthrough

		case wantValue:
			if i = skipSpace(src, i); i >= len(src) {
				err = h.fail(i, "unexpected end of JSON input")
				break
			}
			switch c := src[i]; {
			case c == '{' || c == '[':
				if len(stack) >= h.maxDepth {
					err = h.fail(i, "exceeded max depth")
					break
				}
				w, open = switchColour(out, w, sw, mark, open, kindPunct)
				out[w] = c
				w++
				i = skipSpace(src, i+1)
				if i == len(src) && h.more {
					err = errMore // the closer of {} may be next
					break
				}
				if closer := c + 2; i < len(src) && src[i] == closer { // '{'+2 == '}', '['+2 == ']'
					out[w] = closer // {} and [] stay on one line, as in json.Indent
					w, i = w+1, i+1
					break
				}
				stack = append(stack, c)
				w, open = switchColour(out, w, sw, mark, open, kindNone)
				w, ends = h.lineBreak(out, w, ends, i, len(stack))
				state = wantValue
				if c == '{' {
					state = wantKey
				}
				continue // the container's first member is the next step
			case c == '"':
				w, open = switchColour(out, w, sw, mark, open, kindString)
				out, w, i, err = h.copyString(out, w, i, room)
			default: // a number or a literal: check it, then copy it
				var end int
				kind := kindConstant
				switch {
				case c == '-' || c >= '0' && c <= '9':
					kind = kindNumber
					end, err = scanNumber(src, i)
				case c == 't':
					end, err = literal(src, i, "true")
				case c == 'f':
					end, err = literal(src, i, "false")
				case c == 'n':
					end, err = literal(src, i, "null")
				default:
					err = h.fail(i, "invalid character %q looking for beginning of value", c)
				}
				if err != nil {
					break
				}
				if end == len(src) && h.more {
					err = errMore // the number may go on in the next window
					break
				}
				if len(out)-w < end-i+room {
					out = h.grow(out, w, i, end-i+room)
				}
				w, open = switchColour(out, w, sw, mark, open, kind)
				w += copy(out[w:], src[i:end])
				i = end
			}
			if err != nil {
				break
			}
			if len(stack) == 0 {
				state = trailing
				continue
			}
			fallthrough

		case afterValue: // a comma or the closer of the innermost container
			if i = skipSpace(src, i); i >= len(src) {
				err = h.fail(i, "unexpected end of JSON input")
				break
			}
			switch c, top := src[i], stack[len(stack)-1]; {
			case c == ',':
				w, open = switchColour(out, w, sw, mark, open, kindPunct)
				out[w] = ','
				w, open = switchColour(out, w+1, sw, mark, open, kindNone)
				w, ends = h.lineBreak(out, w, ends, i, len(stack))
				i++
				state = wantValue
				if top == '{' {
					state = wantKey
				}
			case c == top+2:
				stack = stack[:len(stack)-1]
				w, open = switchColour(out, w, sw, mark, open, kindNone)
				w, ends = h.lineBreak(out, w, ends, i, len(stack))
				w, open = switchColour(out, w, sw, mark, open, kindPunct)
				out[w] = c
				w, i = w+1, i+1
				state = afterValue
				if len(stack) == 0 {
					state = trailing
				}
			case top == '{':
				err = h.fail(i, "invalid character %q after object key:value pair", c)
			default:
				err = h.fail(i, "invalid character %q after array element", c)
			}

		case trailing:
			if h.stream {
				if i = skipSpace(src, i); i < len(src) {
					err = h.fail(i, "invalid character %q after top-level value", src[i])
					break
				}
				if h.more {
					err = errMore
					break
				}
				w, open = switchColour(out, w, sw, mark, open, kindNone)
				w, ends = h.lineBreak(out, w, ends, i, 0)
				state = finished
				break
			}
			// json.Indent keeps the whitespace after the top-level value,
			// so a body ending in "\n" ends with an empty line.
			w, open = switchColour(out, w, sw, mark, open, kindNone)
			if need := len(src) - i + stepRoom; len(out)-w < need {
				out = h.grow(out, w, i, need)
			}
			for ; i < len(src) && err == nil; i++ {
				switch c := src[i]; c {
				case '\n':
					w, ends = h.lineBreak(out, w, ends, i, 0)
				case ' ', '\t', '\r':
					out[w] = c
					w++
				default:
					err = h.fail(i, "invalid character %q after top-level value", c)
				}
			}
			if err == nil {
				w, ends = h.lineBreak(out, w, ends, i, 0)
				state = finished
			}
		}
	}
	if h.more && err != nil {
		if se, ok := err.(*SyntaxError); err == errMore || ok && se.Offset >= len(src) {
			i, w, ends, state, open = i0, w0, ends[:e0], s0, o0
			err = errMore
		}
	}
	h.out, h.w, h.ends, h.stack = out, w, ends, stack
	h.i, h.state, h.open = i, state, open
	return err
}

// expect skips space to the next byte of src, which must be c; where says
// what was being read, for the error.
func (h *Highlighter) expect(src []byte, i int, c byte, where string) (int, error) {
	if i = skipSpace(src, i); i >= len(src) {
		return i, h.fail(i, "unexpected end of JSON input")
	}
	if src[i] != c {
		return i, h.fail(i, "invalid character %q "+where, src[i])
	}
	return i, nil
}

func (h *Highlighter) fail(at int, format string, args ...any) error {
	return &SyntaxError{Offset: at, Msg: fmt.Sprintf(format, args...)}
}

// literal checks that src[i:] starts with word and returns where it ends.
func literal(src []byte, i int, word string) (int, error) {
	for k := 0; k < len(word); k++ {
		if i+k >= len(src) {
			return 0, &SyntaxError{Offset: i + k, Msg: "unexpected end of JSON input"}
		}
		if src[i+k] != word[k] {
			return 0, &SyntaxError{Offset: i + k, Msg: fmt.Sprintf("invalid character %q in literal %s (expecting %q)", src[i+k], word, word[k])}
		}
	}
	return i + len(word), nil
}

// switchColour writes the change of colour from one token kind to another
// at out[w], as a mark or (with sw) an escape sequence, and returns the
// new end and kind. It needs 32 bytes of room.
func switchColour(out []byte, w int, sw *switchTable, mark bool, from, to tokenKind) (int, tokenKind) {
	if from != to {
		switch {
		case sw != nil:
			s := &sw[from][to]
			*(*[32]byte)(out[w:]) = s.b
			w += s.n
		case mark:
			out[w] = markBase + byte(to)
			w++
		}
	}
	return w, to
}

// lineBreak ends the line at out[w] and indents the next by two spaces per
// open container; it returns the new end and line ends. The colour must be
// closed already, so that every line stands on its own. read is how far
// src has been read (for growEnds).
func (h *Highlighter) lineBreak(out []byte, w int, ends []uint32, read, depth int) (int, []uint32) {
	if len(ends) == cap(ends) {
		ends = h.growEnds(ends, read)
	}
	ends = append(ends, uint32(w))
	out[w] = '\n'
	w++
	n := 2 * depth
	if h.flat {
		n = 0
	}
	if n <= len(indent32) {
		*(*[32]byte)(out[w:]) = indent32
		return w + n, ends
	}
	for n > 0 {
		k := copy(out[w:w+min(n, len(spaces))], spaces)
		w, n = w+k, n-k
	}
	return w, ends
}

const spaces = "                                                                                                                                "

var indent32 = [32]byte([]byte(spaces[:32]))

// projectionSample is how much input is read before the output's final
// size is predicted from it.
const projectionSample = 64 << 10

// projected predicts how many output units the whole body needs from the
// units so far and how much input they came from, with a margin; 0 when
// too little was read to tell.
func (h *Highlighter) projected(sofar, read int) int {
	if read < projectionSample {
		return 0
	}
	return int(float64(sofar) / float64(read) * float64(len(h.src)) * 1.1)
}

// grow returns out, copied into a larger buffer with room for n bytes after
// w. Once a sample of the input has been read (read bytes) it grows
// straight to the predicted final size, so a large body is copied once,
// early, rather than at every doubling. It is kept out of line so that the
// hot loops that call it keep their registers.
//
//go:noinline
func (h *Highlighter) grow(out []byte, w, read, n int) []byte {
	size := max(2*len(out), 64<<10)
	if p := h.projected(w, read); p > 0 {
		size = max(p, len(out)+len(out)/4)
	}
	bigger := make([]byte, max(size, w+n))
	copy(bigger, out[:w])
	return bigger
}

// growEnds is grow for the line ends.
//
//go:noinline
func (h *Highlighter) growEnds(ends []uint32, read int) []uint32 {
	size := max(2*cap(ends), 1024)
	if p := h.projected(len(ends), read); p > 0 {
		size = max(p, cap(ends)+cap(ends)/4)
	}
	bigger := make([]uint32, len(ends), size)
	copy(bigger, ends)
	return bigger
}
