package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/render"
)

// bodyView is the Body tab: rows of text above the body (an error panel,
// notices), then the body's lines with line numbers. Everything a frame or
// a keypress does is bounded by what is on screen: lines are taken by
// index, cut to the pane in one pass (cellWalker), and wrapped only from
// the top row down until the pane is full. Nothing is ever laid out for
// the whole body.
type bodyView struct {
	src   lineSource      // nil: no body to show
	pal   *render.Palette // colours of src's lines; nil: plain text
	panel []string        // rows above the body, already fitted to the width

	top, topRow int // first visible line (panel rows first, then body lines) and, wrapping, its first visible row
	hoff        int // cells scrolled right (not wrapping)
	wrap        bool
	w, h        int

	match     byteSpan // current search match in plain bytes of matchLine
	matchLine int      // body line of the current match; -1 for none

	pm     *Presenter  // masks lines in presenter mode; nil: never
	masked maskedLines // the lines on screen, masked

	walk   cellWalker
	wc     wrapCache
	rs     rowStyle
	gutter gutter
}

func newBodyView() *bodyView { return &bodyView{matchLine: -1, wc: wrapCache{line: -1}} }

func (b *bodyView) restyle(s *Styles) {
	b.gutter.on, b.gutter.off = styleCodes(s.LineNumber)
	b.rs.on, b.rs.off = styleCodes(s.Match)
}

// styleCodes splits what a style writes around its text, so rows can switch
// it on and off without rendering through lipgloss per cell.
func styleCodes(st lipgloss.Style) (on, off string) {
	on, off, _ = strings.Cut(st.Render("\u2063"), "\u2063")
	return on, off
}

// setSource shows a new body from the top.
func (b *bodyView) setSource(src lineSource) {
	b.src, b.pal = src, paletteOf(src)
	b.top, b.topRow, b.hoff = 0, 0, 0
	b.matchLine = -1
	b.resetWrap()
}

// swapSource shows more of the same body (its rest, or more pages) where
// the reader is: the lines on screen stay the same lines.
func (b *bodyView) swapSource(src lineSource) {
	b.src, b.pal = src, paletteOf(src)
	b.matchLine = -1
	b.resetWrap()
	b.clamp()
}

// line is body line n as it is drawn: masked in presenter mode. Search
// offsets stay valid, as masking keeps every byte where it was.
func (b *bodyView) line(n int) []byte {
	return b.masked.get(b.pm, n, b.src.Line(n), 4*max(b.h, 16))
}

func (b *bodyView) lines() int {
	if b.src == nil {
		return 0
	}
	return b.src.Len()
}

func (b *bodyView) total() int { return len(b.panel) + b.lines() }

func (b *bodyView) setSize(w, h int) {
	b.w, b.h = max(w, 0), max(h, 0)
	b.clamp()
}

func (b *bodyView) setWrap(on bool) {
	b.wrap = on
	b.topRow, b.hoff = 0, 0
	b.resetWrap()
	b.clamp()
}

// gutterWidth is the line-number column with its space; none when the pane
// is too narrow to spare it.
func (b *bodyView) gutterWidth() int {
	n := b.lines()
	if n == 0 {
		return 0
	}
	gw := len(strconv.Itoa(n)) + 1
	if b.w-gw < 8 {
		return 0
	}
	return gw
}

func (b *bodyView) contentWidth() int { return max(b.w-b.gutterWidth(), 1) }

// lastTop is the top position that shows the end of the body on the last
// row. Wrapping, it counts rows back from the end, one screen at most.
func (b *bodyView) lastTop() (int, int) {
	if !b.wrap {
		return max(b.total()-b.h, 0), 0
	}
	rows := 0
	for i := b.total() - 1; i >= 0; i-- {
		r := b.rowsOf(i)
		if rows+r >= b.h {
			return i, rows + r - b.h
		}
		rows += r
	}
	return 0, 0
}

func before(line, row, line2, row2 int) bool {
	return line < line2 || line == line2 && row < row2
}

func (b *bodyView) clamp() {
	if !b.wrap {
		b.topRow = 0
	}
	if lt, lr := b.lastTop(); before(lt, lr, b.top, b.topRow) {
		b.top, b.topRow = lt, lr
	}
	if b.top < 0 {
		b.top, b.topRow = 0, 0
	}
}

func (b *bodyView) scrollDown(n int) {
	lt, lr := b.lastTop()
	if !b.wrap {
		b.top = min(b.top+n, lt)
		return
	}
	for ; n > 0 && before(b.top, b.topRow, lt, lr); n-- {
		if b.topRow+1 < b.rowsOf(b.top) {
			b.topRow++
		} else {
			b.top, b.topRow = b.top+1, 0
		}
	}
}

func (b *bodyView) scrollUp(n int) {
	if !b.wrap {
		b.top = max(b.top-n, 0)
		return
	}
	for ; n > 0; n-- {
		switch {
		case b.topRow > 0:
			b.topRow--
		case b.top > 0:
			b.top--
			b.topRow = b.rowsOf(b.top) - 1
		default:
			return
		}
	}
}

func (b *bodyView) home() { b.top, b.topRow = 0, 0 }

func (b *bodyView) end() { b.top, b.topRow = b.lastTop() }

// scrollRight moves right by step cells, but not past the end of the
// longest visible line (measured only as far as needed).
func (b *bodyView) scrollRight(step int) {
	if b.wrap || b.src == nil {
		return
	}
	cw, longest := b.contentWidth(), 0
	limit := b.hoff + step + cw
	first := max(b.top-len(b.panel), 0)
	for n := first; n < min(first+b.h, b.lines()); n++ {
		b.walk.reset(b.line(n), b.pal)
		longest = max(longest, b.walk.measure(limit))
	}
	b.hoff = min(b.hoff+step, max(b.hoff, longest-cw))
}

func (b *bodyView) scrollLeft(step int) { b.hoff = max(b.hoff-step, 0) }

// firstLine is the 1-based number of the first body line on screen (0 with
// no body), for the position shown in the footer.
func (b *bodyView) firstLine() int {
	if b.lines() == 0 {
		return 0
	}
	return min(max(b.top-len(b.panel), 0), b.lines()-1) + 1
}

// reveal scrolls so that plain bytes [start, end) of body line n are on
// screen, a third of the way down when they were off screen.
func (b *bodyView) reveal(n, start, end int) {
	if b.src == nil {
		return
	}
	vi := len(b.panel) + n
	if b.wrap {
		if r := b.rowAt(vi, start); !b.rowOnScreen(vi, r) {
			b.top, b.topRow = vi, r
			b.scrollUp(b.h / 3)
			b.clamp()
		}
		return
	}
	if !b.rowOnScreen(vi, 0) {
		b.top = max(vi-b.h/3, 0)
		b.clamp()
	}
	b.walk.reset(b.line(n), b.pal)
	from, to := b.cellOf(start), b.cellOf(end)
	if cw := b.contentWidth(); from < b.hoff || to > b.hoff+cw {
		b.hoff = max(from-cw/4, 0)
	}
}

// cellOf advances the walker to plain byte p and returns its cell.
func (b *bodyView) cellOf(p int) int {
	w := &b.walk
	for w.plain < p {
		u := w.peek()
		if u.kind == unitEnd {
			break
		}
		if u.kind == unitText && u.n == 1 { // a run of ASCII in one step
			j := w.i
			for j < len(w.line) && j-w.i < p-w.plain && w.line[j] >= 0x20 && w.line[j] < 0x7f {
				j++
			}
			n := j - w.i
			w.i, w.col, w.plain = j, w.col+n, w.plain+n
			continue
		}
		w.advance(u)
	}
	return w.col
}

// rowOnScreen reports whether row r of line vi is among the visible rows.
func (b *bodyView) rowOnScreen(vi, r int) bool {
	if before(vi, r, b.top, b.topRow) {
		return false
	}
	rows := -b.topRow
	for i := b.top; i < vi; i++ {
		if rows += b.rowsOf(i); rows >= b.h {
			return false
		}
	}
	return rows+r < b.h
}

// render appends the visible rows, each exactly w cells, joined by "\n".
func (b *bodyView) render(dst []byte) []byte {
	if b.h <= 0 {
		return dst
	}
	gw := b.gutterWidth()
	cw := b.w - gw
	rows := 0
	newRow := func() {
		if rows > 0 {
			dst = append(dst, '\n')
		}
		rows++
	}
	for i, skip := b.top, b.topRow; rows < b.h && i < b.total(); i, skip = i+1, 0 {
		if i < len(b.panel) {
			newRow()
			dst = appendFitted(dst, b.panel[i], b.w)
			continue
		}
		n := i - len(b.panel)
		b.walk.reset(b.line(n), b.pal)
		rs := b.rowStyleFor(n)
		if !b.wrap {
			newRow()
			dst = b.gutter.appendNum(dst, n+1, gw)
			var used int
			dst, used = b.walk.appendRow(dst, cw, b.walk.skipTo(b.hoff), false, true, rs)
			dst = appendSpaces(dst, cw-used)
			continue
		}
		if skip > 0 {
			b.seekRow(i, skip)
		}
		for first := b.topRow == 0 || i > b.top; rows < b.h; first = false {
			newRow()
			if first {
				dst = b.gutter.appendNum(dst, n+1, gw)
			} else {
				dst = appendSpaces(dst, gw)
			}
			var used int
			dst, used = b.walk.appendRow(dst, cw, 0, true, true, rs)
			dst = appendSpaces(dst, cw-used)
			if b.walk.done() {
				break
			}
		}
	}
	for rows < b.h {
		newRow()
		dst = appendSpaces(dst, b.w)
	}
	return dst
}

func (b *bodyView) rowStyleFor(n int) *rowStyle {
	if n != b.matchLine {
		return nil
	}
	b.rs.match = b.match
	return &b.rs
}

// gutter draws line numbers in the body and the table: its colour
// sequences are cut once from the styles.
type gutter struct{ on, off string }

// appendNum writes num right-aligned in gw cells, the last a space.
func (g gutter) appendNum(dst []byte, num, gw int) []byte {
	if gw == 0 {
		return dst
	}
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], int64(num), 10)
	dst = appendSpaces(dst, gw-1-len(d))
	dst = append(dst, g.on...)
	dst = append(dst, d...)
	dst = append(dst, g.off...)
	return append(dst, ' ')
}

func appendSpaces(dst []byte, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, ' ')
	}
	return dst
}

// appendFitted writes a short styled row cut or padded to w cells.
func appendFitted(dst []byte, s string, w int) []byte {
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "")
	}
	dst = append(dst, s...)
	return appendSpaces(dst, w-ansi.StringWidth(s))
}
