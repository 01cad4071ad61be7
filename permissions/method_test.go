package permissions

import (
	"slices"
	"strings"
	"testing"
)

// The least privileged pick for each method of the stories graphtui
// diagnoses, from the embedded index.
func TestLeastPerMethod(t *testing.T) {
	for _, c := range []struct {
		method, path string
		pick         []string
		why          string
	}{
		{"POST", "/users/adele@contoso.com/sendMail", []string{"Mail.Send"}, "sendMail is POST only"},
		{"PATCH", "/users/u1", []string{"User.ReadWrite.All"}, "a [GET, PATCH, DELETE] flag on a write name is about PATCH"},
		{"GET", "/users/u1", []string{"User.ReadBasic.All"}, "the same pathSets' write flags do not make a write name least for GET"},
		{"DELETE", "/users/u1", []string{"User.DeleteRestore.All"}, "DELETE has its own least"},
		{"POST", "/users", []string{"User.ReadWrite.All"}, "create a user"},
		{"POST", "/groups/g1/members/$ref", []string{"GroupMember.ReadWrite.All"}, "add a member"},
		{"POST", "/teams/t1/channels/c1/messages", []string{"Teamwork.Migrate.All"}, "app-only posting is for migration"},
		{"POST", "/chats/c1/messages", []string{"Teamwork.Migrate.All"}, "app-only posting is for migration"},
		{"post", "/servicePrincipals/s1/appRoleAssignedTo", []string{"AppRoleAssignment.ReadWrite.All", "Application.Read.All"}, "a combination is the least privileged choice"},
	} {
		m, ok := LookupMethod(c.method, c.path)
		if !ok || !m.AppOnly {
			t.Errorf("%s %s: %+v, %v", c.method, c.path, m, ok)
			continue
		}
		if got := m.Pick(); !slices.Equal(got, c.pick) {
			t.Errorf("%s %s: pick %v, want %v (%s); least %v, combinations %v", c.method, c.path, got, c.pick, c.why, m.Least, m.Combinations)
		}
	}
}

// AlsoRequires: the pair is named once, the writing permission first, and
// neither alone allows the request.
func TestCombinations(t *testing.T) {
	m, ok := LookupMethod("POST", "/servicePrincipals/s1/appRoleAssignedTo")
	if !ok {
		t.Fatal("no pattern")
	}
	// The reference also allows AppRoleAssignment.ReadWrite.All with
	// Directory.Read.All, but lists Directory.Read.All as enough alone in
	// a [GET, POST] pathSet: that pair is never the one needed.
	want := []Combination{
		{Permissions: []string{"AppRoleAssignment.ReadWrite.All", "Application.Read.All"}, Least: true},
	}
	if !slices.EqualFunc(m.Combinations, want, func(a, b Combination) bool {
		return a.Least == b.Least && slices.Equal(a.Permissions, b.Permissions)
	}) {
		t.Errorf("combinations %+v, want %+v", m.Combinations, want)
	}
	for _, alone := range []string{"AppRoleAssignment.ReadWrite.All", "Application.Read.All"} {
		if slices.Contains(m.All, alone) {
			t.Errorf("%s is listed as enough alone: %v", alone, m.All)
		}
		if m.Allows([]string{alone}) {
			t.Errorf("Allows(%s) alone", alone)
		}
	}
	if !m.Allows([]string{"application.read.all", "AppRoleAssignment.ReadWrite.All"}) {
		t.Error("the pair (any case) does not allow it")
	}
	for _, alone := range []string{"Application.ReadWrite.All", "Directory.Read.All"} {
		if !m.Allows([]string{alone}) {
			t.Errorf("%s alone is listed by the reference, yet not allowed", alone)
		}
	}
	// For GET, Application.Read.All is enough alone.
	if g, _ := LookupMethod("GET", "/servicePrincipals/s1/appRoleAssignedTo"); len(g.Combinations) != 0 || !g.Allows([]string{"Application.Read.All"}) {
		t.Errorf("GET: %+v", g)
	}
}

// A path listed for other methods only is not found, and says which.
func TestOtherMethodsOnly(t *testing.T) {
	m, ok := Lookup("/users/u1/sendMail")
	if ok || !strings.EqualFold(m.Pattern, "/users/{id}/sendMail") || !slices.Equal(m.Methods, []string{"POST"}) {
		t.Errorf("GET sendMail: %v %+v, want not found, listed for POST", ok, m)
	}
	if _, ok := LookupMethod("PROPFIND", "/users"); ok {
		t.Error("an unknown method was found")
	}
	if m, ok := LookupMethod("", "/users"); !ok || m.Method != "GET" {
		t.Errorf("\"\" is not GET: %+v", m)
	}
	// POST /me/sendMail: no user in an app token; /users/{id}/sendMail instead.
	if m, ok := LookupMethod("POST", "/me/sendMail"); !ok || m.AppOnly || !strings.EqualFold(m.Instead, "/users/{id}/sendMail") {
		t.Errorf("POST /me/sendMail: %+v", m)
	}
}

// Adding a reference borrows the permissions that remove it when the
// reference lists only DELETE, and says so.
func TestRefPOSTBorrowsDELETE(t *testing.T) {
	m, ok := LookupMethod("POST", "/groups/g1/members/$ref")
	if !ok || m.Pattern != "/groups/{id}/members/$ref" || !slices.Equal(m.Pick(), []string{"GroupMember.ReadWrite.All"}) || m.Note == "" {
		t.Errorf("%v %+v", ok, m)
	}
	if m, _ := LookupMethod("POST", "/servicePrincipals/s1/appRoleAssignedTo"); m.Note != "" {
		t.Errorf("the reference's own permissions carry a note: %q", m.Note)
	}
}

func TestLookupRole(t *testing.T) {
	r, ok := LookupRole("mail.send")
	if !ok || r.Name != "Mail.Send" || r.ID != "b633e1c5-b582-4048-a93e-9f11b44c7e96" || r.Privilege == 0 {
		t.Fatalf("%v %+v", ok, r)
	}
	var users *Resource
	for i := range r.Resources {
		if r.Resources[i].Name == "users" {
			users = &r.Resources[i]
		}
		if i > 0 && r.Resources[i-1].Name > r.Resources[i].Name {
			t.Errorf("resources not sorted: %s before %s", r.Resources[i-1].Name, r.Resources[i].Name)
		}
	}
	if users == nil {
		t.Fatalf("no users resource: %+v", r.Resources)
	}
	found := false
	for _, a := range users.Allowed {
		found = found || a.Method == "POST" && strings.EqualFold(a.Pattern, "/users/{id}/sendMail") && a.Least && len(a.With) == 0
	}
	if !found {
		t.Errorf("POST /users/{id}/sendMail missing: %+v", users.Allowed)
	}
	// A permission that works only in a pair names its partners.
	r, _ = LookupRole("AppRoleAssignment.ReadWrite.All")
	found = false
	for _, res := range r.Resources {
		for _, a := range res.Allowed {
			if a.Method == "POST" && strings.EqualFold(a.Pattern, "/servicePrincipals/{id}/appRoleAssignedTo") {
				found = slices.Equal(a.With, []string{"Application.Read.All"}) && a.Least
			}
		}
	}
	if !found {
		t.Errorf("AppRoleAssignment.ReadWrite.All: POST appRoleAssignedTo with its partners missing")
	}
	if _, ok := LookupRole("Mail.Sendd"); ok {
		t.Error("an unknown name was found")
	}
}

func TestSuggestMethod(t *testing.T) {
	if got := SuggestMethod("POST", "/users/adele@contoso.com/sendm", 5); !slices.Contains(got, "/users/{id}/sendmail") {
		t.Errorf("POST suggestions %v lack sendMail", got)
	}
	for _, s := range Suggest("/users/adele@contoso.com/sendm", 10) {
		if strings.EqualFold(s, "/users/{id}/sendMail") {
			t.Errorf("GET suggests the POST-only %s", s)
		}
	}
}
