package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// CheckBody reports why a request body is not one JSON value, naming the
// line and column (1-based, in bytes) of the first error, or nil. An empty
// body is an error too: a write that needs no body is sent with none.
func CheckBody(body []byte) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return errors.New("the body is empty: give a JSON object such as {\"displayName\": \"x\"}, or send no body")
	}
	if json.Valid(body) {
		return nil
	}
	var v any
	err := json.Unmarshal(body, &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return fmt.Errorf("the body is not valid JSON: %v", err)
	}
	// Cut short, the error is where more was expected: past the end.
	end := strings.HasPrefix(se.Error(), "unexpected end")
	line, col := lineColumn(body, se.Offset, end)
	return &BodyError{Line: line, Column: col, Reason: se.Error()}
}

// BodyError is a JSON syntax error in a request body, and where it is.
type BodyError struct {
	Line, Column int
	Reason       string // encoding/json's words, e.g. "invalid character '}' looking for beginning of object key string"
}

func (e *BodyError) Error() string {
	return fmt.Sprintf("the body is not valid JSON: line %d, column %d: %s", e.Line, e.Column, e.Reason)
}

// lineColumn converts encoding/json's offset (bytes read when the error
// was found, so just past the offending byte; the length at an unexpected
// end) to a 1-based line and column; end: just past the last byte.
func lineColumn(body []byte, offset int64, end bool) (line, col int) {
	at := min(max(int(offset)-1, 0), len(body))
	if end {
		at = len(body)
	}
	before := body[:at]
	line = bytes.Count(before, []byte("\n")) + 1
	col = at - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
