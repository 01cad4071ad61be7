package termsafe

import (
	"strings"
	"testing"
)

// JSONUnsafe skips ASCII eight bytes at a time: an unsafe byte must be
// found at every offset of a word and in the tail after the last word.
func TestJSONUnsafeAtEveryOffset(t *testing.T) {
	for _, bad := range []string{"\x7f", "\xc2\x9b", "\x9b", "\xff", "\xe2\x82"} {
		for n := range 20 {
			for at := 0; at <= n; at++ {
				s := strings.Repeat("~", at) + bad + strings.Repeat("a", n-at)
				if !JSONUnsafe([]byte(s)) {
					t.Fatalf("%q: not seen as unsafe", s)
				}
			}
		}
	}
	for _, ok := range []string{strings.Repeat("~ az{}\n", 5), "café, naïve — 日本語 " + strings.Repeat("x", 13), ""} {
		if JSONUnsafe([]byte(ok)) {
			t.Errorf("%q: seen as unsafe", ok)
		}
	}
}
