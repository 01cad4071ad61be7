package ui

import (
	"sort"

	"github.com/graphtui/graphtui/render"
)

// wrapCache keeps what is costly to learn about long lines in wrap mode:
// how many rows each line takes, and where rows start in the line at the
// top. Without it every keypress deep inside a multi-megabyte line (a
// base64 attachment) would walk that line from its start.
type wrapCache struct {
	width  int         // content width the cache holds for
	rows   map[int]int // line (panel rows first) -> rows it wraps to
	line   int         // the line the checkpoints belong to; -1 for none
	points []walkMark  // walker state at row 0 and every markEvery rows, ascending
}

// markEvery bounds a seek inside a line to that many rows of walking.
const markEvery = 64

// maxCachedRows bounds the row counts kept; beyond it the cache restarts.
const maxCachedRows = 1 << 14

type walkMark struct {
	row, i, col, plain int
	cur                byte // the colour in force
}

// resetWrap forgets everything: the body, the width or the wrap mode changed.
func (b *bodyView) resetWrap() {
	b.wc.width = b.contentWidth()
	clear(b.wc.rows)
	b.wc.line, b.wc.points = -1, b.wc.points[:0]
}

func (b *bodyView) checkWrapWidth() {
	if b.wc.width != b.contentWidth() || b.wc.rows == nil {
		if b.wc.rows == nil {
			b.wc.rows = map[int]int{}
		}
		b.resetWrap()
	}
}

// rowsOf is how many rows line i takes: one unless wrapping, when it walks
// that one line, once.
func (b *bodyView) rowsOf(i int) int {
	if !b.wrap || i < len(b.panel) {
		return 1
	}
	b.checkWrapWidth()
	if n, ok := b.wc.rows[i]; ok {
		return n
	}
	b.walk.reset(b.line(i-len(b.panel)), b.pal)
	cw, rows := b.contentWidth(), 0
	for {
		b.walk.appendRow(nil, cw, 0, true, false, nil)
		rows++
		if b.walk.done() {
			break
		}
	}
	if len(b.wc.rows) >= maxCachedRows {
		clear(b.wc.rows)
	}
	b.wc.rows[i] = rows
	return rows
}

// seekRow puts the walker at the start of row `row` of line i (a body
// line), starting from the nearest checkpoint at or before it.
func (b *bodyView) seekRow(i, row int) {
	m := b.checkpoint(i, func(m *walkMark) bool { return m.row > row })
	for r := m.row; r < row && !b.walk.done(); {
		r = b.nextRow(r)
	}
}

// rowAt is the row of line i (a body line) that holds plain byte p.
func (b *bodyView) rowAt(i, p int) int {
	m := b.checkpoint(i, func(m *walkMark) bool { return m.plain > p })
	r := m.row
	for !b.walk.done() {
		next := b.nextRow(r)
		if b.walk.plain > p {
			return r
		}
		r = next
	}
	return r
}

// checkpoint restores the walker to the last checkpoint of line i for
// which after is false, and returns it.
func (b *bodyView) checkpoint(i int, after func(*walkMark) bool) walkMark {
	b.checkWrapWidth()
	b.walk.reset(b.line(i-len(b.panel)), b.pal)
	if b.wc.line != i {
		b.wc.line = i
		b.wc.points = append(b.wc.points[:0], walkMark{cur: render.MarkNone})
	}
	k := sort.Search(len(b.wc.points), func(k int) bool { return after(&b.wc.points[k]) }) - 1
	m := b.wc.points[max(k, 0)]
	b.walk.i, b.walk.col, b.walk.plain, b.walk.cur = m.i, m.col, m.plain, m.cur
	return m
}

// nextRow walks past row r and records a checkpoint every markEvery rows.
func (b *bodyView) nextRow(r int) int {
	b.walk.appendRow(nil, b.contentWidth(), 0, true, false, nil)
	r++
	if last := b.wc.points[len(b.wc.points)-1].row; r%markEvery == 0 && r > last {
		w := &b.walk
		b.wc.points = append(b.wc.points, walkMark{row: r, i: w.i, col: w.col, plain: w.plain, cur: w.cur})
	}
	return r
}
