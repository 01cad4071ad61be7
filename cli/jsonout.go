package cli

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// writeJSON writes v as one JSON object and a newline, two-space indented
// when indent is set. & < > stay as they are (a URL reads as itself), and
// DEL, C1 controls and invalid UTF-8 in strings become escapes, so server
// text in v cannot drive the terminal.
func writeJSON(w io.Writer, v any, indent bool) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return &exitError{exitFailure, err}
	}
	_, err := w.Write(termsafe.JSON(b.Bytes()))
	return err
}
