package ui

import (
	"strconv"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/tidwall/gjson"
)

// appendCell writes the text of one value as a cell shows it: strings
// unescaped with control characters made visible, numbers and booleans as
// written, null empty, objects as {…} and arrays as their item count.
func appendCell(dst []byte, v gjson.Result) []byte {
	switch v.Type {
	case gjson.Null:
		return dst
	case gjson.String:
		return appendCellText(dst, v.Str)
	case gjson.JSON:
		return appendNested(dst, v)
	}
	return appendCellText(dst, v.Raw) // numbers, true, false: Raw is plain
}

// appendNested is {…}/{} for an object and "[3 items]"/[] for an array.
func appendNested(dst []byte, v gjson.Result) []byte {
	empty := true
	n := 0
	v.ForEach(func(_, _ gjson.Result) bool {
		empty = false
		n++
		return v.IsArray() // an object only needs to know it has a field
	})
	switch {
	case v.IsObject() && empty:
		return append(dst, "{}"...)
	case v.IsObject():
		return append(dst, "{…}"...)
	case empty:
		return append(dst, "[]"...)
	}
	dst = append(append(dst, '['), strconv.Itoa(n)...)
	if n == 1 {
		return append(dst, " item]"...)
	}
	return append(dst, " items]"...)
}

// appendCellText copies s with every byte that could drive the terminal or
// break the row shown as an escape: \n, \r and \t as written in JSON, other
// C0 controls, DEL and invalid UTF-8 as \xNN, C1 controls as \u00NN.
func appendCellText(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			dst = append(dst, c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch c {
			case '\n':
				dst = append(dst, `\n`...)
			case '\r':
				dst = append(dst, `\r`...)
			case '\t':
				dst = append(dst, `\t`...)
			default:
				dst = append(dst, '\\', 'x', hex[c>>4], hex[c&15])
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, '\\', 'x', hex[c>>4], hex[c&15])
		case r < 0xa0:
			dst = append(dst, '\\', 'u', '0', '0', hex[r>>4], hex[r&15])
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}

// displayWidth is the cells s takes; plain ASCII is one cell a byte.
func displayWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// appendCellFitted writes cell text cut to exactly w cells: "…" marks a cut
// when ellipsis is set (a column narrower than its value), otherwise the
// text just stops (the pane's right edge).
func appendCellFitted(dst, cell []byte, w int, ellipsis bool) []byte {
	if w <= 0 {
		return dst
	}
	s := unsafeString(cell)
	cw := displayWidth(s)
	if cw <= w {
		return appendSpaces(append(dst, cell...), w-cw)
	}
	tail := ""
	if ellipsis {
		tail = "…"
	}
	if isPlainASCII(cell) {
		if ellipsis {
			return append(append(dst, cell[:w-1]...), tail...)
		}
		return append(dst, cell[:w]...)
	}
	cut := ansi.Truncate(s, w, tail)
	return appendSpaces(append(dst, cut...), w-ansi.StringWidth(cut))
}

func isPlainASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
