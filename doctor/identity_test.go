package doctor

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

func identityDemo(t *testing.T) (*demo.Tenant, *profiles.Config) {
	t.Helper()
	tn, path := demotest.StartAll(t, demo.Options{})
	cfg, err := profiles.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return tn, cfg
}

// A managed identity lacking the role for /users gets the app role
// assignment that grants it, over HTTP against the demo, and no consent URL.
func TestManagedIdentityRoleAssignmentAdvice(t *testing.T) {
	tn, cfg := identityDemo(t)
	for _, v := range []string{"IDENTITY_SERVER_THUMBPRINT", "IMDS_ENDPOINT", "MSI_ENDPOINT", "MSI_SECRET"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	for k, v := range tn.ManagedIdentityEnv() {
		t.Setenv(k, v)
	}
	p, _ := cfg.Get(demo.ProfileMIMissingRole)
	tok, err := auth.NewManager(auth.Options{}).Token(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	u := tn.GraphURL() + "/v1.0/users"
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Authorization", "Bearer "+tok.Raw())
	resp, err := tn.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	ge := graph.ParseError(resp.StatusCode, resp.Header.Get("Content-Type"), body)
	d := Diagnose(Input{Profile: p, URL: u, Status: resp.StatusCode, GraphError: ge, Claims: &tok.Claims, Now: time.Now()})
	if d == nil || d.Kind != KindMissingRole || resp.StatusCode != 403 {
		t.Fatalf("HTTP %d: diagnosis %+v", resp.StatusCode, d)
	}
	ra := d.RoleAssignment
	oid := tn.ManagedIdentityObjectID(demo.ProfileMIMissingRole)
	if ra == nil || len(d.Missing) == 0 || ra.Permission != d.Missing[0] || ra.PrincipalID != oid {
		t.Fatalf("role assignment %+v, missing %v", ra, d.Missing)
	}
	if id, ok := permissions.AppRoleID(ra.Permission); !ok || ra.AppRoleID != id {
		t.Errorf("app role id %q for %s", ra.AppRoleID, ra.Permission)
	}
	next := strings.Join(d.Next, "\n")
	for _, want := range []string{
		"POST " + tn.GraphURL() + "/v1.0/servicePrincipals/" + oid + "/appRoleAssignments",
		`"principalId":"` + oid + `"`, `"appRoleId":"` + ra.AppRoleID + `"`, "resourceId",
		"az rest --method POST", "New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId " + oid, "-AppRoleId " + ra.AppRoleID,
	} {
		if !strings.Contains(next, want) {
			t.Errorf("next steps lack %q:\n%s", want, next)
		}
	}
	if d.ConsentURL != "" || strings.Contains(next, "adminconsent") {
		t.Errorf("a managed identity was offered consent: %q\n%s", d.ConsentURL, next)
	}
}

// With no roles at all the cause names the missing assignment, not consent.
func TestManagedIdentityNoRoles(t *testing.T) {
	p := profiles.Profile{Name: "mi", ManagedIdentity: "system"}
	claims := &auth.Claims{IDType: "app", Other: []auth.Claim{{Name: "oid", Value: "0f9e8d7c-6b5a-4321-8765-43210fedcba9"}}}
	d := Diagnose(Input{Profile: p, URL: "https://graph.microsoft.com/v1.0/users", Status: 403, Claims: claims, Now: time.Now()})
	if d == nil || d.Kind != KindNoRoles || d.RoleAssignment == nil || d.ConsentURL != "" || !strings.Contains(d.Cause, "app role assignment") {
		t.Fatalf("diagnosis %+v", d)
	}
	// An app registration keeps its consent advice.
	app := profiles.Profile{Name: "app", Tenant: demo.TenantGUID, ClientID: demo.ClientIDNoConsent, ClientSecret: "env:X"}
	if d := Diagnose(Input{Profile: app, URL: "https://graph.microsoft.com/v1.0/users", Status: 403, Claims: claims, Now: time.Now()}); d.RoleAssignment != nil || d.ConsentURL == "" {
		t.Errorf("app registration: %+v", d)
	}
}

// AADSTS70021 shows what the workload presented, as evidence too.
func TestFederationErrorEvidence(t *testing.T) {
	_, cfg := identityDemo(t)
	p, _ := cfg.Get(demo.ProfileFederatedWrongSub)
	_, err := auth.NewManager(auth.Options{}).Token(context.Background(), p)
	d := Diagnose(Input{Profile: p, TokenErr: err, Now: time.Now()})
	if d == nil || d.Kind != KindTokenError || !strings.Contains(d.Title, "AADSTS70021") {
		t.Fatalf("diagnosis %+v", d)
	}
	ev := map[string]string{}
	for _, e := range d.Evidence {
		ev[e.Label] = e.Value
	}
	if ev["presented subject"] != demo.FederatedWrongSubject || ev["presented issuer"] != demo.FederatedIssuer {
		t.Errorf("evidence %v", ev)
	}
	if !strings.Contains(strings.Join(d.Next, " "), demo.FederatedWrongSubject) {
		t.Errorf("next steps %v", d.Next)
	}
}
