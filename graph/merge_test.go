package graph

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestPageMergerMatchesIndentOfCompact(t *testing.T) {
	pages := [][]byte{
		[]byte(`{"@odata.context":"https://graph/v1.0/$metadata#users","value":[{"id":"1","a":[1,2]},{"id":"2","o":{}}],"@odata.nextLink":"x"}`),
		[]byte(`{"value":[]}`),
		[]byte(`{"value":[{"id":"3","s":"\u001b"}]}`),
	}
	var compact, pretty bytes.Buffer
	cm, pm := NewPageMerger(&compact, false), NewPageMerger(&pretty, true)
	for _, p := range pages {
		cm.Add(p)
		pm.Add(p)
	}
	cm.Close()
	pm.Close()
	var doc struct {
		Context string            `json:"@odata.context"`
		Value   []json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(compact.Bytes(), &doc); err != nil {
		t.Fatalf("merged document is not JSON: %v\n%s", err, compact.String())
	}
	if len(doc.Value) != 3 || doc.Context == "" || cm.Items != 3 || cm.Pages != 3 {
		t.Fatalf("merged %d items (%d pages), context %q", len(doc.Value), cm.Pages, doc.Context)
	}
	var want bytes.Buffer
	json.Indent(&want, bytes.TrimSpace(compact.Bytes()), "", "  ")
	want.WriteByte('\n')
	if pretty.String() != want.String() {
		t.Errorf("pretty merge differs from json.Indent:\n%s\n---\n%s", pretty.String(), want.String())
	}
}

func TestPageMergerEmptyPretty(t *testing.T) {
	var out bytes.Buffer
	m := NewPageMerger(&out, true)
	m.Add([]byte(`{"value":[]}`))
	m.Close()
	var want bytes.Buffer
	json.Indent(&want, []byte(`{"value":[]}`), "", "  ")
	if out.String() != want.String()+"\n" {
		t.Errorf("got %q want %q", out.String(), want.String())
	}
}
