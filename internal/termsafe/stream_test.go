package termsafe

import (
	"bytes"
	"testing"
)

// However the text is cut into writes, VisibleWriter writes what Visible
// makes of the whole: a rune, an invalid byte or "\r\n" cut in two is
// judged whole.
func TestVisibleWriterMatchesVisible(t *testing.T) {
	text := []byte("Zoë Ω 😀 \x1b[2J\u009b31m\xff\xe2\x82 end\r\nnext\rline\r\n\xf0\x9f\x98")
	want := Visible(text)
	for size := 1; size <= len(text); size++ {
		var out bytes.Buffer
		v := NewVisibleWriter(&out)
		for rest := text; len(rest) > 0; {
			k := min(size, len(rest))
			if n, err := v.Write(rest[:k]); n != k || err != nil {
				t.Fatalf("Write: %d, %v", n, err)
			}
			rest = rest[k:]
		}
		if err := v.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("%d-byte writes: %q\nwant %q", size, out.Bytes(), want)
		}
		if !v.Changed() {
			t.Fatalf("%d-byte writes: Changed is false", size)
		}
	}
	var out bytes.Buffer
	v := NewVisibleWriter(&out)
	v.Write([]byte("plain é text\n"))
	v.Close()
	if v.Changed() || out.String() != "plain é text\n" {
		t.Errorf("clean text: %q, changed %v", out.String(), v.Changed())
	}
}
