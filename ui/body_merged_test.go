package ui

import (
	"testing"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/render"
)

// Pages highlighted one by one read as json.Indent of the merged document,
// whatever the items are and however the pages were spaced.
func TestMergedPagesReadAsTheIndentedDocument(t *testing.T) {
	pages := [][]string{
		{`{"@odata.context":"ctx","@odata.nextLink":"n1","value":[{"a":1,"b":[1,[2,{}]],"c":"x\u001by"}]}`,
			`{"value":[]}`,
			"{\n  \"value\": [\n    {\"a\": 2},\n    [3, 4],\n    \"s\"\n  ],\n  \"@odata.deltaLink\": \"d\"\n}",
			`{"value":[null,true,{"deep":{"er":[]}}]}`},
		{`{"value":[1]}`},
		{`{"value":[{}]}`, `{"value":[{}]}`},
	}
	for _, doc := range pages {
		for _, p := range []*render.Palette{nil, vwPalette(t)} {
			acc := newFetchAccumulator(graph.Request{Path: "/x"}, p)
			for _, page := range doc {
				acc.add([]byte(page))
			}
			body := acc.close()
			if acc.lines == nil {
				t.Fatalf("%s: highlighting failed", doc)
			}
			assertIndented(t, acc.lines, body)
		}
	}
}
