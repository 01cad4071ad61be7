package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// Output is how the CLI writes a body: indented (Pretty) or, with
// Compact, compact JSON. Write takes a whole body, Stream a body as it
// arrives; both write the same bytes.
type Output struct {
	ContentType string
	Mode        ColorMode // colours of the pretty format
	Style       string    // chroma style; "" means DefaultStyle
	Compact     bool      // -o json: compact JSON; a body that is not JSON is written as Pretty writes it
	// Escape is set when the output is a terminal: DEL, C1 controls and
	// invalid UTF-8, which JSON strings may hold, are written as JSON's
	// own \u escapes, so nothing in the body can drive the terminal and
	// the text is still the same JSON.
	Escape bool
}

// Write writes a whole body, with no copy of the whole output: only a body
// holding bytes a terminal would act on, bound for a terminal (Escape), is
// held and escaped.
func (o Output) Write(w io.Writer, body []byte) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var dst io.Writer = bw
	var held bytes.Buffer
	escape := o.Escape && termsafe.JSONUnsafe(body)
	if escape {
		dst = &held
	}
	var compact bytes.Buffer
	if o.Compact && json.Compact(&compact, body) == nil {
		compact.WriteByte('\n')
		if _, err := dst.Write(compact.Bytes()); err != nil {
			return err
		}
	} else if err := Pretty(dst, body, o.ContentType, o.Mode, o.Style); err != nil {
		bw.Flush() // what was formatted before the failure stays written
		return err
	}
	if escape {
		if _, err := bw.Write(termsafe.JSON(held.Bytes())); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// escapes reports whether the output needs termsafe.JSON: on a terminal,
// and whenever Pretty colours JSON (it escapes coloured output itself).
func (o Output) escapes() bool {
	return o.Escape || !o.Compact && o.Mode != ColorNone
}

// appendCompact appends JSON text b, which holds whole tokens only, without
// the whitespace between them: what json.Compact does to a whole document.
func appendCompact(dst, b []byte) []byte {
	for i := 0; i < len(b); {
		switch c := b[i]; c {
		case ' ', '\t', '\n', '\r':
			i++
		case '"':
			j := i + 1
			for {
				k := bytes.IndexByte(b[j:], '"')
				if k < 0 { // cannot happen for whole tokens; keep the rest
					return append(dst, b[i:]...)
				}
				j += k
				// The quote ends the string unless an odd number of
				// backslashes escapes it.
				n := 0
				for b[j-1-n] == '\\' {
					n++
				}
				j++
				if n%2 == 0 {
					break
				}
			}
			dst = append(dst, b[i:j]...)
			i = j
		default:
			j := i + 1
			for j < len(b) {
				if c := b[j]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' {
					break
				}
				j++
			}
			dst = append(dst, b[i:j]...)
			i = j
		}
	}
	return dst
}

// CheckJSON says why body is not JSON, or nil, in encoding/json's words
// and with its offset. json.Valid has the same nesting limit as the
// highlighter, so the two agree on what is shown as text.
func CheckJSON(body []byte) error {
	if len(body) == 0 || json.Valid(body) {
		return nil
	}
	var v struct{}
	err := json.Unmarshal(body, &v) // fails in its validity scan, before decoding anything
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%v at byte %d of %d", se, se.Offset, len(body))
	}
	return errors.New("invalid JSON")
}
