package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/graphtui/graphtui/profiles"
)

// ptEditedProfile is a demo-like profile whose tenant is then mistyped.
func ptEditedProfile() profiles.Profile {
	return profiles.Profile{Name: "contoso-reader", Tenant: ptTenant, ClientID: ptClientID,
		ClientSecret: "file:/home/dev/.secrets/contoso-reader", Cloud: profiles.CloudGlobal,
		GraphHost: "https://127.0.0.1:9443", Source: profiles.Position{File: ptConfig, Line: 6}}
}

func TestProfileFormView(t *testing.T) {
	for _, size := range [][2]int{{60, 18}, {80, 22}} {
		name := fmt.Sprintf("%dx%d", size[0], size[1])
		t.Run("add_"+name, func(t *testing.T) {
			f := NewProfileForm(testCommon(), nil, true)
			f.SetSize(size[0], size[1])
			f.Focus()
			view := f.View()
			requireSize(t, view, size[0], size[1])
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
		t.Run("edit_error_"+name, func(t *testing.T) {
			edit := ptEditedProfile()
			f := NewProfileForm(testCommon(), &edit, true)
			f.SetSize(size[0], size[1])
			f.Focus()
			f.Update(keyPress("tab"))
			for range len(".onmicrosoft.com") {
				f.Update(keyPress("backspace"))
			}
			ptSubmit(t, f)
			view := f.View()
			requireSize(t, view, size[0], size[1])
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

func TestProfileFormViewWithoutKeyring(t *testing.T) {
	f := NewProfileForm(testCommon(), nil, false)
	f.SetSize(60, 18)
	f.Focus()
	view := f.View()
	requireSize(t, view, 60, 18)
	golden.RequireEqual(t, []byte(ansi.Strip(view)))
}

func TestProfileFormViewTinySizes(t *testing.T) {
	edit := ptEditedProfile()
	f := NewProfileForm(testCommon(), &edit, false)
	f.Update(keyPress("tab"))
	typeKeys(f, "x")
	ptSubmit(t, f)
	for w := 0; w <= 8; w++ {
		for h := 0; h <= 8; h++ {
			f.SetSize(w, h)
			requireSize(t, f.View(), w, h)
		}
	}
}
