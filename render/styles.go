package render

//go:generate go run ./internal/genstyles

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// DefaultStyle is the chroma style used when none is configured: readable
// on the dark terminals most people use.
const DefaultStyle = "monokai"

// styleFiles are the offered chroma styles in chroma's XML form
// (genstyles), parsed when first asked for rather than at start.
//
//go:embed styles/*.xml
var styleFiles embed.FS

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
	data, err := styleFiles.ReadFile("styles/" + key + ".xml")
	if err != nil {
		return nil, fmt.Errorf("unknown colour style %q; choose one of: %s", name, strings.Join(StyleNames(), ", "))
	}
	st, err := chroma.NewXMLStyle(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("colour style %q: %w", name, err)
	}
	got, _ := builtStyles.LoadOrStore(key, st)
	return got.(*chroma.Style), nil
}

// StyleNames lists the styles LookupStyle knows.
func StyleNames() []string {
	files, _ := fs.Glob(styleFiles, "styles/*.xml")
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(strings.TrimPrefix(f, "styles/"), ".xml")
	}
	return names
}
