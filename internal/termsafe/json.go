package termsafe

import (
	"encoding/binary"
	"fmt"
	"unicode/utf8"
)

// JSONUnsafe reports whether JSON text b holds bytes a terminal might act
// on that valid JSON can still carry inside strings: DEL, the C1 controls
// (U+0080 to U+009F, CSI among them) and invalid UTF-8 (a lone 0x9b is CSI
// to an 8-bit terminal). Other controls are not looked for: valid JSON
// cannot hold them raw, and the ESC of colour sequences is meant to be
// there. Plain ASCII bodies are ruled out in one pass.
func JSONUnsafe(b []byte) bool {
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			// Eight bytes at a time while all are below DEL: adding one
			// to each turns DEL into 0x80 and keeps the others below it.
			if x := binary.LittleEndian.Uint64(b[i:]); (x|(x+0x0101010101010101))&0x8080808080808080 == 0 {
				i += 8
				continue
			}
		}
		c := b[i]
		if c < 0x7f {
			i++
			continue
		}
		if c == 0x7f {
			return true
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 || r >= 0x80 && r <= 0x9f {
			return true
		}
		i += n
	}
	return false
}

// JSON returns JSON text b with DEL, C1 controls and invalid UTF-8 written
// as \u escapes, still the same JSON; b itself when it holds none. Valid
// JSON cannot hold other control bytes raw, and ESC in colour sequences is
// left alone, so coloured output passes unchanged.
func JSON(b []byte) []byte {
	if !JSONUnsafe(b) {
		return b
	}
	return AppendJSON(make([]byte, 0, len(b)+64), b)
}

// AppendJSON copies b to dst, writing DEL and C1 controls as JSON \u
// escapes and invalid UTF-8 bytes as \ufffd. Inside a JSON string these
// mean the same character (or the replacement decoders use), so the text
// stays valid JSON; only the terminal no longer sees the raw bytes. It is
// for callers that checked other text with JSONUnsafe (see render.Pretty).
func AppendJSON(dst, b []byte) []byte {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x7f {
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, `\ufffd`...)
		case r == 0x7f || r >= 0x80 && r <= 0x9f:
			dst = fmt.Appendf(dst, `\u%04x`, r)
		default:
			dst = append(dst, b[i:i+n]...)
		}
		i += n
	}
	return dst
}
