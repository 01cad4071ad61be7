package cli

import (
	"strconv"
	"testing"

	"github.com/graphtui/graphtui/graph"
)

// get --all and the TUI's A stop at the same page: one constant.
func TestMaxPagesDefaultIsShared(t *testing.T) {
	f := (&App{}).getCommand().Flags().Lookup("max-pages")
	if f == nil || f.DefValue != strconv.Itoa(graph.DefaultMaxPages) {
		t.Fatalf("--max-pages defaults to %v, the TUI's A to graph.DefaultMaxPages (%d)", f, graph.DefaultMaxPages)
	}
}
