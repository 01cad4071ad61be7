package ui

import (
	"strconv"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/tidwall/gjson"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// appendCell writes the text of one value as a cell shows it: strings
// unescaped with control characters made visible, numbers and booleans as
// written, null empty, objects as {…} and arrays as their item count.
func appendCell(dst []byte, v gjson.Result) []byte {
	switch v.Type {
	case gjson.Null:
		return dst
	case gjson.String:
		return termsafe.AppendEscaped(dst, v.Str)
	case gjson.JSON:
		return appendNested(dst, v)
	}
	return termsafe.AppendEscaped(dst, v.Raw) // numbers, true, false: Raw is plain
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
