package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/profiles"
)

// A profile without a tenant (a managed identity, a brought token) shows
// its kind where the tenant would be, not an empty "global ·".
func TestPickerShowsTheKindOfAProfileWithoutTenant(t *testing.T) {
	list := []profiles.Profile{{Name: "mi", ManagedIdentity: "system"}, {Name: "az", AccessToken: "cmd:az"}}
	p := newTestPicker(list, "mi")
	p.SetSize(40, 20)
	view := ansi.Strip(p.View())
	for _, want := range []string{"global · managed-identity", "global · access-token"} {
		if !strings.Contains(view, want) {
			t.Errorf("picker lacks %q:\n%s", want, view)
		}
	}
}
