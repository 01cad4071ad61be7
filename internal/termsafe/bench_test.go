package termsafe

import (
	"strings"
	"testing"
)

// benchText is a JSON-like page with some non-ASCII names, which the
// eight-byte fast path must step around.
var benchText = []byte(strings.Repeat(`{"displayName":"Zoë Müller","mail":"zoe@contoso.com","jobTitle":"Engineer"},`+"\n", 64<<10))

func BenchmarkJSONUnsafe(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		if JSONUnsafe(benchText) {
			b.Fatal("seen as unsafe")
		}
	}
}

func BenchmarkVisible(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		Visible(benchText)
	}
}

// BenchmarkAppendEscaped is the table view's cost per cell.
func BenchmarkAppendEscaped(b *testing.B) {
	cell := "Zoë Müller, Engineer\tBuilding 4"
	var dst []byte
	b.ReportAllocs()
	for b.Loop() {
		dst = AppendEscaped(dst[:0], cell)
	}
}
