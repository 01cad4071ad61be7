package render

//go:generate go run ./internal/genstyles

import (
	"fmt"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// DefaultStyle is the chroma style used when none is configured: readable
// on the dark terminals most people use.
const DefaultStyle = "monokai"

// styleDef and styleEntry hold a chroma style as static data
// (styles_gen.go), so that no theme is parsed at start.
type styleDef struct {
	name    string
	entries []styleEntry
}

type styleEntry struct {
	token chroma.TokenType
	style string
}

// builtStyles caches each style the first time it is asked for.
var builtStyles sync.Map // lower-case name -> *chroma.Style

// LookupStyle finds a chroma style by name ("" means DefaultStyle).
func LookupStyle(name string) (*chroma.Style, error) {
	if name == "" {
		name = DefaultStyle
	}
	key := strings.ToLower(name)
	if st, ok := builtStyles.Load(key); ok {
		return st.(*chroma.Style), nil
	}
	for _, def := range styleTable {
		if strings.ToLower(def.name) != key {
			continue
		}
		entries := make(chroma.StyleEntries, len(def.entries))
		for _, e := range def.entries {
			entries[e.token] = e.style
		}
		st, err := chroma.NewStyle(def.name, entries)
		if err != nil {
			return nil, fmt.Errorf("colour style %q: %w", name, err)
		}
		got, _ := builtStyles.LoadOrStore(key, st)
		return got.(*chroma.Style), nil
	}
	return nil, fmt.Errorf("unknown colour style %q; choose one of: %s", name, strings.Join(StyleNames(), ", "))
}

// StyleNames lists the styles LookupStyle knows.
func StyleNames() []string {
	names := make([]string, len(styleTable))
	for i, def := range styleTable {
		names[i] = strings.ToLower(def.name)
	}
	return names
}
