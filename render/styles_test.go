package render

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

// The generated table must give exactly chroma's own colours; run
// `go generate ./render` when this fails after a chroma upgrade.
func TestStyleTableMatchesChroma(t *testing.T) {
	for _, name := range StyleNames() {
		ours, err := LookupStyle(name)
		if err != nil {
			t.Fatal(err)
		}
		theirs := styles.Registry[name]
		for tok := range chroma.StandardTypes {
			if got, want := ours.Get(tok), theirs.Get(tok); got != want {
				t.Errorf("%s %s: %v, chroma has %v", name, tok, got, want)
			}
		}
	}
	if _, err := LookupStyle("Monokai"); err != nil {
		t.Errorf("style names are case-insensitive: %v", err)
	}
}

// Every start of graphtui pays for the init of every package it links;
// chroma's lexers and styles packages parse hundreds of embedded
// definitions there (about 25 ms). Only chroma's engine may be linked.
func TestBinaryLinksNoChromaRegistry(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/graphtui/graphtui").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "github.com/alecthomas/chroma/v2/lexers" || pkg == "github.com/alecthomas/chroma/v2/styles" {
			t.Errorf("graphtui links %s, whose init runs at every start", pkg)
		}
	}
}
