// Package render shows response bodies for people: JSON indented and
// highlighted (all at once for the CLI, a screen at a time for the TUI),
// colour palettes from chroma styles, and other text through chroma, all of
// it safe for a terminal. It knows nothing of HTTP or Graph.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters"

	"github.com/graphtui/graphtui/internal/bytesize"
	"github.com/graphtui/graphtui/internal/termsafe"
)

// BinaryBodyError says a body is not text, so Pretty did not print it.
type BinaryBodyError struct {
	ContentType string
	Size        int
}

func (e *BinaryBodyError) Error() string {
	ct := e.ContentType
	if ct == "" {
		ct = "no content type"
	}
	return fmt.Sprintf("the body is binary (%s, %s), so it was not printed; write it raw to a file instead", ct, bytesize.Text(e.Size))
}

// Pretty writes a body for people: JSON indented (and highlighted unless
// mode is ColorNone), other text highlighted by chroma with a lexer chosen
// by content type. Control characters in non-JSON text are shown as escapes,
// never written raw. Binary bodies return *BinaryBodyError. Output ends in a
// newline unless the body is empty.
func Pretty(w io.Writer, body []byte, contentType string, mode ColorMode, style string) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	var st *chroma.Style
	if mode != ColorNone {
		var err error
		if st, err = LookupStyle(style); err != nil {
			return err
		}
	}
	if IsJSON(contentType, body) {
		var lines Lines
		// Trailing whitespace (a final CRLF) would only add a blank line.
		json := bytes.TrimRight(body, " \t\r\n")
		err := highlightWritten(&lines, json, NewPalette(st, mode))
		if err == nil {
			// Unsafe bytes can only be string contents, copied from the
			// body as they are: checking the body reads a third as much.
			if mode != ColorNone && termsafe.JSONUnsafe(json) {
				_, err = w.Write(termsafe.AppendJSON(make([]byte, 0, len(lines.buf)+64), lines.buf))
				return err
			}
			_, err = lines.WriteTo(w)
			return err
		}
		if errors.Is(err, ErrTooLarge) {
			mode = ColorNone // too big to indent is too big to lex
		}
		// Otherwise not valid JSON after all: it is shown as text below.
	}
	if isBinary(contentType, body) {
		return &BinaryBodyError{ContentType: contentType, Size: len(body)}
	}
	text := termsafe.Visible(body)
	if text[len(text)-1] != '\n' {
		text = append(text, '\n')
	}
	if mode == ColorNone {
		_, err := w.Write(text)
		return err
	}
	it, err := chroma.Coalesce(lexerFor(contentType, text)).Tokenise(nil, string(text))
	if err != nil {
		_, err = w.Write(text)
		return err
	}
	f := formatters.TTY256
	if mode == ColorTrue {
		f = formatters.TTY16m
	}
	return f.Format(w, st, it)
}

// IsJSON reports whether a body is JSON by its content type
// (application/json, ...+json), else by its first byte.
func IsJSON(contentType string, body []byte) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		if mt == "application/json" || strings.HasSuffix(mt, "+json") {
			return true
		}
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
}

// isBinary trusts a declared content type, else looks for NUL bytes or
// invalid UTF-8 near the start. In declared text a stray invalid byte is
// shown as an escape rather than hiding the whole body.
func isBinary(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	top, sub, _ := strings.Cut(mt, "/")
	head := body[:min(len(body), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	switch top {
	case "text":
		return false
	case "image", "audio", "video", "font":
		return !strings.HasSuffix(sub, "+xml") // SVG is text
	case "application":
		switch sub {
		case "octet-stream", "pdf", "zip", "gzip", "x-gzip", "vnd.ms-excel",
			"vnd.openxmlformats-officedocument.wordprocessingml.document",
			"vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			"vnd.openxmlformats-officedocument.presentationml.presentation":
			return true
		case "json", "xml", "javascript":
			return false
		}
		if strings.HasSuffix(sub, "+json") || strings.HasSuffix(sub, "+xml") {
			return false
		}
	}
	if len(head) < len(body) {
		// Do not count a rune cut at the boundary as evidence of binary.
		for k := 0; k < utf8.UTFMax-1 && !utf8.Valid(head); k++ {
			head = head[:len(head)-1]
		}
	}
	return !utf8.Valid(head)
}

// lexerFor picks a lexer: by media type, then by the text itself, then
// plain text.
func lexerFor(contentType string, text []byte) chroma.Lexer {
	reg := lexerRegistry()
	mt, _, _ := mime.ParseMediaType(contentType)
	if l := reg.MatchMimeType(mt); l != nil {
		return l
	}
	switch {
	case strings.HasSuffix(mt, "+xml"):
		return reg.Get("xml")
	case strings.HasSuffix(mt, "+json"):
		return reg.Get("json")
	}
	if l := reg.Analyse(string(text[:min(len(text), 4096)])); l != nil {
		return l
	}
	return reg.Get("plaintext")
}
