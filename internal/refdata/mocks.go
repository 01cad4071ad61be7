package refdata

import (
	"encoding/json"
	"fmt"
	"io"
)

// Mock is one request/response example of the Graph v1.0 API reference
// (graph-mocks).
type Mock struct {
	Request  Request  `json:"request"`
	Response Response `json:"response"`
}

// Request is an example's request: URL has * where the docs put a value,
// ExampleURL the docs' values.
type Request struct {
	Method     string `json:"method"`
	URL        string `json:"url"`
	ExampleURL string `json:"exampleUrl"`
}

// Response is an example's response body, as written in the file: a JSON
// value, or a JSON string holding the text of a non-JSON body.
type Response struct {
	Body json.RawMessage `json:"body"`
}

// ReadMocks decodes a graph-mocks file.
func ReadMocks(r io.Reader) ([]Mock, error) {
	var doc struct {
		Mocks []Mock `json:"mocks"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("decoding the examples: %w", err)
	}
	return doc.Mocks, nil
}
