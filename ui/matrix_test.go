package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// The matrix dialog says what the CLI's matrix says: a credential that
// cannot be loaded is "credential not loaded", not a bare "credential".
func TestMatrixSaysCredentialNotLoaded(t *testing.T) {
	b, p := demoBackend(t, 0)
	unloadable := p
	unloadable.Name, unloadable.ClientSecret = "unloadable", "env:GRAPHTUI_TEST_UNSET"
	msg := b.matrix(context.Background(), []profiles.Profile{p, unloadable}, graph.Request{Path: "/users"})()
	m := NewMatrix(&Common{Styles: NewStyles(true), Presenter: &Presenter{}}, msg.(matrixResultMsg))
	m.SetSize(100, 10)
	screen := ansi.Strip(m.View())
	var row string
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, "unloadable") {
			row = l
		}
	}
	if !strings.Contains(row, "credential not loaded") || !strings.Contains(row, "token-error") {
		t.Errorf("the unloadable profile's row: %q\n%s", row, screen)
	}
}
