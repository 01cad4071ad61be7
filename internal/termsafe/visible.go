// Package termsafe makes text from a server, a file or an error safe to
// write to a terminal or to a text file people cat: nothing in it can
// start an escape sequence, move the cursor or be read as CSI by an 8-bit
// terminal (C0 controls, DEL, C1 controls U+0080 to U+009F, invalid UTF-8).
// It is the one place that decides how such bytes are shown.
package termsafe

import (
	"unicode/utf8"
)

// Visible returns b with every byte that could drive a terminal shown as
// an escape (\x1b, \u009b, \xff), lines and tabs kept: for text that goes
// to a terminal or into a file people cat, such as -o raw on a terminal and
// the text support bundle. There is room in the result to append a final
// line break without copying.
func Visible(b []byte) []byte {
	return appendVisible(make([]byte, 0, len(b)+16), b, true)
}

// Line makes text safe to show on one line: line breaks and tabs become
// spaces, other controls and invalid UTF-8 become \xNN or \u00NN. It
// returns s itself when there is nothing to change.
func Line(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return string(appendVisible(nil, []byte(s), false))
}

// appendVisible copies s to dst with every byte that could drive a terminal
// made visible: C0 controls, DEL and C1 controls become \xNN or \u00NN, and
// invalid UTF-8 bytes become \xNN (a lone 0x9b is CSI to some terminals).
// With keepLines, "\n" and "\t" pass and "\r\n" becomes "\n"; without it all
// three become spaces.
func appendVisible(dst, s []byte, keepLines bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			dst = append(dst, c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == '\n' || c == '\t':
				if keepLines {
					dst = append(dst, c)
				} else {
					dst = append(dst, ' ')
				}
			case c == '\r' && (!keepLines || i+1 < len(s) && s[i+1] == '\n'):
				if !keepLines {
					dst = append(dst, ' ')
				}
			default:
				dst = appendHexEscape(dst, `\x`, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = appendHexEscape(dst, `\x`, c)
		case r >= 0x80 && r <= 0x9f:
			dst = appendHexEscape(dst, `\u00`, byte(r))
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}

func appendHexEscape(dst []byte, prefix string, c byte) []byte {
	const hex = "0123456789abcdef"
	return append(append(dst, prefix...), hex[c>>4], hex[c&15])
}
