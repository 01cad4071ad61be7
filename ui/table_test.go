package ui

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/graph"
)

// showTable shows x and presses T, running the index command.
func showTable(t *testing.T, v *Viewer, x *Exchange) {
	t.Helper()
	vwShow(v, x)
	pump(v, noIntents(v.Update(keyPress("T"))), nil)
	if !v.showingTable() {
		t.Fatalf("T did not show a table; footer:\n%s", vwView(t, v))
	}
}

func columnNames(v *Viewer) []string {
	var names []string
	for _, c := range v.table.idx.cols {
		names = append(names, c.name)
	}
	return names
}

// bodyOnly is an exchange of a JSON body for request r.
func bodyOnly(t *testing.T, r graph.Request, body string) *Exchange {
	x := vwUsersExchange(t, 1, false)
	x.Request = r
	x.Response.Body = []byte(body)
	x.Lines = vwHighlight(t, x.Response.Body)
	return x
}

func TestTableColumnsPutSelectFirst(t *testing.T) {
	for _, c := range []struct {
		name string
		r    graph.Request
		want []string
	}{
		{"query row", graph.Request{Path: "/users", Query: []graph.QueryParam{{Key: "$select", Value: "mail, displayName,businessPhones"}}},
			[]string{"mail", "displayName", "businessPhones", "id", "givenName", "surname", "userPrincipalName", "jobTitle", "officeLocation", "mobilePhone", "preferredLanguage"}},
		{"typed in the path", graph.Request{Path: "/users?$top=5&%24select=surname,id"},
			[]string{"surname", "id", "displayName", "givenName", "userPrincipalName", "mail", "jobTitle", "officeLocation", "mobilePhone", "preferredLanguage"}},
		{"no select", graph.Request{Path: "/users"},
			[]string{"id", "displayName", "givenName", "surname", "userPrincipalName", "mail", "jobTitle", "officeLocation", "mobilePhone", "preferredLanguage"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := vwViewer(118, 32)
			x := vwUsersExchange(t, 30, false)
			x.Request = c.r
			showTable(t, v, x)
			if got := columnNames(v); !slices.Equal(got, c.want) {
				t.Fatalf("columns %v, want %v", got, c.want)
			}
		})
	}
}

func TestTableCellsShowNestedValuesAndEscapeControls(t *testing.T) {
	body := `{"value":[` +
		`{"id":"a","tags":["x","y","z"],"one":["x"],"manager":{"id":"m"},"none":[],"blank":{},"n":12.5,"ok":true,"gone":null,` +
		`"note":"line1\nline2\u001b[31mred\t\u0007","c1":"` + "\u009b" + `2J","k\u001b[2J":"v"},` +
		`{"id":"b"}]}`
	r := graph.Request{Path: "/things", Query: []graph.QueryParam{{Key: "$select", Value: "id,tags,one,manager,none,blank,n,ok,gone,note,c1"}}}
	v := vwViewer(160, 10)
	showTable(t, v, bodyOnly(t, r, body))
	got := vwView(t, v)
	for _, want := range []string{"[3 items]", "[1 item]", "{…}", "[]", "{}", "12.5", "true",
		`line1\nline2\x1b[31mred\t\x07`, `\u009b2J`, `k\x1b[2J`} {
		if !strings.Contains(got, want) {
			t.Errorf("the table does not show %q:\n%s", want, got)
		}
	}
	if out := v.View(); strings.Contains(out, "\x1b[31m") || strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\u009b") {
		t.Error("a control sequence from the data reached the terminal")
	}
}

func TestTableCutsLongValuesToTheColumn(t *testing.T) {
	long := strings.Repeat("w", 60)
	body := fmt.Sprintf(`{"value":[{"id":"1","text":"%s","wide":"日本語のテキスト%s"}]}`, long, long)
	v := vwViewer(160, 10)
	showTable(t, v, bodyOnly(t, graph.Request{Path: "/x"}, body))
	got := vwView(t, v)
	if !strings.Contains(got, strings.Repeat("w", maxColumnWidth-1)+"…") || strings.Contains(got, long) {
		t.Fatalf("a long value should be cut to %d cells with …:\n%s", maxColumnWidth, got)
	}
	if !strings.Contains(got, "日本語のテキスト") {
		t.Fatalf("wide characters should survive the cut:\n%s", got)
	}
}

func TestTableScrollsRowsAndColumnsWithAStickyHeader(t *testing.T) {
	v := vwViewer(54, 12) // 9 content rows: the header and 8 data rows
	x := vwUsersExchange(t, 40, false)
	showTable(t, v, x)
	header := func() string { return strings.Split(vwView(t, v), "\n")[2] }
	if h := header(); !strings.Contains(h, "displayName") {
		t.Fatalf("the first content row is not the header: %q", h)
	}
	steps := []struct {
		key string
		top int
	}{{"down", 1}, {"pgdown", 9}, {"G", 32}, {"down", 32}, {"up", 31}, {"g", 0}, {"up", 0}}
	for _, s := range steps {
		v.Update(keyPress(s.key))
		if v.table.top != s.top {
			t.Fatalf("after %q the first row is %d, want %d", s.key, v.table.top, s.top)
		}
		if h := header(); !strings.Contains(h, "displayName") {
			t.Fatalf("after %q the header scrolled away: %q", s.key, h)
		}
	}
	v.Update(keyPress("G"))
	if got := vwView(t, v); !strings.Contains(got, "Joni 39") || !strings.Contains(got, "row 33-40/40") {
		t.Fatalf("at the bottom the last user and the position should show:\n%s", got)
	}
	v.Update(keyPress(">"))
	if v.table.left != 1 || strings.Contains(header(), " id ") {
		t.Fatalf("> should move one column right; left=%d header %q", v.table.left, header())
	}
	for range 50 {
		v.Update(keyPress(">"))
	}
	last := len(v.table.idx.cols) - 1
	if v.table.lastVisible() != last || v.table.lastCut() {
		t.Fatalf("> should stop once the last column is fully shown (left %d)", v.table.left)
	}
	if !strings.Contains(header(), "preferredLanguage") {
		t.Fatalf("the last column is not on screen: %q", header())
	}
	for range 50 {
		v.Update(keyPress("<"))
	}
	if v.table.left != 0 {
		t.Fatalf("< should come back to the first column, left=%d", v.table.left)
	}
}

func TestTableTogglesBackToTextAndFollowsNewPages(t *testing.T) {
	v := vwViewer(54, 12)
	showTable(t, v, vwUsersExchange(t, 5, true))
	v.Update(keyPress("T"))
	if v.showingTable() || !strings.Contains(vwView(t, v), `"@odata.context"`) {
		t.Fatalf("T again should show the text:\n%s", vwView(t, v))
	}
	pump(v, noIntents(v.Update(keyPress("T"))), nil)
	next := vwUsersExchange(t, 7, false)
	next.Seq = 9
	pump(v, vwShow(v, next), nil)
	if !v.showingTable() || v.table.rows() != 7 {
		t.Fatalf("the next page should come as a table of 7 rows, got %d (showing %v)", v.table.rows(), v.showingTable())
	}
}

func TestTableOnlyForCollections(t *testing.T) {
	v := vwViewer(54, 12)
	vwShow(v, bodyOnly(t, graph.Request{Path: "/organization/1"}, `{"id":"1","displayName":"Contoso"}`))
	var status []string
	pump(v, noIntents(v.Update(keyPress("T"))), func(m tea.Msg) {
		if s, ok := m.(statusMsg); ok {
			status = append(status, s.Text)
		}
	})
	if v.showingTable() || v.tableWanted || len(status) != 1 || !strings.Contains(status[0], `no "value" array`) {
		t.Fatalf("T on a single object: table %v, status %q", v.showingTable(), status)
	}
	x := vwNoConsent()
	x.Response.Header = http.Header{}
	vwShow(v, x)
	if v.showingTable() {
		t.Fatal("an error body shows as a table")
	}
}

func TestTableFitsAnyPaneSize(t *testing.T) {
	for _, sz := range [][2]int{{1, 4}, {3, 5}, {8, 6}, {12, 4}, {20, 5}, {30, 7}} {
		v := vwViewer(sz[0], sz[1])
		showTable(t, v, vwUsersExchange(t, 30, false))
		for _, k := range []string{">", "down", "G", ">", ">", "<", "pgup"} {
			v.Update(keyPress(k))
			_ = vwView(t, v) // fails unless exactly w x h cells
		}
	}
}
