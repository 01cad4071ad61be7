package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/bytesize"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/render"
)

// bodyStream writes a 2xx body to stdout as it arrives (the sink of
// session.SendStream), so that a large page is neither held nor waited
// for; the status line follows the body, when its size is known.
type bodyStream struct {
	a       *App
	o       getOptions
	escaped bool // -o raw on a terminal showed bytes as escapes
}

func (b *bodyStream) take(resp *graph.Response, body io.Reader) error {
	a, o := b.a, b.o
	if o.output != "raw" {
		return a.bodyOutput(o, resp.Header.Get("Content-Type")).Stream(a.Out, body, int64(o.maxBody))
	}
	if o.unsafeRaw || !a.IsTerminal(a.Out) {
		_, err := io.Copy(a.Out, body)
		return err
	}
	// Escaped in the stream, a rune cut between two reads included.
	vw := termsafe.NewVisibleWriter(a.Out)
	_, err := io.Copy(vw, body)
	if cerr := vw.Close(); err == nil {
		err = cerr
	}
	b.escaped = vw.Changed()
	return err
}

// finish reports a streamed response: its status line, and why the body
// written above is not the whole of it, if it is not.
func (b *bodyStream) finish(resp *graph.Response) error {
	a := b.a
	a.printStatus(resp)
	if b.escaped {
		a.noteRawEscaped()
	}
	err := resp.StreamErr
	if err == nil {
		return nil
	}
	var notJSON *render.NotJSONError
	var tooLong *render.HeldTooLongError
	var binary *render.BinaryBodyError
	if errors.As(err, &notJSON) && notJSON.AsText {
		// Shown whole as text, as before streaming: a note, like Get's.
		fmt.Fprintf(a.Err, "note: the body %s but is not valid JSON (%v); it is shown as received\n", jsonClaim(resp), notJSON.Err)
		if errors.As(err, &binary) {
			return &exitError{exitFailure, binary}
		}
		return nil
	}
	switch {
	case errors.As(err, &notJSON):
		fmt.Fprintf(a.Err, "Body: %s; -o raw writes the body exactly as received\n", a.redact(notJSON.Error()))
	case errors.As(err, &tooLong):
		fmt.Fprintf(a.Err, "Body: %s; raise the cap with --max-body, e.g. --max-body %s, or write it all with -o raw\n", tooLong.Error(), suggestedCap(int(tooLong.Limit)+1))
	case errors.As(err, &binary):
		return &exitError{exitFailure, binary}
	default:
		// The connection broke, the timeout struck or stdout was closed.
		fmt.Fprintf(a.Err, "Body incomplete after %s (what was written above is cut short): %s\n", bytesize.Text(int(resp.Size)), a.redact(err.Error()))
	}
	return &exitError{exitFailure, errReported}
}

// jsonClaim says why a body was taken for JSON.
func jsonClaim(resp *graph.Response) string {
	if render.IsJSON(resp.Header.Get("Content-Type"), nil) {
		return "is declared as JSON"
	}
	return "looks like JSON"
}
