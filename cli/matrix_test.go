package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/session"
)

var storyProfiles = []string{demo.ProfileReader, demo.ProfileCert, demo.ProfileNoConsent, demo.ProfileWrongRole, demo.ProfileMailBlocked, demo.ProfileWrongSecret}

// gridRows reads the grid's rows by profile: the cells after the name.
func gridRows(t *testing.T, out string) map[string][]string {
	t.Helper()
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "PROFILE") {
		t.Fatalf("no header:\n%s", out)
	}
	rows := map[string][]string{}
	for _, l := range lines[1:] {
		if l == "" {
			break // the titles follow after a blank line
		}
		f := strings.Fields(l)
		rows[f[0]] = f[1:]
	}
	return rows
}

func TestMatrixGridListsEveryProfile(t *testing.T) {
	d := newDemo(t)
	r := runOK(t, d.env(), "matrix", "/users")
	rows := gridRows(t, r.out)
	leastUsers := strings.Join(least(t, "/users"), " or ")
	// status, error, roles, diagnosis, missing
	want := map[string][]string{
		demo.ProfileReader:      {"200", "-", itoa(len(d.tenant.Roles(demo.ProfileReader))), "-", "-"},
		demo.ProfileCert:        {"200", "-", itoa(len(d.tenant.Roles(demo.ProfileCert))), "-", "-"},
		demo.ProfileNoConsent:   {"401", "InvalidAuthenticationToken", "0", "no-roles", leastUsers},
		demo.ProfileWrongRole:   {"403", "Authorization_RequestDenied", "1", "missing-role", leastUsers},
		demo.ProfileMailBlocked: {"200", "-", itoa(len(d.tenant.Roles(demo.ProfileMailBlocked))), "-", "-"},
		demo.ProfileWrongSecret: {"-", "AADSTS7000215", "-", "token-error", "-"},
	}
	if len(rows) != len(want) {
		t.Errorf("%d rows, want %d:\n%s", len(rows), len(want), r.out)
	}
	for p, cells := range want {
		if !slices.Equal(rows[p], cells) {
			t.Errorf("%s: %q, want %q", p, rows[p], cells)
		}
	}
	if !strings.Contains(r.out, demo.ProfileWrongRole+"  ") || !strings.Contains(r.out, "The token has no permission this endpoint accepts") {
		t.Errorf("the failing rows' diagnosis titles should follow the grid:\n%s", r.out)
	}
	// One token per profile, however many workers asked.
	for _, p := range storyProfiles[:5] {
		if n := d.tenant.Stats().TokenRequests[d.tenant.ClientID(p)].Total(); n != 1 {
			t.Errorf("%s: %d token requests, want 1", p, n)
		}
	}
}

func TestMatrixJSON(t *testing.T) {
	d := newDemo(t)
	r := runOK(t, d.env(), "matrix", "/sites/root", "--json")
	var rep matrixReport
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatalf("--json output does not parse: %v\n%s", err, r.out)
	}
	if rep.Path != "/sites/root" {
		t.Errorf("path %q", rep.Path)
	}
	var got []string
	for _, row := range rep.Results {
		got = append(got, row.Profile)
	}
	if !slices.Equal(got, storyProfiles) {
		t.Fatalf("profiles %v, want config order %v", got, storyProfiles)
	}
	byName := map[string]session.MatrixRow{}
	for _, row := range rep.Results {
		byName[row.Profile] = row
	}
	if c := byName[demo.ProfileCert]; c.Status != 403 || c.Error != "accessDenied" || c.Kind != "sites-selected" || c.RequestID == "" {
		t.Errorf("contoso-cert: %+v", c)
	}
	if c := byName[demo.ProfileReader]; c.Status != 200 || c.Kind != "" || c.Roles == nil || *c.Roles != len(d.tenant.Roles(demo.ProfileReader)) {
		t.Errorf("contoso-reader: %+v", c)
	}
	if c := byName[demo.ProfileWrongRole]; c.Kind != "missing-role" || !slices.Equal(c.Missing, least(t, "/sites/root")) {
		t.Errorf("wrong-role: %+v", c)
	}
	if c := byName[demo.ProfileWrongSecret]; c.Status != 0 || c.Roles != nil || c.Error != "AADSTS7000215" || c.Kind != "token-error" {
		t.Errorf("wrong-secret: %+v", c)
	}
	if !strings.Contains(r.out, `"roles": null`) {
		t.Error("a profile without a token should have roles null, not 0")
	}
	for _, p := range storyProfiles {
		if s := d.tenant.Secret(p); s != "" && strings.Contains(r.all(), s) {
			t.Errorf("output contains the secret of %s", p)
		}
	}
	if strings.Contains(r.all(), "eyJ") {
		t.Errorf("output contains something JWT-shaped:\n%s", r.all())
	}
}

func TestMatrixChosenProfiles(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "matrix", "/groups", "-p", demo.ProfileWrongRole+","+demo.ProfileNoConsent, "--json")
	var rep matrixReport
	if r.code != 0 || json.Unmarshal([]byte(r.out), &rep) != nil {
		t.Fatalf("exit %d: %s%s", r.code, r.out, r.err)
	}
	if len(rep.Results) != 2 || rep.Results[0].Profile != demo.ProfileWrongRole || rep.Results[1].Profile != demo.ProfileNoConsent {
		t.Fatalf("want wrong-role then no-consent, got %+v", rep.Results)
	}
	if rep.Results[0].Status != 200 || rep.Results[1].Kind != "no-roles" {
		t.Errorf("got %+v", rep.Results)
	}

	bad := run(t, d.env(), "matrix", "/users", "-p", "nobody")
	if bad.code != 2 || !strings.Contains(bad.err, "nobody") || !strings.Contains(bad.err, demo.ProfileReader) {
		t.Errorf("unknown profile: exit %d: %s", bad.code, bad.err)
	}
	if none := run(t, d.env(), "matrix"); none.code != 2 {
		t.Errorf("no PATH: exit %d", none.code)
	}
	if n := d.tenant.Stats().GraphTotal(); n != 2 {
		t.Errorf("%d Graph requests, want 2 (the rejected command lines send nothing)", n)
	}
}
