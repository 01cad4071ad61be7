package ui

import (
	"strconv"

	"github.com/tidwall/gjson"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// columnGap separates columns.
const columnGap = "  "

// tableView draws a tableIndex: a sticky header row, a row-number gutter,
// rows from top and columns from left. A frame parses only the rows on
// screen and formats only the columns that fit.
type tableView struct {
	idx       *tableIndex
	top, left int // first data row and first column on screen
	w, h      int

	cells [][]byte   // scratch: the text of each visible column of a row
	pm    *Presenter // masks cells in presenter mode, before they are cut
	// Colour sequences cut once from the styles.
	headOn, headOff string
	gutter          gutter
}

func (t *tableView) restyle(s *Styles) {
	t.headOn, t.headOff = styleCodes(s.Title)
	t.gutter.on, t.gutter.off = styleCodes(s.LineNumber)
}

// setIndex shows idx from the top; grow keeps the position for an index
// that only gained rows (fetch-all pages arriving).
func (t *tableView) setIndex(idx *tableIndex, grow bool) {
	t.idx = idx
	if !grow {
		t.top, t.left = 0, 0
	}
	t.clamp()
}

func (t *tableView) setSize(w, h int) {
	t.w, t.h = max(w, 0), max(h, 0)
	t.clamp()
}

func (t *tableView) rows() int {
	if t.idx == nil {
		return 0
	}
	return len(t.idx.rows)
}

// dataHeight is the rows left under the header.
func (t *tableView) dataHeight() int { return max(t.h-1, 0) }

func (t *tableView) clamp() {
	t.top = clamp(t.top, 0, max(t.rows()-t.dataHeight(), 0))
	if t.idx != nil {
		t.left = clamp(t.left, 0, max(len(t.idx.cols)-1, 0))
	}
}

func (t *tableView) scroll(n int) {
	t.top += n
	t.clamp()
}

func (t *tableView) home() { t.top = 0 }

func (t *tableView) end() {
	t.top = t.rows()
	t.clamp()
}

// scrollColumns moves the first visible column by d; right stops once the
// last column is fully on screen.
func (t *tableView) scrollColumns(d int) {
	if t.idx == nil {
		return
	}
	if d > 0 && t.lastVisible() == len(t.idx.cols)-1 && !t.lastCut() {
		return
	}
	t.left += d
	t.clamp()
}

func (t *tableView) gutterWidth() int {
	gw := len(strconv.Itoa(max(t.rows(), 1))) + 1
	if t.w-gw < 10 {
		return 0
	}
	return gw
}

// lastVisible is the index of the last column that starts on screen.
func (t *tableView) lastVisible() int {
	x, last := t.gutterWidth(), t.left
	for c := t.left; c < len(t.idx.cols); c++ {
		if x >= t.w {
			break
		}
		last = c
		x += t.idx.cols[c].width + len(columnGap)
	}
	return last
}

// lastCut reports whether the last visible column is cut by the right edge.
func (t *tableView) lastCut() bool {
	x := t.gutterWidth()
	for c := t.left; c <= t.lastVisible(); c++ {
		x += t.idx.cols[c].width
		if c < t.lastVisible() {
			x += len(columnGap)
		}
	}
	return x > t.w
}

// position is the footer's "row a-b/n · col c/m".
func (t *tableView) position() string {
	if t.idx == nil {
		return ""
	}
	last := min(t.top+t.dataHeight(), t.rows())
	return "row " + strconv.Itoa(min(t.top+1, last)) + "-" + strconv.Itoa(last) + "/" + strconv.Itoa(t.rows()) +
		" · col " + strconv.Itoa(t.left+1) + "/" + strconv.Itoa(len(t.idx.cols))
}

// render appends h rows of exactly w cells, joined by "\n".
func (t *tableView) render(dst []byte) []byte {
	if t.h <= 0 {
		return dst
	}
	if t.idx == nil {
		for i := range t.h {
			if i > 0 {
				dst = append(dst, '\n')
			}
			dst = appendSpaces(dst, t.w)
		}
		return dst
	}
	last := t.lastVisible()
	visible := t.idx.cols[t.left : last+1]
	if cap(t.cells) < len(visible) {
		t.cells = make([][]byte, len(visible))
	}
	t.cells = t.cells[:len(visible)]
	gw := t.gutterWidth()

	dst = append(dst, t.headOn...)
	dst = appendSpaces(dst, gw)
	for i, c := range visible {
		t.cells[i] = termsafe.AppendEscaped(t.cells[i][:0], c.name)
		t.pm.MaskBytes(t.cells[i])
	}
	dst = t.appendCells(dst, visible, gw)
	dst = append(dst, t.headOff...)

	for r := t.top; r < t.top+t.dataHeight(); r++ {
		dst = append(dst, '\n')
		if r >= t.rows() {
			dst = appendSpaces(dst, t.w)
			continue
		}
		dst = t.gutter.appendNum(dst, r+1, gw)
		for i := range t.cells {
			t.cells[i] = t.cells[i][:0]
		}
		gjson.Parse(t.idx.row(r)).ForEach(func(k, v gjson.Result) bool {
			if c, ok := t.idx.byKey[k.Str]; ok && c >= t.left && c <= last {
				t.cells[c-t.left] = appendCell(t.cells[c-t.left][:0], v) // a repeated key: the last wins
			}
			return true
		})
		for i := range t.cells {
			t.pm.MaskBytes(t.cells[i])
		}
		dst = t.appendCells(dst, visible, gw)
	}
	return dst
}

// appendCells writes the scratch cells in their columns, cutting the last
// one at the pane's edge and padding the row to w cells.
func (t *tableView) appendCells(dst []byte, cols []tableColumn, used int) []byte {
	for i, c := range cols {
		if i > 0 {
			room := min(len(columnGap), t.w-used)
			dst = append(dst, columnGap[:room]...)
			used += room
		}
		room := t.w - used
		if room <= 0 {
			break
		}
		if c.width <= room {
			dst = appendCellFitted(dst, t.cells[i], c.width, true)
			used += c.width
			continue
		}
		dst = appendCellFitted(dst, t.cells[i], room, false)
		used += room
	}
	return appendSpaces(dst, t.w-used)
}
