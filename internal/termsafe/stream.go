package termsafe

import (
	"io"
	"unicode/utf8"
	"unsafe"
)

// VisibleWriter writes what Visible would make of everything written to
// it, as it comes: a rune or a "\r\n" split between two writes is held
// until the rest arrives (or Close), so the output is the same however
// the text was cut. Changed reports whether anything was escaped.
type VisibleWriter struct {
	w       io.Writer
	pending []byte // the incomplete end of the last write
	out     []byte
	changed bool
}

// NewVisibleWriter writes Visible text to w.
func NewVisibleWriter(w io.Writer) *VisibleWriter { return &VisibleWriter{w: w} }

// Write escapes p and writes all of it but an incomplete end.
func (v *VisibleWriter) Write(p []byte) (int, error) {
	b := p
	if len(v.pending) > 0 {
		b = append(v.pending, p...)
		v.pending = nil
	}
	keep := incompleteEnd(b)
	if err := v.write(b[:len(b)-keep]); err != nil {
		return 0, err
	}
	v.pending = append(v.pending[:0:0], b[len(b)-keep:]...)
	return len(p), nil
}

// Close writes what was held back, which is now known to be the end.
func (v *VisibleWriter) Close() error {
	b := v.pending
	v.pending = nil
	return v.write(b)
}

// Changed reports whether any byte was shown as an escape (or a "\r\n"
// written as "\n").
func (v *VisibleWriter) Changed() bool { return v.changed }

func (v *VisibleWriter) write(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	v.out = appendSafe(v.out[:0], unsafe.String(unsafe.SliceData(b), len(b)), keepBreaks, false)
	if !v.changed && string(v.out) != string(b) {
		v.changed = true
	}
	_, err := v.w.Write(v.out)
	return err
}

// incompleteEnd is how many bytes at the end of b might read differently
// once more follows: a final "\r" (it may start "\r\n") or the start of a
// multi-byte rune that is not complete yet.
func incompleteEnd(b []byte) int {
	n := len(b)
	if n > 0 && b[n-1] == '\r' {
		return 1
	}
	for k := 1; k < utf8.UTFMax && k <= n; k++ {
		c := b[n-k]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[n-k:]) {
				return 0
			}
			return k
		}
	}
	return 0
}
