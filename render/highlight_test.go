package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/bench/benchdata"
	"github.com/graphtui/graphtui/internal/refdata/refdatatest"
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
	if got := stripSGR(whole.Bytes()); !bytes.Equal(got, append(want, '\n')) {
		t.Fatalf("%s: WriteTo output differs from json.Indent plus a newline", name)
	}
	for i, c := range whole.Bytes() {
		if c < 0x20 && !isSpaceOrESC(c) {
			t.Fatalf("%s: WriteTo wrote control byte %#x at %d: a colour mark was not turned into a sequence", name, c, i)
		}
	}
	// The CLI's one-pass variant writes the same bytes.
	var written Lines
	if err := highlightWritten(&written, body, p); err != nil {
		t.Fatalf("%s: highlightWritten: %v", name, err)
	}
	if !bytes.Equal(written.buf, whole.Bytes()) {
		t.Fatalf("%s: highlightWritten differs from Highlight + WriteTo\n got: %.300q\nwant: %.300q", name, written.buf, whole.Bytes())
	}
	// What is stored holds no control byte but the marks and the line
	// breaks: the TUI takes every mark-valued byte in a line as colour.
	for i, c := range l.buf {
		if c < 0x20 && (c == 0x1b || !isSpaceOrESC(c)) && (p == nil || !IsMark(c)) {
			t.Fatalf("%s: stored byte %#x at %d", name, c, i)
		}
	}
}

// isSpaceOrESC: JSON whitespace (json.Indent keeps what trails the value)
// or the ESC of an escape sequence.
func isSpaceOrESC(c byte) bool { return c == '\n' || c == '\t' || c == '\r' || c == 0x1b }

// stripSGR removes CSI escape sequences (ESC '[' ... final byte): what a
// terminal would show of coloured output.
func stripSGR(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] != 0x1b || i+1 >= len(b) || b[i+1] != '[' {
			out = append(out, b[i])
			continue
		}
		for i += 2; i < len(b) && (b[i] < 0x40 || b[i] > 0x7e); i++ {
		}
	}
	return out
}

func TestHighlightMatchesIndentOnGraphMocks(t *testing.T) {
	color, c256 := monokai(t, ColorTrue), monokai(t, Color256)
	checked := 0
	for _, m := range refdatatest.Mocks(t) {
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
		if got := string(l.AppendColoured(nil, i)); got != w {
			t.Errorf("line %d:\n got %q\nwant %q", i, got, w)
		}
	}

	if err := Highlight(&l, []byte(`{"id":1}`), monokai(t, Color256)); err != nil {
		t.Fatal(err)
	}
	if got := string(l.AppendColoured(nil, 1)); !strings.Contains(got, "\x1b[38;5;197m\"id\"") {
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
		h := NewHighlighter(body, nil)
		h.maxDepth = 3
		_, err := h.Next(math.MaxInt)
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
	big := benchdata.UsersPage(64 << 10)
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
		// The CLI's streamed output is the whole body's, valid or not.
		assertStreamEqual(t, "fuzz input", body, "application/json", uint64(len(body)))
		assertStreamEqual(t, "fuzz input, no content type", body, "", uint64(len(body)))
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
		assertIndentEqual(t, "fuzz input", body, palette)
	})
}

func TestHighlighterInSteps(t *testing.T) {
	body := benchdata.UsersPage(256 << 10)
	p := monokai(t, ColorTrue)
	var whole Lines
	if err := Highlight(&whole, body, p); err != nil {
		t.Fatal(err)
	}

	h := NewHighlighter(body, p)
	done, err := h.Next(50)
	if err != nil || done {
		t.Fatalf("first screen: done %v, err %v", done, err)
	}
	top := h.Lines()
	if top.Len() < 50 || top.Len() > 60 {
		t.Fatalf("Next(50) finished %d lines; want 50 and a few more at most", top.Len())
	}
	if h.Consumed() <= 0 || h.Consumed() >= len(body)/10 {
		t.Errorf("Consumed %d of %d after the first screen: did it do more than it had to?", h.Consumed(), len(body))
	}
	var topBytes bytes.Buffer
	top.WriteTo(&topBytes)
	shown := bytes.Clone(topBytes.Bytes())

	// The rest in uneven steps, reading the first snapshot meanwhile, as
	// the TUI does from another goroutine (go test -race checks it).
	stopReading := make(chan struct{})
	readerDone := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stopReading:
				readerDone <- n
				return
			default:
				for i := range top.Len() {
					n += len(top.Line(i))
				}
			}
		}
	}()
	for steps := 0; !done; steps++ {
		if done, err = h.Next(997); err != nil {
			t.Fatal(err)
		}
		if steps > whole.Len() {
			t.Fatal("Next does not progress")
		}
	}
	close(stopReading)
	<-readerDone
	if h.Consumed() != len(body) {
		t.Errorf("Consumed %d at the end, want %d", h.Consumed(), len(body))
	}

	all := h.Lines()
	if all.Len() != whole.Len() {
		t.Fatalf("%d lines in steps, %d at once", all.Len(), whole.Len())
	}
	for i := range whole.Len() {
		if !bytes.Equal(all.Line(i), whole.Line(i)) {
			t.Fatalf("line %d differs:\n steps %q\n whole %q", i, all.Line(i), whole.Line(i))
		}
	}
	topBytes.Reset()
	top.WriteTo(&topBytes)
	if !bytes.Equal(topBytes.Bytes(), shown) {
		t.Error("the first screen's snapshot changed while the rest was highlighted")
	}
	if !bytes.HasPrefix(stripSGR(shown), indented(t, body)[:len(stripSGR(shown))-1]) {
		t.Error("the first screen is not the start of json.Indent's text")
	}
	if done, err := h.Next(10); !done || err != nil {
		t.Errorf("Next after the end: done %v, err %v", done, err)
	}
}

func TestHighlighterErrorAfterFirstScreen(t *testing.T) {
	// A body that goes wrong far from the top: the first screen is shown,
	// then the error comes and stays.
	good := benchdata.UsersPage(64 << 10)
	body := append(bytes.Clone(good[:len(good)-1]), `,"bad":"\u001b`...) // cut off in an escape
	body = append(body, "\x1b[2J"...)
	h := NewHighlighter(body, monokai(t, ColorTrue))
	if _, err := h.Next(50); err != nil {
		t.Fatalf("first screen: %v", err)
	}
	done, err := h.Next(math.MaxInt)
	var se *SyntaxError
	if done || !errors.As(err, &se) || se.Offset < len(good)-1 {
		t.Fatalf("done %v, err %v; want a SyntaxError near the end", done, err)
	}
	if _, again := h.Next(1); again != err {
		t.Errorf("second Next: %v, want the same error", again)
	}
	l := h.Lines()
	var text bytes.Buffer
	l.WriteTo(&text)
	if bytes.Contains(stripSGR(text.Bytes()), []byte{0x1b}) {
		t.Error("a raw ESC reached the lines made before the error")
	}
}

func TestHighlightStringsAcrossChunks(t *testing.T) {
	// Strings are checked eight bytes at a time: put each kind of byte
	// that needs a look at every offset of a chunk, and near the end of
	// the body where fewer than eight bytes are left.
	p := monokai(t, ColorTrue)
	for _, special := range []string{`\"`, `\\`, `\u00e9`, `\/`, "é", "\x7f", "\xff", "\x01", "\x1b", "\t", `\x`, `\u12`} {
		for n := range 20 {
			for at := 0; at <= n; at++ {
				s := strings.Repeat("a", at) + special + strings.Repeat("b", n-at)
				for _, body := range []string{`["` + s + `"]`, `"` + s + `"`, `{"` + s + `":1}`} {
					var l Lines
					err := Highlight(&l, []byte(body), p)
					if valid := json.Valid([]byte(body)); valid != (err == nil) {
						t.Fatalf("%q: json.Valid %v, Highlight error %v", body, valid, err)
					}
					if err == nil {
						if got, want := plainText(&l), indented(t, []byte(body)); !bytes.Equal(got, want) {
							t.Fatalf("%q:\n got %q\nwant %q", body, got, want)
						}
					}
				}
			}
		}
	}
	// One string far longer than the first output buffer, so that it grows
	// in the middle of the string.
	long := []byte(`{"k":"` + strings.Repeat(`0123456789\"abcdef`, 20000) + `"}`)
	assertIndentEqual(t, "long string", long, p)
}
