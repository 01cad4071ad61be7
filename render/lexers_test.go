package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Non-JSON bodies are coloured, and colour is all that is added: the text
// itself comes out as it went in, whatever shape the markup is in.
func TestNonJSONBodiesColouredTextUnchanged(t *testing.T) {
	for _, tc := range []struct{ contentType, body, coloured string }{
		{"application/xml", `<?xml version="1.0"?><edmx:Edmx Version="4.0"><!-- a comment --><Schema a='b'>x &amp; y<![CDATA[<raw>]]></Schema></edmx:Edmx>`, "edmx:Edmx"},
		{"text/html", "<!DOCTYPE html><html><body class=x>502 < 503</body></html>", "body"},
		{"text/xml", "<unclosed attr=\"value <!-- never ends", "unclosed"},
		{"text/csv", "Report Refresh Date,User Principal Name\n2026-12-01,\"adele@contoso.com\"\n2026-12-01,\"a \"\"quoted\"\" name\"\n", "User Principal Name"},
		{"application/json", `{"value": [{"id": 1, "ok": true, "cut": "abc`, `"value"`},
		{"", "<?xml version=\"1.0\"?>\n<feed/>", "feed"},
	} {
		var out bytes.Buffer
		if err := Pretty(&out, []byte(tc.body), tc.contentType, ColorTrue, ""); err != nil {
			t.Fatalf("%s: %v", tc.contentType, err)
		}
		if got := string(stripSGR(out.Bytes())); got != strings.TrimRight(tc.body, "\n")+"\n" {
			t.Errorf("%s: text changed:\n%q\nwant\n%q", tc.contentType, got, tc.body)
		}
		if !bytes.Contains(out.Bytes(), []byte("m"+tc.coloured)) {
			t.Errorf("%s: %q is not coloured: %q", tc.contentType, tc.coloured, out.String())
		}
	}
}

// A body full of constructs that never close is shown in one pass; a
// pattern that scanned to the end from each of them would not finish.
func TestUnclosedMarkupIsLinear(t *testing.T) {
	for _, opener := range []string{"<![CDATA[", "<?", "<!", "<!--", `<a "`, "&"} {
		body := strings.Repeat(opener+"x", 64<<10/len(opener))
		var out bytes.Buffer
		if err := Pretty(&out, []byte(body), "text/xml", Color256, ""); err != nil {
			t.Fatal(err)
		}
		if got := string(stripSGR(out.Bytes())); got != body+"\n" {
			t.Errorf("%q repeated: text changed", opener)
		}
	}
}

// Whatever a non-JSON body holds, Pretty returns, adds only colour, and
// shows the text as the plain (ColorNone) output does.
func FuzzPrettyText(f *testing.F) {
	for _, s := range []string{`<a b='c'>x &amp; y</a>`, "<!--", "<![CDATA[x", "a,b\n\"c\"\"d\",e\n", `<?xml ?><x y="`, `{"cut": "ab`, "<!DOCTYPE html><p>\x1b[31m</p>"} {
		f.Add(s, uint8(0))
	}
	types := []string{"text/xml", "text/html", "text/csv", "text/plain", "application/problem+json", ""}
	f.Fuzz(func(t *testing.T, body string, pick uint8) {
		ct := types[int(pick)%len(types)]
		var plain, coloured bytes.Buffer
		errPlain := Pretty(&plain, []byte(body), ct, ColorNone, "")
		errColoured := Pretty(&coloured, []byte(body), ct, ColorTrue, "")
		if (errPlain == nil) != (errColoured == nil) {
			t.Fatalf("%s: plain error %v, coloured error %v", ct, errPlain, errColoured)
		}
		if IsJSON(ct, []byte(body)) && json.Valid([]byte(body)) {
			return // the JSON highlighter, fuzzed by FuzzHighlight
		}
		if got := stripSGR(coloured.Bytes()); !bytes.Equal(got, plain.Bytes()) {
			t.Fatalf("%s: colour changed the text:\n%q\nplain:\n%q", ct, got, plain.Bytes())
		}
	})
}
