package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/permissions"
)

// Each demo story's failure, as `graphtui get` diagnoses it on stderr.

// least is what the permission reference calls least privileged for path,
// as the diagnosis words it.
func least(t *testing.T, path string) []string {
	t.Helper()
	m, ok := permissions.Lookup(path)
	if !ok || len(m.Least) == 0 {
		t.Fatalf("the permission reference has no least-privileged permission for %s", path)
	}
	return m.Least
}

func wantDiagnosis(t *testing.T, r result, kind doctor.Kind, says ...string) {
	t.Helper()
	if r.code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", r.code, r.err)
	}
	if !strings.Contains(r.err, "["+string(kind)+"]") {
		t.Fatalf("stderr is not a %s diagnosis:\n%s", kind, r.err)
	}
	for _, s := range says {
		if !strings.Contains(r.err, s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.err)
		}
	}
}

func TestDiagnoseNoConsent(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "/users", "-p", demo.ProfileNoConsent)
	wantDiagnosis(t, r, doctor.KindNoRoles,
		"roles:", "none (no roles claim)",
		d.tenant.LoginURL()+"/"+d.tenant.TenantID()+"/adminconsent?client_id="+demo.ClientIDNoConsent,
		"graphtui token --refresh -p no-consent")
}

func TestDiagnoseWrongRoleNamesTheLeastPrivilegedPermission(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "/users", "-p", demo.ProfileWrongRole)
	want := least(t, "/users")
	wantDiagnosis(t, r, doctor.KindMissingRole,
		"Add the application permission "+strings.Join(want, " or "),
		"roles:", "Group.Read.All",
		"least privileged:", "endpoint:", "GET /users",
		"request-id:")
}

func TestDiagnoseMailboxOutsideTheAccessPolicy(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "/users/"+demo.MailboxBlocked+"/messages", "-p", demo.ProfileMailBlocked)
	wantDiagnosis(t, r, doctor.KindExchangePolicy,
		"Test-ServicePrincipalAuthorization -Identity "+demo.ClientIDMailBlocked+" -Resource "+demo.MailboxBlocked,
		"Test-ApplicationAccessPolicy -Identity "+demo.MailboxBlocked)
	// The mailbox inside the policy opens: the diagnosis is about scoping,
	// not about the permission.
	if ok := run(t, d.env(), "get", "/users/"+demo.MailboxOpen+"/messages", "-p", demo.ProfileMailBlocked); ok.code != 0 {
		t.Fatalf("the support mailbox should open: %s", ok.err)
	}
}

func TestDiagnoseSitesSelected(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "/sites/root", "-p", demo.ProfileCert)
	wantDiagnosis(t, r, doctor.KindSitesSelected,
		"POST /sites/{site-id}/permissions", `"id":"`+demo.ClientIDCert+`"`, "Sites.Selected")
}

func TestDiagnoseTeamsNeedsRSCOrATenantWidePermission(t *testing.T) {
	d := newDemo(t)
	path := "/teams/" + demo.TeamIDAllCompany + "/channels"
	r := run(t, d.env(), "get", path, "-p", demo.ProfileCert)
	wantDiagnosis(t, r, doctor.KindTeamsRSC, "resourceSpecific", "ChannelSettings.Read.Group", least(t, path)[0])
	if ok := run(t, d.env(), "get", path); ok.code != 0 {
		t.Fatalf("contoso-reader has Group.Read.All and should list channels: %s", ok.err)
	}
}

func TestDiagnoseMeWithAppToken(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "/me/messages")
	wantDiagnosis(t, r, doctor.KindMeWithAppToken, "/users/{id or userPrincipalName}/messages")
}

func TestDiagnoseWrongAudience(t *testing.T) {
	d := newDemo(t)
	// The reader app asking for a token for another API of the tenant.
	cfg, err := os.ReadFile(d.config)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(d.config)
	extra := fmt.Sprintf(`
[profiles.hr-api]
tenant = %q
client_id = %q
client_secret = "file:%s"
authority_host = %q
graph_host = %q
ca_file = %q
scope = %q
`, d.tenant.TenantID(), demo.ClientIDReader, filepath.Join(dir, demo.ProfileReader+".secret"), d.tenant.LoginURL(), d.tenant.GraphURL(),
		filepath.Join(dir, "ca.pem"), demo.HRAPIResource+"/.default")
	if err := os.WriteFile(d.config, append(cfg, extra...), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, d.env(), "get", "/users", "-p", "hr-api")
	wantDiagnosis(t, r, doctor.KindWrongAudience, demo.HRAPIResource, d.tenant.GraphURL()+"/.default")
}

func TestDiagnoseWrongSecret(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "get", "/users", "-p", demo.ProfileWrongSecret)
	cause, next, _ := auth.Explain(7000215)
	wantDiagnosis(t, r, doctor.KindTokenError, "AADSTS7000215", "trace id:", "correlation id:", sentence(cause), next)
}

// TestDiagnoseEveryAADSTSProfile: every token failure the demo can cause
// is diagnosed with auth's cause and next step; consent problems also get
// the consent URL.
func TestDiagnoseEveryAADSTSProfile(t *testing.T) {
	_, cfg := demotest.StartAll(t, demo.Options{})
	env := map[string]string{"GRAPHTUI_CONFIG": cfg}
	for code, profile := range demo.AADSTSProfiles {
		r := run(t, env, "get", "/users", "-p", profile)
		cause, next, _ := auth.Explain(code)
		says := []string{fmt.Sprintf("AADSTS%d", code), sentence(cause), next}
		if code == 700016 {
			says = append(says, "adminconsent?client_id="+demo.ClientIDUnregistered)
		}
		t.Run(profile, func(t *testing.T) { wantDiagnosis(t, r, doctor.KindTokenError, says...) })
	}
}

func TestPrintDiagnosisDropsControlCharacters(t *testing.T) {
	var errb bytes.Buffer
	a := &App{Err: &errb}
	a.printDiagnosis(&doctor.Diagnosis{
		Kind: doctor.KindUnknown, Title: "t\x1b[2J", Cause: "c\x07",
		Evidence: []doctor.Evidence{{Label: "message", Value: "a\x1b]0;pwned\x07b\nc"}},
		Next:     []string{"one", "two"},
	})
	out := errb.String()
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("control characters reached the terminal: %q", out)
	}
	wantIn(t, "output", out, "Diagnosis: t[2J [unknown]", "Cause: C.", "  message: a]0;pwnedb c", "Next:\n  1. one\n  2. two\n")
}
