package ui

import (
	"bytes"
	"testing"
)

// vwUsersOfSize is a compact /users page of about size bytes, the same
// every run.
func vwUsersOfSize(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 1024)
	b.WriteString(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		vwWriteUser(&b, i)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// vwBySize runs bench on a users page of 100 KB and one of 50 MB: a
// frame's work must not grow with the body.
func vwBySize(b *testing.B, bench func(b *testing.B, x *Exchange)) {
	for _, c := range []struct {
		name string
		size int
	}{{"100KB", 100 << 10}, {"50MB", 50 << 20}} {
		b.Run(c.name, func(b *testing.B) {
			x := vwUsersExchange(b, 1, false)
			x.Response.Body = vwUsersOfSize(c.size)
			bench(b, x)
		})
	}
}

// BenchmarkViewerFrame is one keypress (down) and the frame after it, at
// 120x50. The work must not grow with the body: the 50MB case should cost
// what the small one does.
func BenchmarkViewerFrame(b *testing.B) {
	vwBySize(b, func(b *testing.B, x *Exchange) {
		x.Lines = vwHighlight(b, x.Response.Body) // the root does this once, in a command
		v := vwViewer(120, 50)
		vwShow(v, x)
		down, top := keyPress("down"), keyPress("g")
		last, _ := v.body.lastTop()
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if v.body.top == last {
				v.Update(top)
			}
			v.Update(down)
			_ = v.View()
		}
	})
}

// BenchmarkViewerFrameWrapLongLine scrolls, wrapping, through one 10 MB
// JSON string (a base64 attachment): a keypress must not walk the line
// from its start.
func BenchmarkViewerFrameWrapLongLine(b *testing.B) {
	chunk := []byte("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=")
	body := append([]byte(`{"name":"report.pdf","contentBytes":"`), bytes.Repeat(chunk, 10<<20/len(chunk))...)
	body = append(body, `"}`...)
	x := vwUsersExchange(b, 1, false)
	x.Response.Body = body
	x.Lines = vwHighlight(b, body)
	v := vwViewer(120, 50)
	vwShow(v, x)
	v.Update(keyPress("w"))
	for range 5000 { // well inside the line
		v.Update(keyPress("down"))
	}
	down, up := keyPress("down"), keyPress("up")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			v.Update(down)
		} else {
			v.Update(up)
		}
		_ = v.View()
	}
}
