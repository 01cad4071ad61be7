package ui

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/render"
)

// cellWalker walks one line unit by unit (a grapheme, a colour sequence, an
// escaped byte), so drawing a row touches only the bytes up to the right
// edge of the screen, never the rest of a long line.
//
// Graph data must never drive the terminal: a byte that is not text (a
// control, DEL, a C1 control such as U+009B, invalid UTF-8) is drawn as
// \xNN or \u00NN. Only in highlighted JSON are the highlighter's colour
// marks (render.IsMark) taken as colour: valid JSON cannot hold those bytes
// raw, so every one there is the highlighter's.
type cellWalker struct {
	line  []byte
	pal   *render.Palette // turns marks into colour; nil: the line has none
	i     int             // next byte
	col   int             // cells before i
	plain int             // bytes before i that are text, not colour: search columns count these
	cur   byte            // the colour mark in force at i
}

// byteSpan is [start, end) of the plain bytes of a line: a search match.
type byteSpan struct{ start, end int }

type unitKind uint8

const (
	unitEnd    unitKind = iota
	unitColour          // a colour mark: no cells
	unitText            // a grapheme cluster, written as is
	unitSpaces          // a tab (or an invisible CR): width spaces
	unitEscape          // a byte or rune shown as the text in esc
)

type unit struct {
	kind  unitKind
	n     int // source bytes
	width int
	esc   [6]byte
}

// tabStop is where tabs in plain text bodies align.
const tabStop = 4

// sgrReset ends every row that set a colour, so nothing leaks past the pane.
const sgrReset = "\x1b[m"

func (w *cellWalker) reset(line []byte, pal *render.Palette) {
	w.line, w.pal = line, pal
	w.i, w.col, w.plain = 0, 0, 0
	w.cur = render.MarkNone
}

func (w *cellWalker) done() bool { return w.i >= len(w.line) }

// peek describes the unit at w.i without consuming it.
func (w *cellWalker) peek() unit {
	if w.i >= len(w.line) {
		return unit{kind: unitEnd}
	}
	b := w.line[w.i:]
	c := b[0]
	switch {
	case c >= 0x20 && c < 0x7f:
		return unit{kind: unitText, n: 1, width: 1}
	case w.pal != nil && render.IsMark(c):
		return unit{kind: unitColour, n: 1}
	case c == '\t':
		return unit{kind: unitSpaces, n: 1, width: tabStop - w.col%tabStop}
	case c == '\r' && len(b) == 1:
		return unit{kind: unitSpaces, n: 1} // the CR of a CRLF body ending
	case c < utf8.RuneSelf:
		return escapeUnit(`\x`, c, 1)
	}
	r, size := utf8.DecodeRune(b)
	switch {
	case r == utf8.RuneError && size == 1:
		return escapeUnit(`\x`, c, 1)
	case r < 0xa0: // C1 controls: U+009B is CSI to some terminals
		return escapeUnit(`\u00`, byte(r), size)
	}
	cluster, width := ansi.FirstGraphemeCluster(b, ansi.GraphemeWidth)
	return unit{kind: unitText, n: len(cluster), width: width}
}

func escapeUnit(prefix string, c byte, n int) unit {
	const hex = "0123456789abcdef"
	u := unit{kind: unitEscape, n: n}
	k := copy(u.esc[:], prefix)
	u.esc[k], u.esc[k+1] = hex[c>>4], hex[c&15]
	u.width = k + 2
	return u
}

func (w *cellWalker) advance(u unit) {
	if u.kind == unitColour {
		w.cur = w.line[w.i]
	} else {
		w.plain += u.n
	}
	w.i += u.n
	w.col += u.width
}

// skipTo passes every unit that ends at or before cell from. It returns how
// many cells of the unit now at w.i lie left of from (it straddles the edge).
func (w *cellWalker) skipTo(from int) int {
	for {
		u := w.peek()
		switch {
		case u.kind == unitEnd:
			return 0
		case u.kind == unitColour, w.col+u.width <= from && !(u.width == 0 && w.col == from):
			w.advance(u)
			continue
		}
		return from - w.col
	}
}

// measure advances until the line ends or limit cells are passed, and
// returns the cells passed: a bounded width for horizontal scrolling.
func (w *cellWalker) measure(limit int) int {
	for w.col < limit {
		u := w.peek()
		if u.kind == unitEnd {
			break
		}
		w.advance(u)
	}
	return w.col
}

// replay sets the colour in force again, for a row that starts mid-line
// or after a search match.
func (w *cellWalker) replay(dst []byte) []byte {
	if w.cur == render.MarkNone {
		return dst
	}
	return w.pal.AppendSwitch(dst, render.MarkNone, w.cur)
}

// rowStyle is how a row marks the current search match.
type rowStyle struct {
	match   byteSpan // plain bytes; empty when this line has no current match
	on, off string
}

// appendRow draws up to width cells from the walker's position and returns
// the cells used. cut hides the first cells of the first unit (it straddles
// the left edge). In wrap mode a unit that does not fit ends the row, so the
// next row starts with it; otherwise the row is filled to the edge. With
// draw false nothing is written: wrap mode uses that to count rows.
func (w *cellWalker) appendRow(dst []byte, width, cut int, wrap, draw bool, rs *rowStyle) ([]byte, int) {
	used, coloured, inMatch := 0, false, false
	if draw && w.cur != render.MarkNone {
		dst, coloured = w.replay(dst), true
	}
	for used < width {
		u := w.peek()
		if u.kind == unitEnd {
			break
		}
		if u.kind == unitColour {
			if draw {
				dst, coloured = w.pal.AppendSwitch(dst, w.cur, w.line[w.i]), true
			}
			w.advance(u)
			continue
		}
		if rs == nil && cut == 0 && u.kind == unitText && u.n == 1 {
			// Fast path: a run of printable ASCII is one cell per byte.
			j, end := w.i, w.i+min(width-used, len(w.line)-w.i)
			for j < end && w.line[j] >= 0x20 && w.line[j] < 0x7f {
				j++
			}
			if draw {
				dst = append(dst, w.line[w.i:j]...)
			}
			n := j - w.i
			w.i, w.col, w.plain, used = j, w.col+n, w.plain+n, used+n
			continue
		}
		if draw && rs != nil {
			want := w.plain >= rs.match.start && w.plain < rs.match.end
			if want != inMatch {
				if want {
					dst = append(dst, rs.on...)
				} else {
					dst = w.replay(append(dst, rs.off...))
				}
				inMatch, coloured = want, true
			}
		}
		visible, room := u.width-cut, width-used
		if visible > room && wrap && used > 0 {
			break // the next row starts with this unit
		}
		shown := min(visible, room)
		if draw {
			dst = appendUnit(dst, w.line[w.i:w.i+u.n], u, cut, shown)
		}
		used += shown
		if visible > room && !wrap {
			break // cut at the right edge; the rest is off screen
		}
		w.advance(u)
		cut = 0
	}
	if draw && inMatch {
		dst = append(dst, rs.off...)
	}
	if draw && coloured {
		dst = append(dst, sgrReset...)
	}
	return dst, used
}

// appendUnit writes shown cells of u starting at cell cut of it. Text that
// cannot be split (a wide character at an edge) becomes spaces.
func appendUnit(dst, src []byte, u unit, cut, shown int) []byte {
	switch {
	case u.kind == unitEscape:
		return append(dst, u.esc[cut:cut+shown]...)
	case u.kind == unitText && cut == 0 && shown == u.width:
		return append(dst, src...)
	}
	for range shown {
		dst = append(dst, ' ')
	}
	return dst
}
