package graph

// The JSON grammar, checked byte by byte for the highlighter. It validates
// exactly what encoding/json accepts (raw bytes >= 0x20, including invalid
// UTF-8, are allowed in strings) so that the two never disagree.

import "fmt"

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

// stringPlain marks bytes that need no attention inside a JSON string.
var stringPlain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanString returns the offset just past the closing quote of the string
// starting at src[i]. Escapes are validated, not decoded.
func scanString(src []byte, i int) (int, error) {
	j := i + 1
	for {
		for j < len(src) && stringPlain[src[j]] {
			j++
		}
		if j >= len(src) {
			return j, &SyntaxError{Offset: j, Msg: "unexpected end of JSON input in string"}
		}
		switch c := src[j]; {
		case c == '"':
			return j + 1, nil
		case c == '\\':
			if j+1 >= len(src) {
				return j + 1, &SyntaxError{Offset: j + 1, Msg: "unexpected end of JSON input in string escape"}
			}
			switch src[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				for k := j + 2; k < j+6; k++ {
					if k >= len(src) {
						return k, &SyntaxError{Offset: k, Msg: "unexpected end of JSON input in \\u escape"}
					}
					if !isHex(src[k]) {
						return k, &SyntaxError{Offset: k, Msg: fmt.Sprintf("invalid character %q in \\u hexadecimal character escape", src[k])}
					}
				}
				j += 6
			default:
				return j + 1, &SyntaxError{Offset: j + 1, Msg: fmt.Sprintf("invalid character %q in string escape code", src[j+1])}
			}
		default:
			return j, &SyntaxError{Offset: j, Msg: fmt.Sprintf("invalid control character %#02x in string literal", c)}
		}
	}
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
