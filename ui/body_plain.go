package ui

import (
	"bytes"
	"mime"
	"strings"

	"github.com/graphtui/graphtui/render"
)

// lineSource is what the body pane draws and searches: highlighted JSON
// (*render.Lines) or the text of any other body (*plainLines).
type lineSource interface {
	Len() int
	Line(i int) []byte // with colour marks when Palette is not nil
	AppendPlain(dst []byte, i int) []byte
	Palette() *render.Palette
}

// paletteOf is src's palette; nil for no source.
func paletteOf(src lineSource) *render.Palette {
	if src == nil {
		return nil
	}
	return src.Palette()
}

var (
	_ lineSource = (*render.Lines)(nil)
	_ lineSource = (*plainLines)(nil)
)

// plainLines indexes a body that is not JSON by line, once, when it
// arrives. The body is not copied: control bytes are escaped as lines are
// drawn (see cellWalker), so only visible lines pay for it.
type plainLines struct {
	body []byte
	ends []int // ends[i] is the offset of the '\n' after line i, or len(body)
}

func newPlainLines(body []byte) *plainLines {
	p := &plainLines{body: body, ends: make([]int, 0, bytes.Count(body, []byte{'\n'})+1)}
	for off := 0; off < len(body); {
		i := bytes.IndexByte(body[off:], '\n')
		if i < 0 {
			p.ends = append(p.ends, len(body))
			break
		}
		p.ends = append(p.ends, off+i)
		off += i + 1
	}
	return p
}

func (p *plainLines) Len() int { return len(p.ends) }

// Line is line i without its line break ("\r\n" or "\n").
func (p *plainLines) Line(i int) []byte {
	start := 0
	if i > 0 {
		start = p.ends[i-1] + 1
	}
	line := p.body[start:p.ends[i]:p.ends[i]]
	return bytes.TrimSuffix(line, []byte{'\r'})
}

func (p *plainLines) AppendPlain(dst []byte, i int) []byte { return append(dst, p.Line(i)...) }

// Palette is nil: a body that is not JSON has no colours.
func (p *plainLines) Palette() *render.Palette { return nil }

// looksBinary says a body is better saved than shown: a declared media
// type that is never text, or NUL bytes near the start.
func looksBinary(contentType string, body []byte) bool {
	if bytes.IndexByte(body[:min(len(body), 8192)], 0) >= 0 {
		return true
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	top, sub, _ := strings.Cut(mt, "/")
	switch top {
	case "image", "audio", "video", "font":
		return !strings.HasSuffix(sub, "+xml")
	case "application":
		return sub == "octet-stream" || sub == "pdf" || sub == "zip"
	}
	return false
}
