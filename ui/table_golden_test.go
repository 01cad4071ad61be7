package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// Golden views of the table at the viewer's sizes in 80x24 and 160x48
// terminals. Refresh with: go test ./ui/ -run TableGolden -update
func TestTableGolden(t *testing.T) {
	cases := []struct {
		name string
		keys []string
	}{
		{"users_table", nil},
		{"users_table_scrolled", []string{"pgdown", ">", ">"}},
	}
	for _, size := range [][2]int{{54, 12}, {118, 32}} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				v := vwViewer(size[0], size[1])
				showTable(t, v, vwUsersExchange(t, 40, true))
				for _, k := range c.keys {
					v.Update(keyPress(k))
				}
				golden.RequireEqual(t, vwView(t, v))
			})
		}
	}
}
