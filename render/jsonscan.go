package render

// The JSON grammar, checked for the highlighter as it copies. It validates
// exactly what encoding/json accepts (raw bytes >= 0x20, including invalid
// UTF-8, are allowed in strings) so that the two never disagree.

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// skipSpace skips JSON whitespace, which is exactly these four bytes.
func skipSpace(src []byte, i int) int {
	for i < len(src) {
		switch src[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// Bit tricks to test eight bytes at once (one uint64, little-endian).
const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// needsLook has the high bit set in every byte of x that is a quote, a
// backslash or a control byte, and possibly in bytes after the first such
// one (borrows run upwards), so only its lowest set bit can be trusted.
func needsLook(x uint64) uint64 {
	q := x ^ (lowBits * '"')
	b := x ^ (lowBits * '\\')
	return ((q-lowBits)&^q | (b-lowBits)&^b | (x-lowBits*0x20)&^x) & highBits
}

// copyString copies the string token starting at src[i] (a quote) to
// out[w:], checking it on the way, and returns the output (grown if need
// be, with room bytes of room left), its new end, and the offset just past
// the string in src. Escapes are validated, not decoded.
func (h *Highlighter) copyString(out []byte, w, i, room int) ([]byte, int, int, error) {
	src := h.src
	out[w] = '"'
	w++
	j := i + 1
	room += 8 // for an escape or a single byte
	for {
		if len(out)-w < room+8 {
			out = h.grow(out, w, j, room+8)
		}
		n := copyPlain(out[w:len(out)-room], src[j:])
		j, w = j+n, w+n
		if j >= len(src) {
			return out, w, j, &SyntaxError{Offset: j, Msg: "unexpected end of JSON input in string"}
		}
		switch c := src[j]; {
		case c == '"':
			out[w] = '"'
			return out, w + 1, j + 1, nil
		case c == '\\':
			n, err := escapeLen(src, j)
			if err != nil {
				return out, w, j, err
			}
			w += copy(out[w:], src[j:j+n])
			j += n
		case c < 0x20:
			return out, w, j, &SyntaxError{Offset: j, Msg: fmt.Sprintf("invalid control character %#02x in string literal", c)}
		default: // copyPlain stopped because fewer than eight bytes were left
			out[w] = c
			j, w = j+1, w+1
		}
	}
}

// copyPlain copies bytes from src to dst up to the first that needs a look
// in a string (or until fewer than eight are left in either) and returns
// how many it copied. It moves eight bytes at a time: each step stores
// eight and then counts only those before the first that needs a look; the
// rest of dst is scratch, overwritten later.
func copyPlain(dst, src []byte) int {
	n := 0
	for len(src)-n >= 8 && len(dst)-n >= 8 {
		x := binary.LittleEndian.Uint64(src[n:])
		binary.LittleEndian.PutUint64(dst[n:], x)
		if m := needsLook(x); m != 0 {
			return n + bits.TrailingZeros64(m)>>3
		}
		n += 8
	}
	return n
}

// escapeLen checks the escape sequence at src[j] (a backslash) and returns
// its length.
func escapeLen(src []byte, j int) (int, error) {
	if j+1 >= len(src) {
		return 0, &SyntaxError{Offset: j + 1, Msg: "unexpected end of JSON input in string escape"}
	}
	switch src[j+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, nil
	case 'u':
		for k := j + 2; k < j+6; k++ {
			if k >= len(src) {
				return 0, &SyntaxError{Offset: k, Msg: "unexpected end of JSON input in \\u escape"}
			}
			if !isHex(src[k]) {
				return 0, &SyntaxError{Offset: k, Msg: fmt.Sprintf("invalid character %q in \\u hexadecimal character escape", src[k])}
			}
		}
		return 6, nil
	}
	return 0, &SyntaxError{Offset: j + 1, Msg: fmt.Sprintf("invalid character %q in string escape code", src[j+1])}
}

// scanNumber returns the offset just past the number starting at src[i],
// following the JSON grammar exactly (no leading zeros, no bare dot).
func scanNumber(src []byte, i int) (int, error) {
	j := i
	if src[j] == '-' {
		j++
	}
	digits := func(from int) int {
		for from < len(src) && src[from] >= '0' && src[from] <= '9' {
			from++
		}
		return from
	}
	switch {
	case j < len(src) && src[j] == '0':
		j++
	case j < len(src) && src[j] >= '1' && src[j] <= '9':
		j = digits(j + 1)
	default:
		return j, numberError(src, j)
	}
	if j < len(src) && src[j] == '.' {
		k := digits(j + 1)
		if k == j+1 {
			return k, numberError(src, k)
		}
		j = k
	}
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		j++
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		k := digits(j)
		if k == j {
			return k, numberError(src, k)
		}
		j = k
	}
	return j, nil
}

func numberError(src []byte, at int) error {
	if at >= len(src) {
		return &SyntaxError{Offset: at, Msg: "unexpected end of JSON input in number"}
	}
	return &SyntaxError{Offset: at, Msg: fmt.Sprintf("invalid character %q in numeric literal", src[at])}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
