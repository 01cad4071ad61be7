// Package qrtext draws a QR code with text characters, so that a URL on
// screen (the admin-consent URL, during a demo) can be opened with a phone.
package qrtext

import (
	"fmt"
	"strings"

	"rsc.io/qr"
)

// quiet is the margin of light modules around the code. The standard asks
// for four; two scan fine on a screen and keep the code inside 24 rows.
const quiet = 2

// Code is a QR code ready to print: Lines are all Width cells wide.
type Code struct {
	Lines []string
	Width int
}

// Render encodes text at the lowest error-correction level (the code is
// read from a screen, not a worn label: smaller is better) and draws two
// rows of modules per line with half blocks.
//
// With colour, every cell sets its own black and white with escape
// sequences, so the code scans on light and dark terminals alike. Without
// colour (a pipe, NO_COLOR), dark modules are spaces and light ones blocks,
// which scans on the dark background most terminals have.
func Render(text string, colour bool) (*Code, error) {
	c, err := qr.Encode(text, qr.L)
	if err != nil {
		return nil, fmt.Errorf("the text is too long for a QR code (%d bytes): %w", len(text), err)
	}
	n := c.Size + 2*quiet
	dark := func(x, y int) bool { return c.Black(x-quiet, y-quiet) } // outside the code: light
	out := &Code{Width: n}
	var b strings.Builder
	for y := 0; y < n; y += 2 {
		b.Reset()
		for x := range n {
			top, bottom := dark(x, y), dark(x, y+1) // past the last row: margin
			if colour {
				b.WriteString(cell(top, bottom))
			} else {
				b.WriteString(plainCell(top, bottom))
			}
		}
		if colour {
			b.WriteString("\x1b[0m")
		}
		out.Lines = append(out.Lines, b.String())
	}
	return out, nil
}

// cell is one character for two modules: the upper half block in the top
// module's colour over the bottom module's colour (30/40 black, 97/107
// bright white).
func cell(top, bottom bool) string {
	fg, bg := "97", "107"
	if top {
		fg = "30"
	}
	if bottom {
		bg = "40"
	}
	return "\x1b[" + fg + ";" + bg + "m▀"
}

// plainCell draws light modules, so the terminal's dark background is the
// code's black.
func plainCell(top, bottom bool) string {
	switch {
	case !top && !bottom:
		return "█"
	case !top:
		return "▀"
	case !bottom:
		return "▄"
	}
	return " "
}
