package qrtext

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"rsc.io/qr"
)

const consentURL = "https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=5a6c1e0f-2b3d-4c8e-9f7a-1d2e3f4a5b6c"

// modules reads a drawing back into rows of dark (true) and light modules.
func modules(t *testing.T, c *Code, colour bool) [][]bool {
	t.Helper()
	sgr := regexp.MustCompile(`\x1b\[(\d+);(\d+)m▀`)
	var rows [][]bool
	for _, line := range c.Lines {
		top, bottom := make([]bool, 0, c.Width), make([]bool, 0, c.Width)
		if colour {
			for _, m := range sgr.FindAllStringSubmatch(line, -1) {
				top, bottom = append(top, m[1] == "30"), append(bottom, m[2] == "40")
			}
		} else {
			for _, r := range line {
				top = append(top, r == ' ' || r == '▄')
				bottom = append(bottom, r == ' ' || r == '▀')
			}
		}
		if len(top) != c.Width {
			t.Fatalf("a line has %d cells, want %d: %q", len(top), c.Width, line)
		}
		rows = append(rows, top, bottom)
	}
	return rows
}

// The drawing must be the encoder's modules exactly, inside a light margin,
// in both styles: a phone reads what is drawn, not what was meant.
func TestRenderDrawsTheEncodedModules(t *testing.T) {
	want, err := qr.Encode(consentURL, qr.L)
	if err != nil {
		t.Fatal(err)
	}
	for _, colour := range []bool{false, true} {
		c, err := Render(consentURL, colour)
		if err != nil {
			t.Fatal(err)
		}
		if c.Width != want.Size+2*quiet || len(c.Lines) != (c.Width+1)/2 {
			t.Fatalf("colour %v: %d cells x %d lines for a %d-module code", colour, c.Width, len(c.Lines), want.Size)
		}
		got := modules(t, c, colour)
		for y := range c.Width {
			for x := range c.Width {
				if got[y][x] != want.Black(x-quiet, y-quiet) {
					t.Fatalf("colour %v: module (%d,%d) drawn dark=%v", colour, x, y, got[y][x])
				}
			}
		}
		for x := range c.Width { // the odd last half row is margin
			if len(got) > c.Width && got[c.Width][x] {
				t.Fatalf("colour %v: the row below the margin is dark at %d", colour, x)
			}
		}
		if !colour {
			for _, line := range c.Lines {
				if utf8.RuneCountInString(line) != c.Width || strings.ContainsRune(line, 0x1b) {
					t.Fatalf("plain line %q has escapes or the wrong width", line)
				}
			}
		}
	}
}

// A consent URL of a typical length fits a 24-row terminal.
func TestConsentURLFitsA24RowTerminal(t *testing.T) {
	c, err := Render(consentURL, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Lines) > 23 || c.Width > 80 {
		t.Errorf("%d cells x %d lines", c.Width, len(c.Lines))
	}
}

func TestRenderRefusesTooMuchText(t *testing.T) {
	if _, err := Render(strings.Repeat("x", 4000), false); err == nil || !strings.Contains(err.Error(), "too long for a QR code") {
		t.Errorf("err = %v", err)
	}
}
