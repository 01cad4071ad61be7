// Package termsafe makes text from a server, a file or an error safe to
// write to a terminal or to a text file people cat: nothing in it can
// start an escape sequence, move the cursor or be read as CSI by an 8-bit
// terminal (C0 controls, DEL, C1 controls U+0080 to U+009F, invalid UTF-8).
// It is the one place that decides how such bytes are shown; the functions
// differ only in what they do with line breaks and whether the rest is
// shown as escapes or dropped.
package termsafe

import (
	"unicode/utf8"
	"unsafe"
)

// Visible returns b with every byte that could drive a terminal shown as
// an escape (\x1b, \u009b, \xff), lines and tabs kept ("\r\n" becomes
// "\n"): for text that goes to a terminal or into a file people cat, such
// as -o raw on a terminal and the text support bundle. The result is
// always a new slice with room to append a final line break.
func Visible(b []byte) []byte {
	// The string is only read while b is, so it need not be a copy.
	return appendSafe(make([]byte, 0, len(b)+16), unsafe.String(unsafe.SliceData(b), len(b)), keepBreaks, false)
}

// Line makes text safe to show on one line: line breaks and tabs become
// spaces, other controls and invalid UTF-8 become \xNN or \u00NN. It
// returns s itself when there is nothing to change.
func Line(s string) string {
	return oneLine(s, spaceBreaks, false)
}

// Escaped is Line with line breaks and tabs written as \n, \r and \t, for
// a value that must read back as written (a table cell, a header in a
// request row).
func Escaped(s string) string {
	return oneLine(s, escapeBreaks, false)
}

// AppendEscaped appends Escaped(s) to dst without an intermediate string,
// for loops that build rows in one buffer.
func AppendEscaped(dst []byte, s string) []byte {
	return appendSafe(dst, s, escapeBreaks, false)
}

// Strip is Line with the controls and invalid UTF-8 dropped rather than
// shown, for a summary where escapes would only be noise (a diagnosis
// line, an excerpt of an error page).
func Strip(s string) string {
	return oneLine(s, spaceBreaks, true)
}

// breaks is what happens to "\n", "\r" and "\t".
type breaks uint8

const (
	keepBreaks   breaks = iota // "\n" and "\t" pass, "\r\n" becomes "\n", a lone "\r" is escaped
	spaceBreaks                // each becomes a space
	escapeBreaks               // each is written as \n, \r or \t
)

// oneLine returns s when no byte needs changing, else the changed copy;
// the clean prefix is copied as it is.
func oneLine(s string, br breaks, drop bool) string {
	k := safePrefix(s)
	if k == len(s) {
		return s
	}
	return string(appendSafe(append(make([]byte, 0, len(s)+16), s[:k]...), s[k:], br, drop))
}

// safePrefix is the length of the longest prefix of s without a control
// byte or invalid UTF-8.
func safePrefix(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r < 0xa0 {
			return i
		}
		i += size
	}
	return len(s)
}

// appendSafe copies s to dst with every byte that could drive a terminal
// shown as an escape, or dropped with drop: C0 controls and DEL as \xNN, C1
// controls as \u00NN, and invalid UTF-8 bytes as \xNN (a lone 0x9b is CSI
// to some terminals). br says what happens to line breaks and tabs.
func appendSafe(dst []byte, s string, br breaks, drop bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			// Printable ASCII is most text: copy the run in one append.
			j := i + 1
			for j < len(s) && s[j] >= 0x20 && s[j] < 0x7f {
				j++
			}
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == '\n' || c == '\t' || c == '\r':
				dst = appendBreak(dst, s, i, br)
			case !drop:
				dst = appendHexEscape(dst, `\x`, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if !drop {
				dst = appendHexEscape(dst, `\x`, c)
			}
		case r < 0xa0:
			if !drop {
				dst = appendHexEscape(dst, `\u00`, byte(r))
			}
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}

// appendBreak writes the "\n", "\r" or "\t" at s[i] as br says.
func appendBreak(dst []byte, s string, i int, br breaks) []byte {
	c := s[i]
	switch br {
	case spaceBreaks:
		return append(dst, ' ')
	case escapeBreaks:
		switch c {
		case '\n':
			return append(dst, `\n`...)
		case '\r':
			return append(dst, `\r`...)
		}
		return append(dst, `\t`...)
	}
	switch {
	case c != '\r':
		return append(dst, c)
	case i+1 < len(s) && s[i+1] == '\n':
		return dst // "\r\n" is a line break, written as the "\n"
	}
	return appendHexEscape(dst, `\x`, c)
}

func appendHexEscape(dst []byte, prefix string, c byte) []byte {
	const hex = "0123456789abcdef"
	return append(append(dst, prefix...), hex[c>>4], hex[c&15])
}
