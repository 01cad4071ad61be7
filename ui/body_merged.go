package ui

import (
	"bytes"
	"sort"

	"github.com/graphtui/graphtui/render"
)

// mergedLines is the document fetch-all builds, {"@odata.context": …,
// "value": [every page's items]}, as highlighted lines: each page's items
// are highlighted once, when the page arrives, and kept as that page's
// lines; the lines that open and close the document come from a small
// frame. Nothing is ever highlighted twice, and no page's text is held
// twice. A snapshot is immutable: appendPage returns a new one sharing the
// pages, so the UI can read one while the fetch goroutine makes the next.
type mergedLines struct {
	frame      *render.Lines // the document with one item: its head and tail lines
	head, tail int           // lines of frame before and after that item
	pages      []pageLines
	starts     []int // starts[k] is the first line of page k
	n          int   // lines in the document
}

// pageLines are lines [from, to) of l: one page's items. last is the final
// line again with a "," after it, used when another page follows.
type pageLines struct {
	l        *render.Lines
	from, to int
	last     []byte
}

// newMergedLines starts a document whose @odata.context is ctxRaw (raw
// JSON, "" for none).
func newMergedLines(ctxRaw string, p *render.Palette) (*mergedLines, error) {
	var doc bytes.Buffer
	doc.WriteString("{")
	if ctxRaw != "" {
		doc.WriteString(`"@odata.context":` + ctxRaw + ",")
	}
	doc.WriteString(`"value":[0]}`)
	frame := &render.Lines{}
	if err := render.Highlight(frame, doc.Bytes(), p); err != nil {
		return nil, err
	}
	head := frame.Len() - 3 // the item "0", then "  ]" and "}"
	return &mergedLines{frame: frame, head: head, tail: 2, n: head + 2}, nil
}

// appendPage returns a snapshot with one more page of items; items is
// their compact JSON joined by commas.
func (m *mergedLines) appendPage(items []byte, p *render.Palette) (*mergedLines, error) {
	if len(items) == 0 {
		return m, nil
	}
	doc := make([]byte, 0, len(items)+len(`{"value":[]}`))
	doc = append(append(append(doc, `{"value":[`...), items...), "]}"...)
	l := &render.Lines{}
	if err := render.Highlight(l, doc, p); err != nil {
		return nil, err
	}
	pg := pageLines{l: l, from: 2, to: l.Len() - 2}
	pg.last = m.withComma(l.Line(pg.to - 1))
	next := *m
	next.pages = append(m.pages, pg)
	next.starts = append(m.starts, m.n-m.tail)
	next.n = m.n + pg.to - pg.from
	return &next, nil
}

// withComma is line followed by a "," coloured as the frame colours "{".
func (m *mergedLines) withComma(line []byte) []byte {
	open := m.frame.Line(0)
	on, off, _ := bytes.Cut(open, []byte("{"))
	out := make([]byte, 0, len(line)+len(on)+1+len(off))
	return append(append(append(append(out, line...), on...), ','), off...)
}

// Items reports whether any page had items.
func (m *mergedLines) Items() bool { return len(m.pages) > 0 }

func (m *mergedLines) Len() int { return m.n }

// Palette is the one every page was highlighted with.
func (m *mergedLines) Palette() *render.Palette { return m.frame.Palette() }

// locate finds line i: line j of the frame (k -1) or of page k.
func (m *mergedLines) locate(i int) (l *render.Lines, j, k int) {
	switch {
	case i < m.head:
		return m.frame, i, -1
	case i >= m.n-m.tail:
		return m.frame, m.frame.Len() - (m.n - i), -1
	}
	k = sort.Search(len(m.starts), func(k int) bool { return m.starts[k] > i }) - 1
	pg := &m.pages[k]
	return pg.l, pg.from + i - m.starts[k], k
}

// joined reports whether line j of page k ends the page and another page
// follows, so the line ends in a comma.
func (m *mergedLines) joined(j, k int) bool {
	return k >= 0 && k < len(m.pages)-1 && j == m.pages[k].to-1
}

func (m *mergedLines) Line(i int) []byte {
	l, j, k := m.locate(i)
	if m.joined(j, k) {
		return m.pages[k].last
	}
	return l.Line(j)
}

func (m *mergedLines) AppendPlain(dst []byte, i int) []byte {
	l, j, k := m.locate(i)
	dst = l.AppendPlain(dst, j)
	if m.joined(j, k) {
		dst = append(dst, ',')
	}
	return dst
}
