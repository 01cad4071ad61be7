package demo

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// send makes one Graph request to the demo with a profile's real token.
func send(t *testing.T, tn *Tenant, token, method, path, body string) (int, []byte, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, tn.GraphURL()+"/v1.0"+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := tn.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header.Get("Content-Type")
}

// certToken is a token of the HR Sync app (certificate credential).
func certToken(t *testing.T, tn *Tenant) string {
	t.Helper()
	cert, key := certAndKey(t, tn, ProfileCert)
	status, body := postToken(t, tn, TenantGUID, assertionForm(ClientIDCert,
		clientAssertion(t, cert, key, ClientIDCert, tn.TokenEndpoint(), time.Now(), "PS256"), graphScope(tn)))
	if status != http.StatusOK {
		t.Fatalf("cert token: %d %v", status, body)
	}
	return body["access_token"].(string)
}

// tokenOf gets a profile's token, secret or certificate.
func tokenOf(t *testing.T, tn *Tenant, profile string) string {
	if profile == ProfileCert {
		return certToken(t, tn)
	}
	return tokenFor(t, tn, profile)
}

// The writes change the tenant in memory, and a new tenant starts afresh.
func TestWritesInMemory(t *testing.T) {
	tn := startTenant(t, Options{})
	tok := certToken(t, tn)
	expect := func(method, path, body string, want int) []byte {
		t.Helper()
		status, b, _ := send(t, tn, tok, method, path, body)
		if status != want {
			t.Fatalf("%s %s: HTTP %d %s, want %d", method, path, status, b, want)
		}
		return b
	}
	created := expect("POST", "/users", `{"accountEnabled":true,"displayName":"Jo Park","mailNickname":"jopark","userPrincipalName":"jo.park@`+CompanyDomain+`","passwordProfile":{"password":"x"}}`, 201)
	var u struct{ ID, DisplayName string }
	if err := json.Unmarshal(created, &u); err != nil || u.ID == "" || u.DisplayName != "Jo Park" {
		t.Fatalf("created %s: %v", created, err)
	}
	expect("POST", "/users", `{"accountEnabled":true,"displayName":"Jo","mailNickname":"jo","userPrincipalName":"jo.park@`+CompanyDomain+`","passwordProfile":{"password":"x"}}`, 400)
	expect("PATCH", "/users/jo.park@"+CompanyDomain, `{"jobTitle":"Analyst"}`, 204)
	if b := expect("GET", "/users/"+u.ID+"?$select=jobTitle", "", 200); !bytes.Contains(b, []byte(`"Analyst"`)) {
		t.Errorf("PATCH not applied: %s", b)
	}
	expect("POST", "/groups/"+groupAllCompanyID+"/members/$ref", `{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/`+u.ID+`"}`, 204)
	expect("POST", "/groups/"+groupAllCompanyID+"/members/$ref", `{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/`+u.ID+`"}`, 400)
	if b := expect("GET", "/users/"+u.ID+"/memberOf", "", 200); !bytes.Contains(b, []byte(groupAllCompanyID)) {
		t.Errorf("member not added: %s", b)
	}
	expect("DELETE", "/users/"+u.ID, "", 204)
	expect("GET", "/users/"+u.ID, "", 404)

	expect("PUT", "/users/"+u.ID, `{}`, 405)

	tok = tokenFor(t, tn, ProfileMailBlocked)
	expect("POST", "/users/"+MailboxOpen+"/sendMail", `{"message":{"subject":"Offline hello","toRecipients":[{"emailAddress":{"address":"ben.okafor@`+CompanyDomain+`"}}]}}`, 202)
	if b := expect("GET", "/users/"+MailboxOpen+"/mailFolders/sentitems/messages", "", 200); !bytes.Contains(b, []byte("Offline hello")) {
		t.Errorf("sent mail not in Sent Items: %s", b)
	}
	expect("POST", "/users/"+MailboxOpen+"/sendMail", `{"message":`, 400)

	again := startTenant(t, Options{})
	if status, _, _ := send(t, again, certToken(t, again), "GET", "/users/jo.park@"+CompanyDomain, ""); status != 404 {
		t.Errorf("a new tenant still has the user created in another: HTTP %d", status)
	}
}

// Each write story over HTTP, with a real demo token, through
// graph.ParseError and the doctor, as graphtui does.
func TestDoctorOnWrites(t *testing.T) {
	tn := startTenant(t, Options{})
	diego := "diego.alvarez@" + CompanyDomain
	mail := `{"message":{"subject":"x","toRecipients":[{"emailAddress":{"address":"a@b.c"}}]}}`
	for _, c := range []struct {
		name, profile, method, path, body string
		kind                              doctor.Kind
		missing                           []string
	}{
		{"sendMail without Mail.Send", ProfileWrongRole, "POST", "/users/" + MailboxOpen + "/sendMail", mail, doctor.KindMissingRole, []string{"Mail.Send"}},
		{"sendMail outside the access policy", ProfileMailBlocked, "POST", "/users/" + MailboxBlocked + "/sendMail", mail, doctor.KindExchangePolicy, nil},
		{"PATCH a user without User.ReadWrite.All", ProfileWrongRole, "PATCH", "/users/" + diego, `{"jobTitle":"x"}`, doctor.KindMissingRole, []string{"User.ReadWrite.All"}},
		{"PATCH an admin", ProfileCert, "PATCH", "/users/" + MailboxBlocked, `{"jobTitle":"x"}`, doctor.KindDirectoryRole, nil},
		{"PATCH a password", ProfileCert, "PATCH", "/users/" + diego, `{"passwordProfile":{"password":"x"}}`, doctor.KindDirectoryRole, nil},
		{"add a member without GroupMember.ReadWrite.All", ProfileWrongRole, "POST", "/groups/" + groupAllCompanyID + "/members/$ref",
			`{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/` + userIDOf("diego.alvarez") + `"}`, doctor.KindMissingRole, []string{"GroupMember.ReadWrite.All"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			token := tokenOf(t, tn, c.profile)
			claims, err := auth.DecodeClaims(token)
			if err != nil {
				t.Fatal(err)
			}
			status, body, ctype := send(t, tn, token, c.method, c.path, c.body)
			if status != 403 {
				t.Fatalf("HTTP %d %s, want 403", status, body)
			}
			ge := graph.ParseError(status, ctype, body)
			p := profiles.Profile{Name: c.profile, Tenant: tn.TenantID(), ClientID: tn.ClientID(c.profile), AuthorityHost: tn.LoginURL(), GraphHost: tn.GraphURL()}
			d := doctor.Diagnose(doctor.Input{Profile: p, Method: c.method, URL: tn.GraphURL() + "/v1.0" + c.path, Status: status, GraphError: ge, Claims: &claims, Now: time.Now()})
			if d == nil || d.Kind != c.kind {
				t.Fatalf("HTTP %d %q: diagnosis %+v, want %s", status, ge.Message, d, c.kind)
			}
			if c.missing != nil && !slices.Equal(d.Missing, c.missing) {
				t.Errorf("missing %v, want %v", d.Missing, c.missing)
			}
		})
	}
}

// The demo accepts the reference's least privileged permission for each
// write, and not a read-only one.
func TestWriteRolesMatchThePermissionsReference(t *testing.T) {
	loadWriteRoles()
	for _, wr := range writeRoutes {
		m, _ := permissions.LookupMethod(wr.method, "/"+strings.ReplaceAll(wr.pattern, "{}", "x1"))
		for _, p := range m.Pick() {
			if !slices.Contains(wr.roles, p) {
				t.Errorf("%s %s: the least privileged %s is refused (roles %v)", wr.method, wr.pattern, p, wr.roles)
			}
		}
		for _, read := range []string{"User.Read.All", "Mail.Read", "GroupMember.Read.All"} {
			if slices.Contains(wr.roles, read) {
				t.Errorf("%s %s: the read-only %s may write", wr.method, wr.pattern, read)
			}
		}
	}
}
