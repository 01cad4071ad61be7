package ui

import (
	"testing"
)

// BenchmarkPresenterMaskLongLine masks one minified 8 MB /users page, the
// worst line presenter mode meets: a body shown as text in one line, an
// address every few hundred bytes. A line is masked once when it first
// comes on screen (then cached), so this is the cost of that frame.
func BenchmarkPresenterMaskLongLine(b *testing.B) {
	p := pmOn(pmTenantGUID)
	line := vwUsersBody(20000, true)
	buf := make([]byte, len(line))
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		copy(buf, line)
		p.MaskBytes(buf)
	}
}
