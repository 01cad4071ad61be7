package ui

import (
	"bytes"
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A signal cancels Run's context; that is a normal way to leave, so the CLI
// goes on to its deferred cleanups and exits 0 instead of printing an error.
func TestRunEndsCleanlyWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	if err := run(ctx, Options{Backend: &Backend{}}, tea.WithInput(nil), tea.WithOutput(&out)); err != nil {
		t.Fatalf("Run after the context ended = %v, want nil", err)
	}
}
