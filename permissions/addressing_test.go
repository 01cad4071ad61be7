package permissions

import (
	"slices"
	"testing"
)

// Paths the reference spells differently from how they are called: item
// and site paths between colons, a guest's UPN with an unencoded #EXT#,
// and backupRestore with the docs' /solutions prefix.
func TestAddressedPaths(t *testing.T) {
	for _, c := range []struct{ name, path, pattern, least string }{
		{"download by path", "/drives/d1/root:/Reports/Q1.xlsx:/content", "/drives/{id}/items/{id}/content", "Files.Read.All"},
		{"children by path", "/users/u1/drive/root:/Reports/2026:/children", "/users/{id}/drive/items/{id}/children", "Files.Read.All"},
		{"path below an item", "/drives/d1/items/i1:/sub/Q1.xlsx:/content", "/drives/{id}/items/{id}/content", "Files.Read.All"},
		{"path to the end", "/drives/d1/items/i1:/Reports/Q1.xlsx", "/drives/{id}/items/{id}", "Files.Read.All"},
		{"site by path", "/sites/contoso.sharepoint.com:/sites/marketing:/lists", "/sites/{id}/lists", "Sites.Read.All"},
		{"site drive by path", "/sites/contoso.sharepoint.com:/sites/hr:/drive/root:/a.docx:/content", "/sites/{id}/drive/items/{id}/content", "Files.Read.All"},
		{"guest UPN, # unencoded", "/users/john_fabrikam.com#EXT#@contoso.onmicrosoft.com/messages?$top=1", "/users/{id}/messages", "Mail.ReadBasic.All"},
		{"guest UPN, lower case", "/users/john_fabrikam.com#ext#@contoso.onmicrosoft.com/messages", "/users/{id}/messages", "Mail.ReadBasic.All"},
		{"backupRestore, docs' form", "/solutions/backupRestore/protectionUnits/p1", "/backupRestore/protectionUnits/{protectionUnitId}", "BackupRestore-Configuration.Read.All"},
		{"backupRestore, reference's form", "/backupRestore/protectionUnits/p1", "/backupRestore/protectionUnits/{protectionUnitId}", "BackupRestore-Configuration.Read.All"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, ok := Lookup(c.path)
			if !ok || m.Pattern != c.pattern {
				t.Fatalf("Lookup(%q) = %q, %v; want %s", c.path, m.Pattern, ok, c.pattern)
			}
			if !slices.Contains(m.Least, c.least) {
				t.Errorf("least %v, want %s", m.Least, c.least)
			}
		})
	}
	// A real fragment still goes.
	if m, _ := Lookup("/users/u1/messages#top"); m.Path != "/users/u1/messages" {
		t.Errorf("fragment kept: %s", m.Path)
	}
	if m, _ := Lookup("/users/a#EXT#@b.com/messages"); m.Path != "/users/a#EXT#@b.com/messages" {
		t.Errorf("Path = %s, want the UPN whole", m.Path)
	}
}

// /me and /education/me name the signed-in user: never app-callable,
// whether the reference lists the path or not, and the /users/{id} form
// to use instead is named.
func TestMeIsNeverAppCallable(t *testing.T) {
	for _, c := range []struct{ path, pattern, instead string }{
		{"/me/messages", "/me/messages", "/users/{id}/messages"},
		{"/me/drive/root:/a.txt:/content", "/me/drive/root:/{id}:/content", "/users/{id}/drive/root:/{id}:/content"},
		{"/education/me/assignments", "/education/me/assignments", "/education/users/{id}/assignments"},
		{"/education/me/classes", "/education/me/classes", "/education/users/{id}/classes"},
		{"/ME/appRoleAssignments", "/me/approleassignments", "/users/{id}/approleassignments"},
		{"/me/nosuch/thing", "/me/nosuch/thing", ""},
	} {
		m, ok := Lookup(c.path)
		if !ok || m.AppOnly || len(m.Least) > 0 || len(m.All) > 0 {
			t.Errorf("Lookup(%q) = %+v, %v; want found, not app-callable", c.path, m, ok)
		}
		if c.pattern != "" && m.Pattern != c.pattern {
			t.Errorf("%s: pattern %q, want %q", c.path, m.Pattern, c.pattern)
		}
		if m.Instead != c.instead {
			t.Errorf("%s: instead %q, want %q", c.path, m.Instead, c.instead)
		}
	}
}
