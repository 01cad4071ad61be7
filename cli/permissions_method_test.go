package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPermissionsMethod(t *testing.T) {
	r := run(t, noConfig, "permissions", "/users/adele@contoso.com/sendMail", "--method", "post")
	if r.code != 0 || !strings.Contains(r.out, "Least-privileged application permission for POST:\n  Mail.Send") {
		t.Errorf("sendMail: exit %d:\n%s%s", r.code, r.out, r.err)
	}
	r = run(t, noConfig, "permissions", "/servicePrincipals/x/appRoleAssignedTo", "--method", "POST")
	if r.code != 0 || !strings.Contains(r.out, "needed together:\n  AppRoleAssignment.ReadWrite.All together with Application.Read.All") {
		t.Errorf("a combination: exit %d:\n%s%s", r.code, r.out, r.err)
	}
	// Listed for POST only: GET says which methods it is listed for.
	r = run(t, noConfig, "permissions", "/users/adele@contoso.com/sendMail")
	if r.code != 1 || !strings.Contains(r.err, "for POST only, not GET") {
		t.Errorf("sendMail for GET: exit %d: %s", r.code, r.err)
	}
	if r := run(t, noConfig, "permissions", "/users", "--method", "HEAD"); r.code != 2 || !strings.Contains(r.err, "unknown --method") {
		t.Errorf("unknown method: exit %d: %s", r.code, r.err)
	}
}

func TestPermissionsMethodJSON(t *testing.T) {
	r := runOK(t, noConfig, "permissions", "/servicePrincipals/x/appRoleAssignedTo", "--method", "POST", "--json")
	var got struct {
		Method       string
		Combinations []struct {
			Permissions []string
			Least       bool
		}
	}
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	if got.Method != "POST" || len(got.Combinations) == 0 || !got.Combinations[0].Least ||
		strings.Join(got.Combinations[0].Permissions, " ") != "AppRoleAssignment.ReadWrite.All Application.Read.All" {
		t.Errorf("method %q combinations %+v", got.Method, got.Combinations)
	}
	r = run(t, noConfig, "permissions", "/users", "--json")
	if !strings.Contains(r.out, `"method":"GET"`) || !strings.Contains(r.out, `"combinations":[]`) {
		t.Errorf("GET by default, combinations always a list: %s", r.out)
	}
}

func TestPermissionsRole(t *testing.T) {
	r := runOK(t, noConfig, "permissions", "--role", "mail.send")
	wantIn(t, "output", r.out, "permission   Mail.Send (application)", "app role id  b633e1c5-b582-4048-a93e-9f11b44c7e96", "privilege    ", "\nusers (", "POST  /users/{id}/sendmail")
	r = run(t, noConfig, "permissions", "--role", "AppRoleAssignment.ReadWrite.All")
	if !strings.Contains(r.out, "together with Application.Read.All") {
		t.Errorf("a permission needed with another does not say so:\n%s", r.out)
	}

	r = run(t, noConfig, "permissions", "--role", "Mail.Send", "--json")
	var got struct {
		Name, ID  string
		Privilege int
		Resources []struct {
			Name    string
			Allowed []struct {
				Method, Pattern string
				Least           bool
				With            []string
			}
		}
	}
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	if got.Name != "Mail.Send" || got.ID == "" || got.Privilege == 0 || len(got.Resources) == 0 || got.Resources[0].Allowed[0].With == nil {
		t.Errorf("--role --json: %+v", got)
	}

	for _, c := range []struct{ typed, want string }{
		{"Mail.Sned", "did you mean Mail.Send?"},
		{"User.Read.Al", "User.Read.All"},
		{"nothing-like-it-at-all", "names look like"},
	} {
		r := run(t, noConfig, "permissions", "--role", c.typed)
		if r.code != 1 || !strings.Contains(r.err, c.want) {
			t.Errorf("--role %s: exit %d, want 1 and %q: %s", c.typed, r.code, c.want, r.err)
		}
	}
	if r := run(t, noConfig, "permissions", "/users", "--role", "Mail.Send"); r.code != 2 {
		t.Errorf("PATH and --role: exit %d, want 2", r.code)
	}
}
