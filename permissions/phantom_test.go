package permissions

import (
	"slices"
	"testing"

	"github.com/graphtui/graphtui/internal/refdata/refdatatest"
)

// TestEveryIndexedPermissionIsAnAppRole walks every pattern of the index,
// for every method, alone and in combinations: each permission it names
// must be an application permission, deployed
// as an app role, or at least named and ranked by the reference (its
// Application scheme has a display name and a privilege level).
func TestEveryIndexedPermissionIsAnAppRole(t *testing.T) {
	perms := refdatatest.Permissions(t)
	deployments := refdatatest.Deployments(t)
	isRole := func(name string) bool {
		for _, d := range deployments[name] {
			if d.Scheme == "Application" {
				return true
			}
		}
		s, ok := perms[name].Schemes["Application"]
		return ok && s.AdminDisplayName != "" && s.PrivilegeLevel > 0
	}
	ix := get()
	bad := map[string][]string{}
	named := map[method]int{}
	for _, e := range ix.entries {
		for _, g := range e.sets {
			ps := append([]uint16(nil), g.perms...)
			for _, pr := range g.pairs {
				ps = append(ps, pr[0], pr[1])
			}
			for _, p := range ps {
				named[g.method]++
				if name := ix.perms[p].name; !isRole(name) {
					bad[name] = append(bad[name], methodNames[g.method]+" "+e.pattern)
				}
			}
		}
	}
	for m := range methodCount {
		if named[m] == 0 {
			t.Errorf("no permission is indexed for %s: the check would pass on nothing", methodNames[m])
		}
	}
	for name, pats := range bad {
		t.Errorf("%s has no application role, yet the index lists it for %d patterns, e.g. %s", name, len(pats), pats[0])
	}
}

// What the phantoms used to do: rank least, and make delegated-only paths
// look app-callable.
func TestPhantomsNoLongerDecide(t *testing.T) {
	for _, path := range []string{"/users/u1/events", "/users/u1/calendars", "/users/u1/calendarView"} {
		m, ok := Lookup(path)
		if !ok || !m.AppOnly {
			t.Fatalf("%s: %+v, %v", path, m, ok)
		}
		if slices.Contains(m.All, "Calendars.ReadBasic") {
			t.Errorf("%s: the phantom Calendars.ReadBasic is listed: %v", path, m.All)
		}
		if !slices.Contains(m.Least, "Calendars.ReadBasic.All") {
			t.Errorf("%s: least %v, want Calendars.ReadBasic.All", path, m.Least)
		}
	}
	for _, path := range []string{"/financials/companies", "/users/u1/tasks/lists/l1/tasks/t1/checklistItems"} {
		if m, ok := Lookup(path); ok && m.AppOnly {
			t.Errorf("%s is delegated-only, yet app-callable with %v", path, m.All)
		}
	}
}
