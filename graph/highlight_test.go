package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// plainText joins the uncoloured lines the way json.Indent lays them out.
func plainText(l *Lines) []byte {
	var out []byte
	for i := range l.Len() {
		if i > 0 {
			out = append(out, '\n')
		}
		out = l.AppendPlain(out, i)
	}
	return out
}

func indented(t testing.TB, body []byte) []byte {
	t.Helper()
	var want bytes.Buffer
	if err := json.Indent(&want, body, "", "  "); err != nil {
		t.Fatalf("json.Indent: %v", err)
	}
	return want.Bytes()
}

func monokai(t testing.TB, mode ColorMode) *Palette {
	st, err := LookupStyle("monokai")
	if err != nil {
		t.Fatal(err)
	}
	return NewPalette(st, mode)
}

// assertIndentEqual checks the contract: colours stripped, the text is
// exactly json.Indent's, and the buffer holds nothing else.
func assertIndentEqual(t testing.TB, name string, body []byte, p *Palette) {
	t.Helper()
	var l Lines
	if err := Highlight(&l, body, p); err != nil {
		t.Fatalf("%s: Highlight: %v", name, err)
	}
	want := indented(t, body)
	if got := plainText(&l); !bytes.Equal(got, want) {
		t.Fatalf("%s: stripped output differs from json.Indent\n got: %.300q\nwant: %.300q", name, got, want)
	}
	var whole bytes.Buffer
	l.WriteTo(&whole)
	if got := appendStripped(nil, whole.Bytes()); !bytes.Equal(got, append(want, '\n')) {
		t.Fatalf("%s: WriteTo output differs from json.Indent plus a newline", name)
	}
}

const mocksPath = "../../shared/data/graph-doc-mocks/graph-v1_0-proxy-mocks.json"

func TestHighlightMatchesIndentOnGraphMocks(t *testing.T) {
	data, err := os.ReadFile(mocksPath)
	if os.IsNotExist(err) {
		t.Skipf("%s not present", mocksPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Mocks []struct {
			Request  struct{ URL string }
			Response struct{ Body json.RawMessage }
		}
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	color, c256 := monokai(t, ColorTrue), monokai(t, Color256)
	checked := 0
	for _, m := range file.Mocks {
		body := m.Response.Body
		if len(body) == 0 || string(body) == "null" {
			continue
		}
		compact, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		name := m.Request.URL
		assertIndentEqual(t, name+" (compact)", compact, color)
		assertIndentEqual(t, name+" (as in the file)", body, c256)
		assertIndentEqual(t, name+" (no colour)", compact, nil)
		// Some mocks hold the response text as a JSON string.
		var text string
		if json.Unmarshal(body, &text) == nil && json.Valid([]byte(text)) {
			assertIndentEqual(t, name+" (embedded text)", []byte(text), color)
		}
		checked++
	}
	if checked < 2000 {
		t.Fatalf("only %d bodies checked; the mocks file changed shape?", checked)
	}
}

func TestHighlightLayout(t *testing.T) {
	tests := []struct {
		in    string
		lines []string
	}{
		{`{}`, []string{`{}`}},
		{` [ ] `, []string{`[] `}},
		{`{"a":{},"b":[ ],"c":[{ }]}`, []string{`{`, `  "a": {},`, `  "b": [],`, `  "c": [`, `    {}`, `  ]`, `}`}},
		{"\n\t{\"a\" : 1 ,\r\n\"b\":[true,false,null]}\n", []string{`{`, `  "a": 1,`, `  "b": [`, `    true,`, `    false,`, `    null`, `  ]`, `}`, ``}},
		{`"top"`, []string{`"top"`}},
		{`-0.5e+10`, []string{`-0.5e+10`}},
		{`1 `, []string{`1 `}},
		{`{"k\"ey":"v\\\"al\u00e9\n"}`, []string{`{`, `  "k\"ey": "v\\\"al\u00e9\n"`, `}`}},
	}
	for _, tt := range tests {
		var l Lines
		if err := Highlight(&l, []byte(tt.in), monokai(t, ColorTrue)); err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		var got []string
		for i := range l.Len() {
			got = append(got, string(l.Plain(i)))
		}
		if strings.Join(got, "\n") != strings.Join(tt.lines, "\n") || len(got) != len(tt.lines) {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, got, tt.lines)
		}
		assertIndentEqual(t, tt.in, []byte(tt.in), nil)
	}
}

func TestHighlightColoursComeFromTheStyle(t *testing.T) {
	// Monokai: NameTag #f92672, LiteralString #e6db74, LiteralNumber #ae81ff,
	// KeywordConstant (via Keyword) #66d9ef, Punctuation #f8f8f2.
	var l Lines
	if err := Highlight(&l, []byte(`{"id":"x","n":42,"ok":true}`), monokai(t, ColorTrue)); err != nil {
		t.Fatal(err)
	}
	const (
		key   = "\x1b[38;2;249;38;114m"
		str   = "\x1b[38;2;230;219;116m"
		num   = "\x1b[38;2;174;129;255m"
		cons  = "\x1b[38;2;102;217;239m"
		punct = "\x1b[38;2;248;248;242m"
		off   = "\x1b[39m"
	)
	// One sequence per change of kind; the colour is closed at line end.
	want := []string{
		punct + "{" + off,
		"  " + key + `"id"` + punct + ": " + str + `"x"` + punct + "," + off,
		"  " + key + `"n"` + punct + ": " + num + "42" + punct + "," + off,
		"  " + key + `"ok"` + punct + ": " + cons + "true" + off,
		punct + "}" + off,
	}
	for i, w := range want {
		if got := string(l.Line(i)); got != w {
			t.Errorf("line %d:\n got %q\nwant %q", i, got, w)
		}
	}

	if err := Highlight(&l, []byte(`{"id":1}`), monokai(t, Color256)); err != nil {
		t.Fatal(err)
	}
	if got := string(l.Line(1)); !strings.Contains(got, "\x1b[38;5;197m\"id\"") {
		t.Errorf("256 colours: %q", got)
	}
}

func TestHighlightKeepsEscapesEscaped(t *testing.T) {
	body := []byte(`{"displayName":"\u001b[2J\u001b]0;pwned\u0007","note":"\u009b31m"}`)
	var l Lines
	if err := Highlight(&l, body, monokai(t, ColorTrue)); err != nil {
		t.Fatal(err)
	}
	text := plainText(&l)
	if bytes.ContainsAny(text, "\x1b\x07") || !bytes.Contains(text, []byte(`\u001b[2J\u001b]0;pwned\u0007`)) {
		t.Errorf("escape sequences decoded: %q", text)
	}
}

func TestHighlightRejectsInvalidJSON(t *testing.T) {
	for _, in := range []string{
		``, `   `, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[1 2]`, `{1:2}`, `"abc`, "\"a\x01\"", `"\x"`, `"\u12g4"`,
		`01`, `1.`, `-`, `.5`, `1e`, `1e+`, `tru`, `nul`, `falsey`, `{}{}`, `[}`, `{]`, `{"a":1]`, `<html>`, "\xef\xbb\xbf{}",
	} {
		var l Lines
		Highlight(&l, []byte(`{"previous":"content"}`), nil)
		err := Highlight(&l, []byte(in), nil)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: got %v, want a SyntaxError", in, err)
			continue
		}
		if json.Valid([]byte(in)) {
			t.Errorf("%q: encoding/json accepts it", in)
		}
		if se.Offset < 0 || se.Offset > len(in) || !strings.Contains(se.Error(), fmt.Sprintf("byte %d", se.Offset)) {
			t.Errorf("%q: offset %d, message %q", in, se.Offset, se.Error())
		}
		if l.Len() != 0 {
			t.Errorf("%q: %d lines left after an error", in, l.Len())
		}
	}
}

func TestHighlightDepthLimit(t *testing.T) {
	// The limit is encoding/json's: maxDepth levels pass, one more fails.
	// Checked with json.Valid only, since indenting 10000 levels is huge.
	for depth, valid := range map[int]bool{maxDepth: true, maxDepth + 1: false} {
		body := []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
		if json.Valid(body) != valid {
			t.Fatalf("encoding/json's depth limit is no longer %d", maxDepth)
		}
	}
	// The same boundary at a small scale in the highlighter.
	for depth, valid := range map[int]bool{3: true, 4: false} {
		body := []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
		h := highlighter{src: body, limit: 1 << 20, maxDepth: 3}
		err := h.run()
		var se *SyntaxError
		if valid && err != nil || !valid && (!errors.As(err, &se) || !strings.Contains(se.Msg, "max depth")) {
			t.Errorf("depth %d with limit 3: %v", depth, err)
		}
	}
}

func TestHighlightRefusesRunawayIndentation(t *testing.T) {
	// Deep nesting times many elements: 4000 lines of 20000 spaces each.
	body := []byte(strings.Repeat("[", maxDepth) + strings.Repeat("0,", 4000) + "0" + strings.Repeat("]", maxDepth))
	var l Lines
	if err := Highlight(&l, body, nil); !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v, want ErrTooLarge", err)
	}
}

func TestLinesReuse(t *testing.T) {
	var l Lines
	big := usersPage(64 << 10)
	if err := Highlight(&l, big, monokai(t, ColorTrue)); err != nil {
		t.Fatal(err)
	}
	assertIndentEqual(t, "big", big, nil)
	if err := Highlight(&l, []byte(`{"a":[1]}`), nil); err != nil {
		t.Fatal(err)
	}
	if got := string(plainText(&l)); got != "{\n  \"a\": [\n    1\n  ]\n}" {
		t.Errorf("after reuse: %q", got)
	}
}

func FuzzHighlight(f *testing.F) {
	for _, s := range []string{
		`{"value":[{"id":"1","displayName":"Adele","businessPhones":[],"jobTitle":null,"accountEnabled":true,"n":-1.5e3}]}`,
		`[[],{},[{}],"\u001b",1,0.0,-0,1E+2,true,false,null]`,
		" \n{\"a\" :\t\"b\" }\r\n",
		`"\ud83d\ude00"`, `{"a":{"b":{"c":{}}}}`, `[1,]`, `{"a"`, "\"\xff\"", `01`,
	} {
		f.Add([]byte(s))
	}
	palette := monokai(f, ColorTrue)
	f.Fuzz(func(t *testing.T, body []byte) {
		var l Lines
		err := Highlight(&l, body, palette)
		if errors.Is(err, ErrTooLarge) {
			return
		}
		if valid := json.Valid(body); valid != (err == nil) {
			t.Fatalf("json.Valid %v but Highlight error %v", valid, err)
		}
		if err != nil {
			return
		}
		want := indented(t, body)
		if got := plainText(&l); !bytes.Equal(got, want) {
			t.Fatalf("stripped output differs from json.Indent\n got: %q\nwant: %q", got, want)
		}
	})
}

// usersPage builds a deterministic compact /users page of at least size bytes.
func usersPage(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"businessPhones":["+1 425 555 %04d"],"displayName":"User Number %d","givenName":"Given%d",`+
			`"jobTitle":null,"mail":"user%d@contoso.onmicrosoft.com","mobilePhone":null,"officeLocation":"%d/%d",`+
			`"preferredLanguage":"en-US","surname":"Surname%d","userPrincipalName":"user%d@contoso.onmicrosoft.com",`+
			`"id":"%08x-1111-4222-8333-%012x","accountEnabled":%t,"employeeHireDate":"2021-0%d-1%dT08:00:00Z","onPremisesExtensionAttributes":{"extensionAttribute1":"Team \u00e9 %d"}}`,
			i%10000, i, i, i, i%40, i%500, i, i, i*7919, i, i%3 != 0, 1+i%9, i%10, i%17)
	}
	b.WriteString(`],"@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=RFNwdAIAAQAAAB8"}`)
	return b.Bytes()
}

func BenchmarkHighlight(b *testing.B) {
	for _, size := range []int{1 << 20, 10 << 20} {
		body := usersPage(size)
		for _, mode := range []struct {
			name string
			p    *Palette
		}{{"truecolor", monokai(b, ColorTrue)}, {"plain", nil}} {
			b.Run(fmt.Sprintf("%dMB/%s", size>>20, mode.name), func(b *testing.B) {
				var l Lines
				b.SetBytes(int64(len(body)))
				b.ReportAllocs()
				for b.Loop() {
					if err := Highlight(&l, body, mode.p); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		// json.Indent as the yardstick for the same input.
		b.Run(fmt.Sprintf("%dMB/json.Indent", size>>20), func(b *testing.B) {
			var out bytes.Buffer
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				if err := json.Indent(&out, body, "", "  "); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
