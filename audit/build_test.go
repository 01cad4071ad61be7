package audit

import (
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/profiles"
)

var daemon = profiles.Profile{Name: "daemon", Tenant: "contoso.onmicrosoft.com", ClientID: "11111111-2222-3333-4444-555555555555"}

func calls(lines ...string) []Call {
	out := make([]Call, len(lines))
	for i, l := range lines {
		c, err := parseLine(l)
		if err != nil {
			panic(err)
		}
		out[i] = c
	}
	return out
}

func permissionsOf(cs []Change) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Permission)
	}
	return out
}

// The set computation, one situation a case.
func TestBuildNeededSet(t *testing.T) {
	cases := []struct {
		name    string
		granted []string
		calls   []Call
		needed  []string
		remove  []string
		add     []string
		unknown int
		// covered is each call's covered_by, joined with "+"; "" when the
		// token cannot make it.
		covered []string
	}{
		{
			name:    "single call: the least privileged one replaces a broader grant",
			granted: []string{"User.Read.All"},
			calls:   calls("GET /users?$select=id,displayName"),
			needed:  []string{"User.ReadBasic.All"},
			remove:  []string{"User.Read.All"},
			add:     []string{"User.ReadBasic.All"},
			covered: []string{"User.Read.All"},
		},
		{
			name:    "nothing to change",
			granted: []string{"AuditLog.Read.All"},
			calls:   calls("/auditLogs/signIns"),
			needed:  []string{"AuditLog.Read.All"},
			covered: []string{"AuditLog.Read.All"},
		},
		{
			name:    "overlap: a permission needed anyway serves an equally privileged call",
			granted: []string{"Directory.Read.All"},
			calls:   calls("GET /users/1/memberOf", "GET /users?$select=id"),
			needed:  []string{"Directory.Read.All"},
			covered: []string{"Directory.Read.All", "Directory.Read.All"},
		},
		{
			name:    "overlap: one read permission serves the groups and their members",
			granted: []string{"Group.Read.All", "GroupMember.Read.All"},
			calls:   calls("GET /groups", "GET /groups/1/members"),
			needed:  []string{"Group.ReadBasic.All"},
			remove:  []string{"Group.Read.All", "GroupMember.Read.All"},
			add:     []string{"Group.ReadBasic.All"},
			covered: []string{"Group.Read.All", "Group.Read.All"},
		},
		{
			name:    "overlap refused: a more privileged permission does not replace a read",
			granted: []string{"User.ReadWrite.All"},
			calls:   calls("PATCH /users/1", "GET /users?$select=id"),
			needed:  []string{"User.ReadBasic.All", "User.ReadWrite.All"},
			add:     []string{"User.ReadBasic.All"},
			covered: []string{"User.ReadWrite.All", "User.ReadWrite.All"},
		},
		{
			name:    "combination: both permissions are needed, one missing blocks the call",
			granted: []string{"Application.Read.All"},
			calls:   calls("POST /servicePrincipals/1/appRoleAssignedTo"),
			needed:  []string{"Application.Read.All", "AppRoleAssignment.ReadWrite.All"},
			add:     []string{"AppRoleAssignment.ReadWrite.All"},
			covered: []string{""},
		},
		{
			name:    "combination granted: covered by both",
			granted: []string{"AppRoleAssignment.ReadWrite.All", "Application.Read.All"},
			calls:   calls("POST /servicePrincipals/1/appRoleAssignedTo"),
			needed:  []string{"Application.Read.All", "AppRoleAssignment.ReadWrite.All"},
			covered: []string{"AppRoleAssignment.ReadWrite.All+Application.Read.All"},
		},
		{
			name: "a write keeps its combination: a read permission is no stand-in",
			// The reference lists Directory.Read.All alone for this POST;
			// it is needed for memberOf, yet the write keeps its own pair.
			granted: []string{"Directory.ReadWrite.All"},
			calls:   calls("POST /servicePrincipals/1/appRoleAssignedTo", "GET /users/1/memberOf"),
			needed:  []string{"Application.Read.All", "AppRoleAssignment.ReadWrite.All", "Directory.Read.All"},
			remove:  []string{"Directory.ReadWrite.All"},
			add:     []string{"Application.Read.All", "AppRoleAssignment.ReadWrite.All", "Directory.Read.All"},
			covered: []string{"", "Directory.ReadWrite.All"},
		},
		{
			name:    "unknown calls are listed, never guessed",
			granted: []string{"User.Read.All"},
			calls:   calls("GET /contoso/widgets", "DELETE /users/1/widgets/2"),
			needed:  []string{},
			remove:  []string{"User.Read.All"},
			unknown: 2,
			covered: []string{},
		},
		{
			name:    "a /me call is known but needs a signed-in user",
			granted: []string{"User.Read.All"},
			calls:   calls("GET /me/messages"),
			needed:  []string{},
			remove:  []string{"User.Read.All"},
			covered: []string{""},
		},
		{
			name:    "the same call twice counts once",
			granted: []string{"User.ReadBasic.All"},
			calls:   calls("GET /users?$select=id", "get /users?$select=id"),
			needed:  []string{"User.ReadBasic.All"},
			covered: []string{"User.ReadBasic.All"},
		},
		{
			name:    "no roles: every call is blocked",
			calls:   calls("GET /groups"),
			needed:  []string{"Group.ReadBasic.All"},
			add:     []string{"Group.ReadBasic.All"},
			covered: []string{""},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Build(Input{Profile: daemon, Granted: c.granted, Calls: c.calls})
			if !slices.Equal(r.Needed, c.needed) {
				t.Errorf("needed = %q, want %q", r.Needed, c.needed)
			}
			if got := permissionsOf(r.Remove); !slices.Equal(got, nonNil(c.remove)) {
				t.Errorf("remove = %q, want %q", got, c.remove)
			}
			if got := permissionsOf(r.Add); !slices.Equal(got, nonNil(c.add)) {
				t.Errorf("add = %q, want %q", got, c.add)
			}
			if len(r.Unknown) != c.unknown {
				t.Errorf("unknown = %v, want %d", r.Unknown, c.unknown)
			}
			var covered []string
			for _, res := range r.Calls {
				covered = append(covered, strings.Join(res.CoveredBy, "+"))
			}
			if !slices.Equal(nonNil(covered), c.covered) {
				t.Errorf("covered_by = %q, want %q", covered, c.covered)
			}
		})
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// The $select rule, call by call: what is least privileged and the note.
func TestSelectRule(t *testing.T) {
	cases := []struct {
		call  string
		least string
		note  string
	}{
		{"GET /users?$select=id,displayName,mail,userPrincipalName", "User.ReadBasic.All", ""},
		{"GET /users/adele@contoso.com?$select=givenName,surname", "User.ReadBasic.All", ""},
		{"GET /users?$SELECT=DisplayName,Mail", "User.ReadBasic.All", ""},
		{"GET /users?select=id", "User.ReadBasic.All", ""},
		{"GET /users?$select=id%2CdisplayName", "User.ReadBasic.All", ""},
		{"GET /users", "User.ReadBasic.All", NoteNoSelect},
		{"GET /users?$top=5", "User.ReadBasic.All", NoteNoSelect},
		{"GET /users?$select=displayName,signInActivity", "User.Read.All", NoteBeyondBasic},
		{"GET /users/1?$select=employeeId", "User.Read.All", NoteBeyondBasic},
		{"GET /users?$select=id&$expand=manager", "User.Read.All", NoteBeyondBasic},
		{"GET /users?$filter=startswith(displayName, 'A')&$select=id,displayName", "User.ReadBasic.All", ""},
		// Not a user read: the rule does not apply.
		{"GET /groups?$select=id,description", "Group.ReadBasic.All", ""},
		{"GET /users/1/manager?$select=id", "User.Read.All", ""},
	}
	for _, c := range cases {
		t.Run(c.call, func(t *testing.T) {
			r := Build(Input{Profile: daemon, Calls: calls(c.call)})
			if len(r.Calls) != 1 {
				t.Fatalf("calls = %+v, unknown = %+v", r.Calls, r.Unknown)
			}
			res := r.Calls[0]
			if strings.Join(res.Least, ",") != c.least || res.Note != c.note {
				t.Errorf("least %q note %q, want %q note %q", res.Least, res.Note, c.least, c.note)
			}
			if !slices.Equal(r.Needed, []string{c.least}) {
				t.Errorf("needed = %q, want %q", r.Needed, c.least)
			}
		})
	}
}

// The review reads like the example, and the privilege drop is
// the reference's levels.
func TestReviewSentences(t *testing.T) {
	r := Build(Input{Profile: daemon, Granted: []string{"Directory.ReadWrite.All"},
		Calls: calls("GET /users?$select=id,displayName", "GET /groups?$select=id")})
	if len(r.Remove) != 1 {
		t.Fatalf("remove = %+v", r.Remove)
	}
	want := "Directory.ReadWrite.All is granted but no call needs it; User.ReadBasic.All + Group.ReadBasic.All cover the reads (today GET /users?$select=id,displayName, GET /groups?$select=id use it)."
	if r.Remove[0].Review != want {
		t.Errorf("review:\n got %s\nwant %s", r.Remove[0].Review, want)
	}
	if r.Remove[0].AppRoleID != "19dbc75e-c2e2-444c-a770-ec69d8559fc7" {
		t.Errorf("app role id = %q", r.Remove[0].AppRoleID)
	}
	if r.Privilege != (Privilege{Now: 4, After: 3}) {
		t.Errorf("privilege = %+v, want 4 then 3", r.Privilege)
	}
	if r.ConsentURL != daemon.AdminConsentURL() {
		t.Errorf("consent URL = %q", r.ConsentURL)
	}
}

// A managed identity gets the POST that assigns each added role and the
// DELETE that removes each other, and no consent URL.
func TestManagedIdentityRequests(t *testing.T) {
	mi := profiles.Profile{Name: "nightly", Tenant: "contoso.onmicrosoft.com", ManagedIdentity: "system"}
	r := Build(Input{Profile: mi, Granted: []string{"User.Read.All"}, PrincipalID: "aaaaaaaa-0000-0000-0000-000000000001",
		Calls: calls("GET /users?$select=id")})
	if r.ConsentURL != "" {
		t.Errorf("consent URL %q for a managed identity", r.ConsentURL)
	}
	if len(r.Assign) != 1 || r.Assign[0].Request != "POST https://graph.microsoft.com/v1.0/servicePrincipals/aaaaaaaa-0000-0000-0000-000000000001/appRoleAssignments" ||
		!strings.Contains(r.Assign[0].Body, `"appRoleId":"97235f07-e226-4f63-ace3-39588e11d3a1"`) {
		t.Errorf("assign = %+v", r.Assign)
	}
	if len(r.Revoke) != 1 || r.Revoke[0].Request != "DELETE https://graph.microsoft.com/v1.0/servicePrincipals/aaaaaaaa-0000-0000-0000-000000000001/appRoleAssignments/ASSIGNMENT_ID" ||
		r.Revoke[0].AppRoleID != "df021288-bdef-4463-88db-98f22de89214" {
		t.Errorf("revoke = %+v", r.Revoke)
	}
}
