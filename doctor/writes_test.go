package doctor

import (
	"slices"
	"strings"
	"testing"
)

// Each write story against the embedded reference: the method decides
// which permissions count.
func TestWriteDiagnoses(t *testing.T) {
	denied := graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	for _, c := range []struct {
		name, method, path string
		roles              []string
		code               string
		kind               Kind
		missing            []string
		says               []string
	}{
		{"sendMail with Mail.Read names Mail.Send", "POST", "/users/adele@contoso.com/sendMail", []string{"Mail.Read"}, "ErrorAccessDenied",
			KindMissingRole, []string{"Mail.Send"}, []string{"POST /users/{id}/sendmail", "Mail.Send"}},
		{"sendMail with Mail.Send is an Exchange policy", "POST", "/users/adele@contoso.com/sendMail", []string{"Mail.Send"}, "ErrorAccessDenied",
			KindExchangePolicy, nil, []string{"Test-ServicePrincipalAuthorization", "Test-ApplicationAccessPolicy", "adele@contoso.com"}},
		{"PATCH a user without the permission", "PATCH", "/users/u1", []string{"User.Read.All"}, "",
			KindMissingRole, []string{"User.ReadWrite.All"}, []string{"User.ReadWrite.All", "directory role"}},
		{"PATCH a user with the permission: a directory role", "PATCH", "/users/u1", []string{"User.ReadWrite.All"}, "",
			KindDirectoryRole, nil, []string{"User Administrator", "password"}},
		{"a combination names both", "POST", "/servicePrincipals/s1/appRoleAssignedTo", []string{"Application.Read.All"}, "",
			KindMissingRole, []string{"AppRoleAssignment.ReadWrite.All"}, []string{"AppRoleAssignment.ReadWrite.All together with Application.Read.All",
				"Add the application permission AppRoleAssignment.ReadWrite.All of Microsoft Graph to the app registration", "grants admin consent"}},
		{"a channel post is for migration", "POST", "/teams/t1/channels/c1/messages", []string{"ChannelMessage.Read.All"}, "",
			KindTeamsMigration, nil, []string{"Teamwork.Migrate.All", "migration", "delegated"}},
		{"a chat post is for migration", "post", "/chats/c1/messages", nil, "",
			KindTeamsMigration, nil, []string{"Teamwork.Migrate.All"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ge := denied
			if c.code != "" {
				ge = graphError(403, c.code, "Access is denied. Check credentials and try again.")
			}
			in := input(403, c.path, ge, appClaims(c.roles...))
			in.Method = c.method
			if len(c.roles) == 0 {
				in.Claims = appClaims("User.Read.All")
			}
			d := Diagnose(in)
			if d == nil || d.Kind != c.kind {
				t.Fatalf("diagnosis %+v, want %s", d, c.kind)
			}
			if c.missing != nil && !slices.Equal(d.Missing, c.missing) {
				t.Errorf("missing %v, want %v", d.Missing, c.missing)
			}
			all := text(d)
			for _, s := range c.says {
				if !strings.Contains(all, s) {
					t.Errorf("diagnosis lacks %q:\n%s", s, all)
				}
			}
		})
	}
}

// The same path with GET keeps the GET rules: the method is not a hint.
func TestMethodDefaultsToGET(t *testing.T) {
	d := Diagnose(input(403, "/users/u1", graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."), appClaims("Mail.Read")))
	if d == nil || d.Kind != KindMissingRole || slices.Contains(d.Missing, "User.ReadWrite.All") || !strings.Contains(d.Cause, "GET ") {
		t.Errorf("%+v", d)
	}
}

// The evidence names the method looked up, not GET.
func TestWriteEvidenceNamesMethod(t *testing.T) {
	in := input(403, "/users/adele@contoso.com/sendMail", graphError(403, "ErrorAccessDenied", "Access is denied."), appClaims("Group.Read.All"))
	in.Method = "POST"
	d := Diagnose(in)
	if d == nil {
		t.Fatal("no diagnosis")
	}
	for _, e := range d.Evidence {
		if e.Label == "endpoint" && !strings.HasPrefix(e.Value, "POST /users/{id}/sendmail") {
			t.Errorf("endpoint evidence %q, want the POST pattern", e.Value)
		}
	}
	in = input(403, "/nowhere/x", graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."), appClaims("Group.Read.All"))
	in.Method = "DELETE"
	if d := Diagnose(in); d != nil && !slices.ContainsFunc(d.Evidence, func(e Evidence) bool { return e.Label == "endpoint" && strings.HasPrefix(e.Value, "DELETE /nowhere/x") }) {
		t.Errorf("an unknown path's evidence: %+v", d.Evidence)
	}
}
