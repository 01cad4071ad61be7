package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
)

// Golden views of the viewer at the pane sizes it gets in 80x24 and
// 160x48 terminals. Refresh with: go test ./ui/ -run ViewerGolden -update
func TestViewerGolden(t *testing.T) {
	cases := []struct {
		name string
		x    func(testing.TB) *Exchange
		tab  string
	}{
		{"users_200", func(t testing.TB) *Exchange { return vwUsersExchange(t, 12, true) }, "b"},
		{"no_consent_401", func(testing.TB) *Exchange { return vwNoConsent() }, "b"},
		{"token_error_AADSTS7000215", func(testing.TB) *Exchange { return vwWrongSecret() }, "b"},
		{"headers", func(t testing.TB) *Exchange { return vwUsersExchange(t, 12, true) }, "h"},
		{"token", func(t testing.TB) *Exchange { return vwUsersExchange(t, 12, true) }, "t"},
		{"token_no_roles", func(testing.TB) *Exchange { return vwNoConsent() }, "t"},
		{"trace_retry", vwThrottled, "r"},
	}
	for _, size := range [][2]int{{54, 12}, {118, 32}} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				v := vwViewer(size[0], size[1])
				vwShow(v, c.x(t))
				if c.tab != "b" {
					v.Update(keyPress(c.tab))
				}
				// The countdown reads the tick's clock, never the machine's.
				v.Update(viewerTickMsg{At: vwStart.Add(90 * time.Second), gen: v.tickGen})
				golden.RequireEqual(t, vwView(t, v))
			})
		}
	}
}
