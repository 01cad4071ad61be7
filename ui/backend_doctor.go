package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// recheck forces a new token, diffs its roles against the old one and
// replays the request: what a developer does right after an admin granted
// consent.
func (b *Backend) recheck(ctx context.Context, seq int, p profiles.Profile, prev *Exchange) tea.Cmd {
	return func() tea.Msg {
		return b.shown(seq, b.Recheck(ctx, p, &prev.Exchange, sendOptions))
	}
}

// matrix runs one request under every profile, a few at a time.
func (b *Backend) matrix(ctx context.Context, list []profiles.Profile, r graph.Request) tea.Cmd {
	return func() tea.Msg {
		same := func(profiles.Profile) (graph.Request, error) { return r, nil }
		return matrixResultMsg{Path: r.Path, Rows: b.Matrix(ctx, list, same, sendOptions)}
	}
}

// pathEditedMsg says the path input changed; the root answers with
// suggestions from the permission reference.
type pathEditedMsg struct{ Value string }

// pathSuggestionsMsg carries completions for one path value.
type pathSuggestionsMsg struct {
	For   string
	Paths []string
}

func suggestPaths(value string) tea.Cmd {
	return func() tea.Msg {
		return pathSuggestionsMsg{For: value, Paths: permissions.Suggest(value, 12)}
	}
}
