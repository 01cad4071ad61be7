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
		return matrixResultMsg{Method: r.Method, Path: r.Path, Rows: b.Matrix(ctx, list, same, sendOptions)}
	}
}

// pathEditedMsg says the path input or the method changed; the root
// answers with suggestions from the permission reference for that method.
type pathEditedMsg struct{ Value, Method string }

// pathSuggestionsMsg carries completions for one path value and method.
type pathSuggestionsMsg struct {
	For, Method string
	Paths       []string
}

func suggestPaths(value, method string) tea.Cmd {
	return func() tea.Msg {
		return pathSuggestionsMsg{For: value, Method: method, Paths: permissions.SuggestMethod(method, value, 12)}
	}
}
