package graph

import (
	"unicode/utf8"
)

// Visible returns b with every byte that could drive a terminal shown as
// an escape (\x1b, \u009b, \xff), lines and tabs kept: for text that goes
// to a terminal or into a file people cat, such as -o raw on a terminal and
// the text support bundle.
func Visible(b []byte) []byte {
	return appendVisible(make([]byte, 0, len(b)+16), b, true)
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
