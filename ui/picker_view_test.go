package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/graphtui/graphtui/auth"
)

// ptPickerWithTokens is the demo-like list in every token state: valid with
// roles, in flight, valid without roles, expired, none, failed.
func ptPickerWithTokens() *Picker {
	p := newTestPicker(ptProfiles(), "no-consent")
	until := time.Date(2025, 3, 14, 15, 4, 0, 0, time.Local)
	p.Update(tokenMsg{Profile: "contoso-reader", Token: ptToken("contoso-reader", until,
		"Application.Read.All", "AuditLog.Read.All", "Directory.Read.All", "Group.Read.All",
		"Mail.Read", "Sites.Read.All", "User.Read.All", "Calendars.Read")})
	p.SetPending("contoso-cert")
	p.Update(tokenMsg{Profile: "no-consent", Token: ptToken("no-consent", until)})
	p.Update(tokenMsg{Profile: "wrong-role", Token: ptToken("wrong-role", ptNow.Add(-time.Minute), "Mail.Send")})
	p.Update(tokenMsg{Profile: "wrong-secret", Err: &auth.TokenError{Profile: "wrong-secret", Status: 401, Code: 7000215}})
	return p
}

func TestPickerView(t *testing.T) {
	for _, size := range [][2]int{{24, 20}, {40, 44}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			p := ptPickerWithTokens()
			p.SetSize(size[0], size[1])
			view := p.View()
			requireSize(t, view, size[0], size[1])
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

func TestPickerViewFiltering(t *testing.T) {
	p := ptPickerWithTokens()
	p.SetSize(24, 20)
	p.Update(keyPress("/"))
	typeKeys(p, "contoso")
	view := p.View()
	requireSize(t, view, 24, 20)
	golden.RequireEqual(t, []byte(ansi.Strip(view)))
}

func TestPickerViewScrolled(t *testing.T) {
	p := ptPickerWithTokens()
	p.SetSize(24, 10)
	p.Update(keyPress("down"))
	p.Update(keyPress("down"))
	view := p.View()
	requireSize(t, view, 24, 10)
	golden.RequireEqual(t, []byte(ansi.Strip(view)))
}

func TestPickerViewEmpty(t *testing.T) {
	p := newTestPicker(nil, "")
	p.SetSize(24, 20)
	view := p.View()
	requireSize(t, view, 24, 20)
	golden.RequireEqual(t, []byte(ansi.Strip(view)))
}

func TestPickerViewTinySizes(t *testing.T) {
	for _, filtering := range []bool{false, true} {
		for w := 0; w <= 6; w++ {
			for h := 0; h <= 6; h++ {
				p := ptPickerWithTokens()
				if filtering {
					p.Update(keyPress("/"))
					typeKeys(p, "o")
				}
				p.SetSize(w, h)
				p.Update(keyPress("down"))
				requireSize(t, p.View(), w, h)
			}
		}
	}
	empty := newTestPicker(nil, "")
	for w := 0; w <= 4; w++ {
		for h := 0; h <= 4; h++ {
			empty.SetSize(w, h)
			requireSize(t, empty.View(), w, h)
		}
	}
}
