package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestPrettyJSON(t *testing.T) {
	body := []byte(`{"value":[{"id":"1","displayName":"Adele Vance"}]}`)
	var plain bytes.Buffer
	if err := Pretty(&plain, append(body, "\r\n"...), "application/json; odata.metadata=minimal", ColorNone, ""); err != nil {
		t.Fatal(err)
	}
	if want := string(indented(t, body)) + "\n"; plain.String() != want {
		t.Errorf("plain:\n%s\nwant:\n%s", plain.String(), want)
	}

	var color bytes.Buffer
	if err := Pretty(&color, body, "application/json", ColorTrue, "github"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(color.Bytes(), []byte("\x1b[")) || !bytes.Equal(stripSGR(color.Bytes()), plain.Bytes()) {
		t.Errorf("coloured output is not the plain output plus colours: %q", color.String())
	}
}

func TestPrettyNonJSONUsesChroma(t *testing.T) {
	html := []byte("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
	var out bytes.Buffer
	if err := Pretty(&out, html, "text/html", Color256, ""); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Bytes(), []byte("\x1b[38;5;")) {
		t.Errorf("HTML not highlighted in 256 colours: %q", out.String())
	}
	if got := string(stripSGR(out.Bytes())); got != string(html)+"\n" {
		t.Errorf("text changed: %q", got)
	}

	// A body claiming JSON that is not JSON is still shown, as text.
	out.Reset()
	if err := Pretty(&out, []byte(`{"truncated": "bod`), "application/json", ColorNone, ""); err != nil {
		t.Fatal(err)
	}
	if out.String() != "{\"truncated\": \"bod\n" {
		t.Errorf("invalid JSON: %q", out.String())
	}
}

func TestPrettyNeverWritesRawControlBytes(t *testing.T) {
	body := []byte("line one\r\nclear \x1b[2J title \x1b]0;x\x07 csi \u009b31m del \x7f lone \x9b tab\tend")
	for _, mode := range []ColorMode{ColorNone, Color256, ColorTrue} {
		var out bytes.Buffer
		if err := Pretty(&out, body, "text/plain", mode, ""); err != nil {
			t.Fatal(err)
		}
		text := stripSGR(out.Bytes()) // only the highlighter's own sequences go
		for _, bad := range []string{"\x1b", "\x07", "\r", "\x7f", "\u009b", "\x9b"} {
			if bytes.Contains(text, []byte(bad)) {
				t.Errorf("mode %d: raw %q in output %q", mode, bad, text)
			}
		}
		for _, want := range []string{"line one\nclear", `\x1b[2J`, `\x07`, `\u009b31m`, `\x7f`, `\x9b`, "tab\tend"} {
			if !bytes.Contains(text, []byte(want)) {
				t.Errorf("mode %d: %q missing from %q", mode, want, text)
			}
		}
	}
}

func TestPrettyBinary(t *testing.T) {
	jpeg := []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")
	for _, ct := range []string{"image/jpeg", "application/octet-stream", ""} {
		var out bytes.Buffer
		err := Pretty(&out, jpeg, ct, ColorTrue, "")
		var be *BinaryBodyError
		if !errors.As(err, &be) || be.Size != len(jpeg) || out.Len() != 0 {
			t.Errorf("%q: got %v and %d bytes written", ct, err, out.Len())
		}
	}
	// SVG is an image type but text.
	if err := Pretty(&bytes.Buffer{}, []byte("<svg/>"), "image/svg+xml", ColorNone, ""); err != nil {
		t.Errorf("svg: %v", err)
	}
	// A multi-byte rune cut at the sniffing boundary is not binary.
	text := append(bytes.Repeat([]byte("a"), 8191), "é and more"...)
	if isBinary("text/plain", text) {
		t.Error("UTF-8 text reported as binary")
	}
}

func TestPrettyEmptyAndStyleErrors(t *testing.T) {
	var out bytes.Buffer
	if err := Pretty(&out, nil, "application/json", ColorTrue, ""); err != nil || out.Len() != 0 {
		t.Errorf("empty body: %v, %q", err, out.String())
	}
	err := Pretty(&out, []byte(`{}`), "application/json", ColorTrue, "no-such-style")
	if err == nil || !strings.Contains(err.Error(), "monokai") {
		t.Errorf("unknown style should list the choices: %v", err)
	}
	if err := Pretty(&out, []byte(`{}`), "application/json", ColorNone, "no-such-style"); err != nil {
		t.Errorf("style is irrelevant without colour: %v", err)
	}
}

func TestLexerChoice(t *testing.T) {
	tests := map[string]string{
		"text/html; charset=utf-8":          "HTML",
		"application/xml":                   "XML",
		"application/atom+xml":              "XML",
		"application/problem+json":          "JSON",
		"text/plain":                        "plaintext",
		"text/csv":                          "CSV",
		"application/x-unknown-but-textual": "plaintext",
	}
	for ct, want := range tests {
		if got := lexerFor(ct, []byte("Report Refresh Date,User Principal Name\n")).Config().Name; got != want {
			t.Errorf("%s: lexer %q, want %q", ct, got, want)
		}
	}
}
