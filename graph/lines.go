package graph

import "io"

// Lines is pretty-printed, optionally coloured JSON: one buffer in which
// every line is followed by '\n', plus where each line ends. The TUI takes
// lines by index without copying; the CLI writes the buffer in one call.
type Lines struct {
	buf  []byte
	ends []uint32 // ends[i] is the offset of line i's '\n'
}

// Len is the number of lines.
func (l *Lines) Len() int { return len(l.ends) }

// Line is line i with colours. It aliases the buffer: do not modify it, and
// do not keep it across the next Highlight into l.
func (l *Lines) Line(i int) []byte {
	start, end := l.start(i), int(l.ends[i])
	return l.buf[start:end:end]
}

// Plain is line i without colours (a new slice).
func (l *Lines) Plain(i int) []byte { return l.AppendPlain(nil, i) }

// AppendPlain appends line i without colours to dst, for callers (search)
// that want to reuse one buffer.
func (l *Lines) AppendPlain(dst []byte, i int) []byte { return appendStripped(dst, l.Line(i)) }

// WriteTo writes all lines, each ending in '\n'.
func (l *Lines) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(l.buf)
	return int64(n), err
}

func (l *Lines) start(i int) int {
	if i == 0 {
		return 0
	}
	return int(l.ends[i-1]) + 1
}

// appendStripped removes CSI escape sequences (ESC '[' ... final byte).
// Valid JSON cannot contain a raw ESC, so every ESC in a line is ours.
func appendStripped(dst, line []byte) []byte {
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c != 0x1b || i+1 >= len(line) || line[i+1] != '[' {
			dst = append(dst, c)
			continue
		}
		i += 2
		for i < len(line) && (line[i] < 0x40 || line[i] > 0x7e) {
			i++
		}
	}
	return dst
}
