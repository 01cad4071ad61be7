package graph

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/tidwall/gjson"
)

// PageMerger writes the items of successive pages as one document,
// {"@odata.context": ..., "value": [...]}, as the pages arrive, so only one
// page is held at a time. Pretty output is byte-identical to json.Indent of
// the compact document.
type PageMerger struct {
	w      *bufio.Writer
	pretty bool
	open   bool
	Items  int
	Pages  int
}

// NewPageMerger writes to w, indented when pretty.
func NewPageMerger(w io.Writer, pretty bool) *PageMerger {
	return &PageMerger{w: bufio.NewWriter(w), pretty: pretty}
}

// Add appends the items of one page body.
func (m *PageMerger) Add(body []byte) {
	m.Pages++
	if !m.open {
		m.open = true
		m.header(gjson.GetBytes(body, `@odata\.context`))
	}
	var buf bytes.Buffer
	gjson.GetBytes(body, "value").ForEach(func(_, item gjson.Result) bool {
		if m.Items > 0 {
			m.w.WriteByte(',')
		}
		m.Items++
		buf.Reset()
		if m.pretty {
			m.w.WriteString("\n    ")
			if json.Indent(&buf, []byte(item.Raw), "    ", "  ") == nil {
				m.w.Write(buf.Bytes())
				return true
			}
		} else if json.Compact(&buf, []byte(item.Raw)) == nil {
			m.w.Write(buf.Bytes())
			return true
		}
		m.w.WriteString(item.Raw)
		return true
	})
}

func (m *PageMerger) header(ctx gjson.Result) {
	if m.pretty {
		m.w.WriteString("{\n")
		if ctx.Exists() {
			fmt.Fprintf(m.w, "  \"@odata.context\": %s,\n", ctx.Raw)
		}
		m.w.WriteString("  \"value\": [")
		return
	}
	m.w.WriteString("{")
	if ctx.Exists() {
		fmt.Fprintf(m.w, "\"@odata.context\":%s,", ctx.Raw)
	}
	m.w.WriteString("\"value\":[")
}

// Close ends the document (if any page was added) and flushes.
func (m *PageMerger) Close() error {
	if m.open {
		switch {
		case m.pretty && m.Items > 0:
			m.w.WriteString("\n  ]\n}\n")
		case m.pretty:
			m.w.WriteString("]\n}\n")
		default:
			m.w.WriteString("]}\n")
		}
	}
	return m.w.Flush()
}
