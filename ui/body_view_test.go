package ui

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/graphtui/graphtui/render"
)

// onlyColours checks that the only escape sequences in out are SGR
// (colours) and that no C1 control or invalid UTF-8 reaches the terminal.
func onlyColours(t *testing.T, out string) {
	t.Helper()
	rest := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(out, "")
	if i := strings.IndexByte(rest, 0x1b); i >= 0 {
		t.Fatalf("a non-colour escape reaches the terminal: %q", rest[max(i-10, 0):min(i+10, len(rest))])
	}
	if !utf8.ValidString(rest) {
		t.Fatalf("invalid UTF-8 reaches the terminal: %q", rest)
	}
	for _, r := range rest {
		if r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 {
			t.Fatalf("control %U reaches the terminal: %q", r, rest)
		}
	}
}

func bodyExchange(t *testing.T, contentType string, body []byte, lines *render.Lines) *Exchange {
	x := vwUsersExchange(t, 1, false)
	x.Response.Header = http.Header{"Content-Type": {contentType}}
	x.Response.Body = body
	x.Lines = lines
	return x
}

func TestBodyEscapesHostileJSONStrings(t *testing.T) {
	// A JSON escape stays escaped text; raw DEL, a lone 0x9b, U+009B
	// (CSI to some terminals) and invalid UTF-8 are all valid in a JSON string.
	body := []byte("{\"name\":\"\\u001b[31mred\",\"odd\":\"a\x7fb\x9bc\xc2\x9bd\xffe\",\"wide\":\"日本語\"}")
	v := vwViewer(60, 10)
	vwShow(v, bodyExchange(t, "application/json", body, vwHighlight(t, body)))
	out := v.View()
	onlyColours(t, out)
	plain := vwView(t, v)
	for _, want := range []string{`"\u001b[31mred"`, `"a\x7fb\x9bc\u009bd\xffe"`, `"日本語"`} {
		if !strings.Contains(plain, want) {
			t.Errorf("view does not show %s:\n%s", want, plain)
		}
	}
}

func TestBodyEscapesControlsInTextBodies(t *testing.T) {
	body := []byte("line one\r\n\x1b[2J\x1b]0;owned\x07 title\r\n\tindented\r\nlast\xc2\x9b")
	v := vwViewer(60, 10)
	vwShow(v, bodyExchange(t, "text/plain", body, nil))
	onlyColours(t, v.View())
	plain := vwView(t, v)
	for _, want := range []string{"\n1 line one ", "\n2 \\x1b[2J\\x1b]0;owned\\x07 title ", "\n3     indented ", "\n4 last\\u009b "} {
		if !strings.Contains(plain, want) {
			t.Errorf("view does not show %q:\n%s", want, plain)
		}
	}
	if strings.Contains(plain, `\x0d`) {
		t.Errorf("CRLF line ends are shown as \\x0d:\n%s", plain)
	}
}

func TestBodyCutsWideCharactersAtTheEdges(t *testing.T) {
	body := []byte(`["日本語のテキストはとても長いです日本語のテキストはとても長いです"]`)
	v := vwViewer(24, 6)
	vwShow(v, bodyExchange(t, "application/json", body, vwHighlight(t, body)))
	for range 3 {
		v.Update(keyPress(">"))
		v.View()
		vwView(t, v) // checks every row is exactly 24 cells
	}
	v.body.hoff = 4 // `  "日` puts 日 on cells 3 and 4: the edge splits it
	if got := vwView(t, v); !strings.Contains(got, "\n2  本語のテ") {
		t.Fatalf("a wide character cut by the left edge should leave a space:\n%s", got)
	}
}

func TestBodyBinaryAndEmptyBodies(t *testing.T) {
	v := vwViewer(60, 10)
	vwShow(v, bodyExchange(t, "image/jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), nil))
	if got := vwView(t, v); !strings.Contains(got, "Binary body (image/jpeg, 10 B): press s to save it") {
		t.Fatalf("binary body not explained:\n%s", got)
	}
	x := bodyExchange(t, "application/json", nil, nil)
	x.Seq = 7
	vwShow(v, x)
	if got := vwView(t, v); !strings.Contains(got, "(empty body)") {
		t.Fatalf("empty body not said:\n%s", got)
	}
}

// A row that starts mid-line, or after a search match, must set again the
// colour in force there: the mark that set it is off screen.
func TestCellWalkerKeepsColoursAcrossACut(t *testing.T) {
	l := vwHighlight(t, []byte(`{"abc":"defgh"}`))
	var w cellWalker
	w.reset(l.Line(1), l.Palette()) // `  "abc": "defgh"`
	cut := w.skipTo(11)             // inside "defgh", after `"d`
	got, used := w.appendRow(nil, 3, cut, false, true, nil)
	whole := string(l.AppendColoured(nil, 1))
	strColour := whole[strings.Index(whole, ": ")+2 : strings.Index(whole, `"defgh"`)]
	if want := strColour + "efg" + sgrReset; string(got) != want || used != 3 {
		t.Fatalf("row = %q (%d cells), want %q", got, used, want)
	}
	if strColour == "" || strings.ContainsFunc(strColour, func(r rune) bool { return r < 0x20 && r != 0x1b }) {
		t.Fatalf("the string colour %q is not an escape sequence", strColour)
	}
}

func TestPlainLinesSplitsOnce(t *testing.T) {
	p := newPlainLines([]byte("a\r\nb\n\nc"))
	want := []string{"a", "b", "", "c"}
	if p.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", p.Len(), len(want))
	}
	for i, w := range want {
		if got := string(p.Line(i)); got != w {
			t.Errorf("Line(%d) = %q, want %q", i, got, w)
		}
	}
	if n := newPlainLines([]byte("x\n")).Len(); n != 1 {
		t.Errorf("a final newline makes %d lines, want 1", n)
	}
}

// Deep inside a long wrapped line, rows come from checkpoints; they must
// be the same rows a walk from the line's start gives, going down or up.
func TestBodyWrapSeeksInsideALongLine(t *testing.T) {
	var s strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&s, "<%06d>", i)
	}
	body := []byte(`{"a":"` + s.String() + `"}`)
	v := vwViewer(50, 10)
	x := bodyExchange(t, "application/json", body, vwHighlight(t, body))
	vwShow(v, x)
	v.Update(keyPress("w"))
	plain := string(x.Lines.Plain(1))
	cw := v.body.contentWidth()
	check := func(row int) {
		t.Helper()
		if v.body.top != 1 || v.body.topRow != row {
			t.Fatalf("top is line %d row %d, want line 2 row %d", v.body.top+1, v.body.topRow, row)
		}
		first := strings.Split(vwView(t, v), "\n")[2]
		want := plain[row*cw : (row+1)*cw]
		if !strings.HasSuffix(first, want) {
			t.Fatalf("row %d shows %q, want %q", row, first, want)
		}
	}
	v.Update(keyPress("down"))
	for _, step := range []struct {
		key    string
		n, row int
	}{{"down", 200, 200}, {"up", 70, 130}, {"pgdown", 3, 151}, {"up", 151, 0}} {
		for range step.n {
			v.Update(keyPress(step.key))
		}
		check(step.row)
	}
}
