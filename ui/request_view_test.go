package ui

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/graphtui/graphtui/graph"
)

// Builder pane sizes inside an 80x24 and a 160x48 terminal.
var rbSizes = [][2]int{{54, 8}, {118, 12}}

// rbFilled is a builder showing a typical advanced query.
func rbFilled(w, h int) *RequestBuilder {
	b := rbBuilder(w, h)
	b.SetRequest(graph.Request{
		Version: "v1.0",
		Path:    "/users",
		Query: []graph.QueryParam{
			{Key: "$select", Value: "id,displayName,mail,userPrincipalName"},
			{Key: "$filter", Value: "startswith(displayName,'A')"},
			{Key: "$top", Value: "25"},
		},
		Header: http.Header{"Consistencylevel": {"eventual"}, "Prefer": {`outlook.timezone="UTC"`}},
	})
	return b
}

func TestRequestBuilderView(t *testing.T) {
	for _, sz := range rbSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			golden.RequireEqual(t, rbView(t, rbFilled(sz[0], sz[1])))
		})
	}
}

func TestRequestBuilderViewEmpty(t *testing.T) {
	for _, sz := range rbSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			golden.RequireEqual(t, rbView(t, rbBuilder(sz[0], sz[1])))
		})
	}
}

// In the rows area the cursor row is marked and the list scrolls to it.
func TestRequestBuilderViewRows(t *testing.T) {
	for _, sz := range rbSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			b := rbFilled(sz[0], sz[1])
			pressKeys(b, "ctrl+b", "ctrl+o", "down", "down", "down", "down")
			golden.RequireEqual(t, rbView(t, b))
		})
	}
}

func TestRequestBuilderViewEditingARow(t *testing.T) {
	b := rbFilled(54, 8)
	pressKeys(b, "ctrl+o", "down", "enter")
	view := rbView(t, b)
	if !strings.Contains(view, "▸ $filter=startswith(displayName,'A')") {
		t.Errorf("the edited row should show its editor:\n%s", view)
	}
}

func TestRequestBuilderViewHistory(t *testing.T) {
	for _, sz := range rbSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			b := rbBuilder(sz[0], sz[1])
			b.SetHistory(rbHistory())
			pressKeys(b, "ctrl+r", "down")
			golden.RequireEqual(t, rbView(t, b))
		})
	}
}

func TestRequestBuilderViewForeignURL(t *testing.T) {
	b := rbBuilder(54, 8)
	typeKeys(b, "https://evil.example/v1.0/users")
	golden.RequireEqual(t, rbView(t, b))
}

func TestRequestBuilderViewEscapesControlCharacters(t *testing.T) {
	b := rbBuilder(80, 8)
	b.SetRequest(graph.Request{Path: "/users", Query: []graph.QueryParam{{Key: "$filter", Value: "a\x1b[31mred"}},
		Header: http.Header{"X-Note": {"\x9bbell\x07"}}})
	view := b.View()
	if strings.ContainsAny(view, "\x07\u009b") || strings.Contains(view, "\x1b[31mred") {
		t.Errorf("raw control characters reached the screen: %q", view)
	}
	if plain := rbView(t, b); !strings.Contains(plain, `a\x1b[31mred`) || !strings.Contains(plain, `\x9bbell\x07`) {
		t.Errorf("control characters should show as escapes:\n%s", plain)
	}
}

func TestRequestBuilderViewTinySizes(t *testing.T) {
	for _, mode := range []string{"path", "rows", "edit", "history"} {
		for w := 0; w <= 6; w++ {
			for h := 0; h <= 4; h++ {
				b := rbFilled(w, h)
				b.SetHistory(rbHistory())
				switch mode {
				case "rows":
					pressKeys(b, "ctrl+o", "down", "down")
				case "edit":
					pressKeys(b, "ctrl+o", "down", "enter")
				case "history":
					pressKeys(b, "ctrl+r", "down")
				}
				requireSize(t, b.View(), w, h)
			}
		}
	}
}

func TestRequestBuilderRowsScrollToTheCursor(t *testing.T) {
	b := rbFilled(54, 6) // 4 lines for 7 rows
	if view := rbView(t, b); !strings.Contains(view, "↓ 2 more · ctrl+o to scroll") {
		t.Fatalf("hidden rows are not announced:\n%s", view)
	}
	pressKeys(b, "ctrl+o")
	seen := map[string]bool{}
	for range 8 {
		view := rbView(t, b)
		cursor := ""
		for _, l := range strings.Split(view, "\n") {
			if strings.HasPrefix(l, "▸ ") {
				cursor = strings.Fields(l)[1]
			}
		}
		if cursor == "" {
			t.Fatalf("the cursor row is off screen:\n%s", view)
		}
		seen[cursor] = true
		pressKeys(b, "down")
	}
	for _, name := range []string{"$select", "$filter", "$top", "Prefer"} {
		if !seen[name] {
			t.Errorf("never saw %s under the cursor (saw %v)", name, seen)
		}
	}
	if view := rbView(t, b); !strings.Contains(view, "↑ 2 more") {
		t.Errorf("at the bottom the rows above should be announced:\n%s", view)
	}
}

func TestRequestBuilderURLFollowsTheRowBeingTyped(t *testing.T) {
	b := rbBuilder(80, 8)
	typeKeys(b, "/users")
	pressKeys(b, "ctrl+o", "a")
	if view := rbView(t, b); !strings.Contains(view, "→ https://graph.microsoft.com/v1.0/users ") {
		t.Errorf("an empty new row should not break the URL:\n%s", view)
	}
	typeKeys(b, "top=7")
	if view := rbView(t, b); !strings.Contains(view, "/v1.0/users?$top=7 ") {
		t.Errorf("the URL should show the row as typed:\n%s", view)
	}
	pressKeys(b, "esc", "down", "a")
	typeKeys(b, "Prefer: return=minimal")
	if view := rbView(t, b); strings.Contains(view, "empty name") {
		t.Errorf("a header being typed should not show as an error:\n%s", view)
	}
}
