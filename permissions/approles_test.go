package permissions

import (
	"sort"
	"testing"
)

func TestAppRoleID(t *testing.T) {
	for name, want := range map[string]string{
		"User.ReadBasic.All": "97235f07-e226-4f63-ace3-39588e11d3a1",
		"user.read.all":      "df021288-bdef-4463-88db-98f22de89214",
		"Group.Read.All":     "5b567255-7703-4780-807c-7be8301ae99b",
		"Sites.Selected":     "883ea226-0bf2-4a8f-9f9d-92c9162a727d",
	} {
		if got, ok := AppRoleID(name); !ok || got != want {
			t.Errorf("AppRoleID(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if _, ok := AppRoleID("User.Read"); ok {
		t.Error("a delegated-only permission has no app role id")
	}
}

func TestNamesAreTheRolesLookupRoleKnows(t *testing.T) {
	names := Names()
	if len(names) < 100 || !sort.StringsAreSorted(names) {
		t.Fatalf("%d names, sorted %v", len(names), sort.StringsAreSorted(names))
	}
	for _, n := range names {
		if _, ok := LookupRole(n); !ok {
			t.Errorf("Names lists %q, which LookupRole does not know", n)
		}
	}
}
