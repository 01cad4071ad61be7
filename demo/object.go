package demo

import (
	"bytes"
	"encoding/json"
	"strings"
)

// kv is one member of an ordered JSON object.
type kv struct {
	k string
	v any
}

// ordered is a JSON object that keeps its members in the order given, so
// responses and token claims read like the real service's (encoding/json
// would sort map keys).
type ordered []kv

func (o ordered) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(m.k)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		v, err := marshalNoEscape(m.v)
		if err != nil {
			return nil, err
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// marshalNoEscape is json.Marshal without HTML escaping: Graph sends "&" and
// "<" as they are.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// record is one Graph object's data, keyed by property name as Graph spells
// it.
type record map[string]any

// entityType describes a Graph type: which properties exist (for $select and
// $filter validation) and which come back when the request has no $select.
type entityType struct {
	name     string   // OData type name without namespace, e.g. "user"
	props    []string // every property, in the order Graph returns them
	defaults []string // returned without $select; nil means all of props
}

// lookup finds a property case-insensitively and returns its canonical name.
func (t *entityType) lookup(name string) (string, bool) {
	for _, p := range t.props {
		if strings.EqualFold(p, name) {
			return p, true
		}
	}
	return "", false
}

func (t *entityType) odataType() string { return "#microsoft.graph." + t.name }

// render writes r with the properties in props (defaults when nil), in the
// type's order. withType adds "@odata.type", as Graph does in collections
// that can hold several types (group members, memberOf).
func (t *entityType) render(r record, props []string, withType bool) ordered {
	if props == nil {
		props = t.defaults
		if props == nil {
			props = t.props
		}
	}
	want := make(map[string]bool, len(props))
	for _, p := range props {
		want[p] = true
	}
	out := make(ordered, 0, len(props)+1)
	if withType {
		out = append(out, kv{"@odata.type", t.odataType()})
	}
	for _, p := range t.props {
		// A property set to nil is sent as null, as Graph does for empty
		// user fields; one missing from the record is left out, as Graph
		// does for facets such as a site's "root".
		if v, ok := r[p]; ok && want[p] {
			out = append(out, kv{p, v})
		}
	}
	return out
}
