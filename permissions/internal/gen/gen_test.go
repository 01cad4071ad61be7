package main

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/internal/refdata"
	"github.com/graphtui/graphtui/internal/refdata/refdatatest"
)

// loadReference reads the reference data beside the repository; the test
// is skipped where it is absent.
func loadReference(t *testing.T) *reference {
	t.Helper()
	return newReference(refdatatest.Permissions(t), refdatatest.Deployments(t))
}

// The committed index is what the generator makes of the reference.
func TestCommittedIndexIsGenerated(t *testing.T) {
	ref := loadReference(t)
	var got bytes.Buffer
	if _, err := write(&got, ref); err != nil {
		t.Fatal(err)
	}
	refdatatest.Committed(t, "../../index.gen.txt.gz", got.Bytes(), "go generate ./permissions")
}

// A small reference covering each ranking rule.
const sample = `{"permissions": {
 "Foo.Read.All": {"authorizationType": "oAuth2",
  "schemes": {"Application": {"privilegeLevel": 3}, "DelegatedWork": {"privilegeLevel": 3}},
  "pathSets": [{"schemeKeys": ["DelegatedWork", "Application"], "methods": ["GET"],
   "paths": {"/foos": "", "/foos/{id}": "least=DelegatedWork", "/Foos/{foo-id}/bars": "least=Application"}},
   {"schemeKeys": ["Application"], "methods": ["POST"], "paths": {"/foos/{id}/link": "AlsoRequires=Zed.ReadWrite.All"}}]},
 "Foo.ReadWrite.All": {"authorizationType": "oAuth2",
  "schemes": {"Application": {"privilegeLevel": 4}},
  "pathSets": [{"schemeKeys": ["Application"], "methods": ["GET", "POST"],
   "paths": {"/foos": "least=Application", "/foos/{id}": "least=Application"}}]},
 "Foo.ReadBasic.All": {"authorizationType": "oAuth2",
  "schemes": {"Application": {"privilegeLevel": 2}},
  "pathSets": [{"schemeKeys": ["Application"], "methods": ["GET"],
   "paths": {"/foos/{id}/bars": "least=Application", "/foos?$filter=x eq '{id}'": "least=Application"}},
   {"schemeKeys": ["Application"], "methods": ["POST"], "paths": {"/foos": "least=Application;AlsoRequires=Foo.ReadWrite.All"}}]},
 "Zed.ReadWrite.All": {"authorizationType": "oAuth2",
  "schemes": {"Application": {"privilegeLevel": 4}},
  "pathSets": [{"schemeKeys": ["Application"], "methods": ["POST"],
   "paths": {"/foos/{id}/link": "least=Application;AlsoRequires=Foo.Read.All,Nope.Read.All"}},
   {"schemeKeys": ["Application"], "methods": ["DELETE"], "paths": {"/foos/{id}/link": "least=Application"}}]},
 "Foo.Read.All.Link": {"authorizationType": "oAuth2",
  "schemes": {"Application": {"privilegeLevel": 1, "adminDisplayName": "x"}},
  "pathSets": [{"schemeKeys": ["Application"], "methods": ["POST"], "paths": {"/foos/{id}/link": ""}}]},
 "Foo.Read.Group": {"authorizationType": "RSC",
  "schemes": {"Application": {"privilegeLevel": 1}},
  "pathSets": [{"schemeKeys": ["Application"], "methods": ["GET"], "paths": {"/foos/{id}/bars": "least=Application"}}]},
 "Foo.Read": {"authorizationType": "oAuth2",
  "schemes": {"DelegatedWork": {"privilegeLevel": 1}, "Application": {"adminDisplayName": "", "requiresAdminConsent": true}},
  "pathSets": [{"schemeKeys": ["DelegatedWork", "Application"], "methods": ["GET"], "paths": {"/me/foos": "least=DelegatedWork,Application", "/reports{id}/x": "", "/foos": "least=Application"}}]}
}}`

// sampleRoles deploys every sample permission but Foo.Read as an app role:
// Foo.Read's Application scheme has no name, no level and no role, so it is
// a phantom.
const sampleRoles = `{"permissionDeployments": {
 "Foo.Read.All": [{"scheme": "Application"}], "Foo.ReadWrite.All": [{"scheme": "Application"}],
 "Foo.ReadBasic.All": [{"scheme": "Application"}], "Foo.Read.Group": [{"scheme": "Application"}],
 "Zed.ReadWrite.All": [{"scheme": "Application", "id": "11111111-2222-3333-4444-555555555555", "environment": "public"}],
 "Foo.Read": [{"scheme": "DelegatedWork"}]}}`

func sampleReference(t *testing.T) *reference {
	t.Helper()
	perms, err := refdata.ReadPermissions(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	deployments, err := refdata.ReadDeployments(strings.NewReader(sampleRoles))
	if err != nil {
		t.Fatal(err)
	}
	return newReference(perms, deployments)
}

func generateSample(t *testing.T) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := write(&buf, sampleReference(t)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestRankingRules(t *testing.T) {
	lines := map[string]string{}
	for _, l := range strings.Split(generateSample(t), "\n") {
		if strings.HasPrefix(l, "/") {
			pattern, perms, _ := strings.Cut(l, "\t")
			lines[pattern] = perms
		}
	}
	// Permission lines are sorted: Foo.Read.All 0, Foo.Read.All.Link 1,
	// Foo.Read.Group 2, Foo.ReadBasic.All 3, Foo.ReadWrite.All 4,
	// Zed.ReadWrite.All 5 (Foo.Read's Application scheme is a phantom:
	// dropped, although flagged least).
	for pattern, want := range map[string]string{
		// The only Application flag is on a [GET, POST] pathSet for a write
		// name: it is about POST, where it is least, and not about GET,
		// where the GET-only read name wins. Foo.ReadBasic.All needs
		// Foo.ReadWrite.All for POST, which is enough alone: no pair.
		"/foos": "G\t0*\t4\tP\t4*",
		// Same, and the delegated flag agrees.
		"/foos/{id}": "G\t0*\t4\tP\t4*",
		// Both flagged on GET-only pathSets: lower privilege wins; RSC
		// comes after tenant-wide whatever its level, marked + as the
		// reference flags it. The two spellings are one pattern, shown in
		// camelCase.
		"/Foos/{foo-id}/bars": "G\t3*\t0\t2+",
		// Delegated only (the phantom does not count): kept, not callable
		// app-only.
		"/me/foos": "G",
		// A slash the reference lost before a placeholder is restored.
		"/reports/{id}/x": "G",
		// POST needs Zed.ReadWrite.All with Foo.Read.All (listed from both
		// sides, one pair, the writing one first, flagged least so
		// marked *, as no single permission is flagged); Nope.Read.All is
		// no permission, so no pair. An unflagged single permission
		// still allows it. DELETE lists Zed.ReadWrite.All alone.
		"/foos/{id}/link": "P\t1*\t5&0*\tD\t5*",
	} {
		got, ok := lines[pattern]
		if !ok {
			t.Errorf("pattern %s missing; have %v", pattern, lines)
			continue
		}
		if got != want {
			t.Errorf("%s: permissions %q, want %q", pattern, got, want)
		}
	}
	if len(lines) != 6 {
		t.Errorf("got %d patterns, want 6 (a pattern with a query is left out): %v", len(lines), lines)
	}
}

// Permission lines carry the app role id, "-" when the reference has
// none, and partners that are no permission are reported.
func TestAppRoleIDsAndLostPartners(t *testing.T) {
	out := generateSample(t)
	for _, want := range []string{"Zed.ReadWrite.All\t4\t11111111-2222-3333-4444-555555555555\n", "Foo.Read.All\t3\t-\n", "Foo.Read.Group\t1\t-\trsc\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("index lacks %q:\n%s", want, out)
		}
	}
	st, err := write(io.Discard, sampleReference(t))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.lostPartners, []string{"Nope.Read.All"}) || st.combinations != 1 {
		t.Errorf("lost partners %v, pairs %d; want [Nope.Read.All], 1", st.lostPartners, st.combinations)
	}
}

// A phantom Application scheme is neither a permission line nor a grant,
// and the index names it in a comment.
func TestPhantomsAreDropped(t *testing.T) {
	out := generateSample(t)
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "Foo.Read\t") {
			t.Errorf("phantom Foo.Read has a permission line: %q", l)
		}
	}
	if !strings.Contains(out, "left out: Foo.Read\n") {
		t.Errorf("the index does not name the phantom it left out:\n%s", out)
	}
	if ref := sampleReference(t); !ref.phantom("Foo.Read") || ref.phantom("Foo.Read.All") {
		t.Error("phantom: Foo.Read is one, Foo.Read.All is not")
	}
}

// The rule on the real reference: the 13 known phantoms, and not the named
// Place.ReadWrite.All that provisioningInfo.json happens to lack.
func TestPhantomsOfTheReference(t *testing.T) {
	ref := loadReference(t)
	_, _, _, _, st := build(ref)
	for _, name := range []string{"Calendars.ReadBasic", "Financials.ReadWrite.All", "EduRoster.WriteWrite.All",
		"TeamsAppInstallation.ReadWriteSelfForTeam", "Tasks.Read", "OrgContact.Read"} {
		if !slices.Contains(st.phantoms, name) {
			t.Errorf("%s is not dropped; dropped: %v", name, st.phantoms)
		}
	}
	for _, name := range []string{"Place.ReadWrite.All", "Calendars.ReadBasic.All", "ChannelMessage.Read.Group"} {
		if slices.Contains(st.phantoms, name) {
			t.Errorf("%s is a real application permission, yet dropped", name)
		}
	}
	t.Logf("%d phantoms: %v", len(st.phantoms), st.phantoms)
	if twin, ok := ref.standsFor("Calendars.ReadBasic"); !ok || twin != "Calendars.ReadBasic.All" {
		t.Errorf("Calendars.ReadBasic's paths belong to %q, want Calendars.ReadBasic.All", twin)
	}
	for _, name := range []string{"Tasks.Read", "OrgContact.Read", "Financials.ReadWrite.All"} {
		if twin, ok := ref.standsFor(name); ok {
			t.Errorf("%s's paths went to %s, which has paths of its own", name, twin)
		}
	}
}

// Map order differs between runs; the output must not.
func TestOutputIsDeterministic(t *testing.T) {
	first := generateSample(t)
	for range 20 {
		if got := generateSample(t); got != first {
			t.Fatalf("two runs differ:\n%s\n---\n%s", first, got)
		}
	}
}

func TestReadOnly(t *testing.T) {
	for name, want := range map[string]bool{
		"User.Read.All": true, "User.ReadBasic.All": true, "Mail.Read": true,
		"User.ReadWrite.All": false, "Sites.Manage.All": false, "Mail.Send": false,
		"Sites.Selected": false, "Sites.FullControl.All": false, "Group.Create": false,
		"TeamsAppInstallation.ReadWriteSelfForChat": false, "Weird": false,
	} {
		if got := readOnly(name); got != want {
			t.Errorf("readOnly(%s) = %v, want %v", name, got, want)
		}
	}
}
