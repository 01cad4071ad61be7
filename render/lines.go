package render

import "io"

// Lines is pretty-printed, optionally coloured JSON: one buffer in which
// every line is followed by '\n', plus where each line ends. Colours are
// stored as one-byte marks (see IsMark) and become escape sequences only
// as lines are written (WriteTo, AppendColoured) or drawn by the TUI, which
// reads Line and the Palette itself so that it touches only what is on
// screen.
type Lines struct {
	buf  []byte
	ends []uint32 // ends[i] is the offset of line i's '\n'
	pal  *Palette // nil: no colours, and no marks in buf
}

// Len is the number of lines.
func (l *Lines) Len() int { return len(l.ends) }

// Palette turns the marks in Line's bytes into escape sequences; nil when
// the lines have no colours.
func (l *Lines) Palette() *Palette { return l.pal }

// Line is line i as stored: text, with a mark byte wherever the colour
// changes. It aliases the buffer: do not modify it, and do not keep it
// across the next Highlight into l. Never write it to a terminal as is:
// use AppendColoured.
func (l *Lines) Line(i int) []byte {
	start, end := l.start(i), int(l.ends[i])
	return l.buf[start:end:end]
}

// AppendColoured appends line i with its colours as escape sequences.
func (l *Lines) AppendColoured(dst []byte, i int) []byte {
	return appendColoured(dst, l.Line(i), l.pal)
}

// Plain is line i without colours (a new slice).
func (l *Lines) Plain(i int) []byte { return l.AppendPlain(nil, i) }

// AppendPlain appends line i without colours to dst, for callers (search)
// that want to reuse one buffer.
func (l *Lines) AppendPlain(dst []byte, i int) []byte {
	if l.pal == nil {
		return append(dst, l.Line(i)...)
	}
	return appendUnmarked(dst, l.Line(i))
}

// WriteTo writes all lines, each ending in '\n', with colours as escape
// sequences.
func (l *Lines) WriteTo(w io.Writer) (int64, error) {
	return writeColoured(w, l.buf, l.pal)
}

func (l *Lines) start(i int) int {
	if i == 0 {
		return 0
	}
	return int(l.ends[i-1]) + 1
}

// appendUnmarked copies b without its colour marks.
func appendUnmarked(dst, b []byte) []byte {
	from := 0
	for i, c := range b {
		if IsMark(c) {
			dst = append(dst, b[from:i]...)
			from = i + 1
		}
	}
	return append(dst, b[from:]...)
}

// appendColoured copies b with each colour mark replaced by the escape
// sequence from the colour before it. Every line starts in MarkNone.
func appendColoured(dst, b []byte, p *Palette) []byte {
	if p == nil {
		return append(dst, b...)
	}
	cur, from := MarkNone, 0
	for i, c := range b {
		if IsMark(c) {
			dst = p.AppendSwitch(append(dst, b[from:i]...), cur, c)
			cur, from = c, i+1
		}
	}
	return append(dst, b[from:]...)
}

// writeColoured writes b as appendColoured would, a chunk at a time, so a
// large body is never held twice.
func writeColoured(w io.Writer, b []byte, p *Palette) (int64, error) {
	if p == nil {
		n, err := w.Write(b)
		return int64(n), err
	}
	const chunk = 256 << 10
	var total int64
	out := make([]byte, 0, chunk+chunk/2)
	for len(b) > 0 {
		// Cut after a line break so that each chunk starts in MarkNone.
		end := min(chunk, len(b))
		for end < len(b) && b[end-1] != '\n' {
			end++
		}
		out = appendColoured(out[:0], b[:end], p)
		n, err := w.Write(out)
		total += int64(n)
		if err != nil {
			return total, err
		}
		b = b[end:]
	}
	return total, nil
}
