package ui

import (
	"net/url"
	"strings"
	"unsafe"

	tea "charm.land/bubbletea/v2"
	"github.com/tidwall/gjson"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/termsafe"
)

// Column inference looks at this many objects: enough to find the fields a
// collection has, few enough to stay instant on any body.
const sampleRows = 20

// Column widths, in cells, before the pane cuts the last visible column.
const (
	minColumnWidth = 3
	maxColumnWidth = 40
)

// itemSpan is one item of the value array: bytes [start, end) of the body.
// uint32 halves the index of a collection with millions of rows.
type itemSpan struct{ start, end uint32 }

// tableColumn is one column: a field name and the width it gets.
type tableColumn struct {
	name  string
	width int
}

// tableIndex is a collection laid out as a table: where each item sits in
// the body and which columns to show. It is built once per exchange (or
// grown page by page during fetch-all), never per keypress; a frame parses
// only the rows on screen.
type tableIndex struct {
	body  []byte
	rows  []itemSpan
	cols  []tableColumn
	byKey map[string]int // column of a field name
}

// row is the raw JSON of item i.
func (t *tableIndex) row(i int) string {
	s := t.rows[i]
	return unsafeString(t.body[s.start:s.end])
}

// unsafeString views b as a string without copying. Bodies are never
// modified after they arrive, and gjson only reads, so this is safe for
// them and saves copying a 50 MB body to parse it.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// tableIndexMsg carries the index built for exchange Seq; nil Index means
// the body is not a collection of objects.
type tableIndexMsg struct {
	Seq   int
	Index *tableIndex
}

// buildTableCmd indexes the body's value array off the UI goroutine.
func buildTableCmd(seq int, body []byte, r graph.Request) tea.Cmd {
	return func() tea.Msg {
		return tableIndexMsg{Seq: seq, Index: newTableIndex(body, r)}
	}
}

// newTableIndex indexes body's top-level value array, or returns nil when
// there is none or its first item is not an object.
func newTableIndex(body []byte, r graph.Request) *tableIndex {
	if len(body) == 0 || len(body) > 1<<32-1 {
		return nil
	}
	// gjson.GetBytes would copy the whole array; the body outlives the index.
	value := gjson.Get(unsafeString(body), "value")
	if !value.IsArray() {
		return nil
	}
	t := &tableIndex{body: body}
	value.ForEach(func(_, item gjson.Result) bool {
		t.rows = append(t.rows, itemSpan{uint32(item.Index), uint32(item.Index + len(item.Raw))})
		return true
	})
	if len(t.rows) == 0 || !strings.HasPrefix(t.row(0), "{") {
		return nil
	}
	t.setColumns(selectedFields(r))
	return t
}

// setColumns picks the columns: $select's fields first, in their order,
// then the scalar fields of the first objects in the order they appear.
// Widths fit the header and the sampled values.
func (t *tableIndex) setColumns(selected []string) {
	t.cols, t.byKey = nil, map[string]int{}
	add := func(name string) {
		if _, ok := t.byKey[name]; !ok {
			t.byKey[name] = len(t.cols)
			shown := string(termsafe.AppendEscaped(nil, name)) // as the header shows it
			t.cols = append(t.cols, tableColumn{name: name, width: displayWidth(shown)})
		}
	}
	for _, name := range selected {
		add(name)
	}
	n := min(len(t.rows), sampleRows)
	for i := range n {
		gjson.Parse(t.row(i)).ForEach(func(k, v gjson.Result) bool {
			if v.Type != gjson.JSON {
				add(k.Str)
			}
			return true
		})
	}
	var cell []byte
	for i := range n {
		gjson.Parse(t.row(i)).ForEach(func(k, v gjson.Result) bool {
			if c, ok := t.byKey[k.Str]; ok {
				cell = appendCell(cell[:0], v)
				t.cols[c].width = max(t.cols[c].width, displayWidth(string(cell)))
			}
			return true
		})
	}
	for i := range t.cols {
		t.cols[i].width = clamp(t.cols[i].width, minColumnWidth, maxColumnWidth)
	}
}

// selectedFields is the request's $select list, from the query rows or a
// query typed into the path.
func selectedFields(r graph.Request) []string {
	var list string
	for _, q := range r.Query {
		if isSelect(q.Key) {
			list = q.Value
		}
	}
	if _, query, ok := strings.Cut(r.Path, "?"); ok && list == "" {
		for _, kv := range strings.Split(query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			if k, err := url.QueryUnescape(k); err == nil && isSelect(k) {
				if v, err := url.QueryUnescape(v); err == nil {
					list = v
				}
			}
		}
	}
	var fields []string
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f != "" {
			fields = append(fields, f)
		}
	}
	return fields
}

func isSelect(key string) bool {
	return strings.EqualFold(strings.TrimPrefix(key, "$"), "select")
}
