package termsafe

import (
	"testing"
	"unicode/utf8"
)

// Each way of showing text, on the same awkward input: what happens to line
// breaks, to C0 controls and DEL, to C1 controls (valid UTF-8) and to
// invalid bytes, and that the rest (including non-ASCII text) is untouched.
func TestModes(t *testing.T) {
	const in = "a\tb\r\nc\nd\re\x1b[31mf\x7fg\u009bh\x9bi\xffé日\x00"
	for _, tc := range []struct {
		name string
		got  string
		want string
	}{
		{"Visible", string(Visible([]byte(in))), "a\tb\nc\nd\\x0de\\x1b[31mf\\x7fg\\u009bh\\x9bi\\xffé日\\x00"},
		{"Line", Line(in), "a b  c d e\\x1b[31mf\\x7fg\\u009bh\\x9bi\\xffé日\\x00"},
		{"Escaped", Escaped(in), `a\tb\r\nc\nd\re\x1b[31mf\x7fg\u009bh\x9bi\xffé日\x00`},
		{"AppendEscaped", string(AppendEscaped([]byte("x="), in)), `x=a\tb\r\nc\nd\re\x1b[31mf\x7fg\u009bh\x9bi\xffé日\x00`},
		{"Strip", Strip(in), "a b  c d e[31mfghié日"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, tc.got, tc.want)
		}
	}
}

// Whatever the input, no mode lets through a byte a terminal acts on, and
// the one-line modes never keep a line break.
func FuzzModes(f *testing.F) {
	f.Add("plain")
	f.Add("a\r\nb\x1b]0;title\x07\u0085\xc2")
	f.Fuzz(func(t *testing.T, s string) {
		check := func(name, out string, lines bool) {
			if !utf8.ValidString(out) {
				t.Fatalf("%s(%q) = %q: invalid UTF-8", name, s, out)
			}
			for _, r := range out {
				if r == '\n' || r == '\t' {
					if !lines {
						t.Fatalf("%s(%q) = %q: a line break or tab on one line", name, s, out)
					}
					continue
				}
				if r < 0x20 || r >= 0x7f && r < 0xa0 {
					t.Fatalf("%s(%q) = %q: control %U passed", name, s, out, r)
				}
			}
		}
		check("Visible", string(Visible([]byte(s))), true)
		check("Line", Line(s), false)
		check("Escaped", Escaped(s), false)
		check("Strip", Strip(s), false)
	})
}

// Clean text comes back as it is, without a copy: the one-line modes run
// on every header value and request row, and most need no change.
func TestCleanTextIsReturnedAsIs(t *testing.T) {
	for _, s := range []string{"", "plain ascii", "café — 日本語"} {
		for name, f := range map[string]func(string) string{"Line": Line, "Escaped": Escaped, "Strip": Strip} {
			if got := f(s); got != s {
				t.Errorf("%s(%q) = %q", name, s, got)
			}
			if n := testing.AllocsPerRun(10, func() { f(s) }); n != 0 {
				t.Errorf("%s(%q): %v allocations for clean text", name, s, n)
			}
		}
	}
	if got := string(Visible([]byte("a\nb\tc"))); got != "a\nb\tc" {
		t.Errorf("Visible changed clean text: %q", got)
	}
}
