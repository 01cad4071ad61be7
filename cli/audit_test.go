package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/graphtui/graphtui/audit"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/profiles"
)

// goldenReports are fixed audits: an app registration with too much, and
// a managed identity short of one role.
func goldenReports() map[string]*audit.Report {
	list := func(s string) []audit.Call {
		calls, err := audit.ParseList(strings.NewReader(s))
		if err != nil {
			panic(err)
		}
		return calls
	}
	return map[string]*audit.Report{
		"app": audit.Build(audit.Input{
			Profile:     profiles.Profile{Name: "daemon", Tenant: "contoso.onmicrosoft.com", ClientID: "11111111-2222-3333-4444-555555555555"},
			Granted:     []string{"Directory.ReadWrite.All", "User.Read.All", "Mail.Read"},
			PrincipalID: "aaaaaaaa-0000-0000-0000-000000000001",
			Calls: list(`GET /users?$select=id,displayName,mail
/users?$select=displayName,signInActivity
GET /groups
/groups/1/members
GET /auditLogs/signIns
GET /me
GET /contoso/widgets`),
		}),
		"managed_identity": audit.Build(audit.Input{
			Profile:     profiles.Profile{Name: "nightly", Tenant: "contoso.onmicrosoft.com", ManagedIdentity: "system"},
			Granted:     []string{"Group.Read.All", "User.Read.All"},
			PrincipalID: "aaaaaaaa-0000-0000-0000-000000000002",
			Calls:       list("GET /users?$select=id,displayName\nGET /auditLogs/signIns"),
		}),
	}
}

// Refresh with: go test ./cli -run TestAuditGolden -update
func TestAuditGoldenText(t *testing.T) {
	for name, r := range goldenReports() {
		t.Run(name, func(t *testing.T) {
			golden.RequireEqual(t, []byte(r.Text()))
		})
	}
}

func TestAuditGoldenJSON(t *testing.T) {
	for name, r := range goldenReports() {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := (&App{Out: &b}).printAuditJSON(r); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, b.Bytes())
		})
	}
}

// The demo's reader app holds eight read permissions; its calls from a
// file need three, two of them narrower than what it uses today.
func TestAuditDemoReaderFromFile(t *testing.T) {
	d := newDemo(t)
	r := runOK(t, d.env(), "audit", "-p", demo.ProfileReader, "--from", "testdata/audit_calls.txt")
	wantIn(t, "stdout", r.out,
		"Audit of contoso-reader (secret): 5 calls, 1 unknown, 1 the token cannot make",
		"  - Sites.Read.All is granted but no call needs it.",
		"  - User.Read.All is granted but no call needs it; User.ReadBasic.All covers the reads (today GET /users?$select=id,displayName,mail uses it).",
		"  - Reports.Read.All is needed and not granted: the current token cannot make GET /reports/getEmailActivityCounts(period='D7').",
		"The change lowers the app's highest privilege level from 4 to 3.",
		"Remove (8)",
		"  GET /contoso/widgets",
		"adminconsent?client_id="+demo.ClientIDReader,
	)

	j := run(t, d.env(), "audit", "-p", demo.ProfileReader, "--from", "testdata/audit_calls.txt", "--json")
	if j.code != 0 {
		t.Fatalf("--json: exit %d: %s", j.code, j.err)
	}
	var rep struct {
		Needed  []string `json:"needed"`
		Granted []string `json:"granted"`
		Remove  []struct {
			Permission string `json:"permission"`
			AppRoleID  string `json:"app_role_id"`
		} `json:"remove"`
		Calls []struct {
			Method    string   `json:"method"`
			URL       string   `json:"url"`
			Pattern   string   `json:"pattern"`
			Least     []string `json:"least"`
			CoveredBy []string `json:"covered_by"`
		} `json:"calls"`
		Unknown []audit.Call `json:"unknown"`
	}
	if err := json.Unmarshal([]byte(j.out), &rep); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, j.out)
	}
	var removed []string
	for _, c := range rep.Remove {
		removed = append(removed, c.Permission)
		if c.AppRoleID == "" {
			t.Errorf("%s has no app role id", c.Permission)
		}
	}
	wantRemoved := []string{"Application.Read.All", "AuditLog.Read.All", "Group.Read.All", "GroupMember.Read.All", "Mail.Read", "Organization.Read.All", "Sites.Read.All", "User.Read.All"}
	if !slices.Equal(removed, wantRemoved) || !slices.Equal(rep.Needed, []string{"Group.ReadBasic.All", "Reports.Read.All", "User.ReadBasic.All"}) {
		t.Errorf("remove %q needed %q", removed, rep.Needed)
	}
	if len(rep.Calls) != 4 || rep.Calls[0].Pattern != "/users" || !slices.Equal(rep.Calls[0].CoveredBy, []string{"User.Read.All"}) ||
		len(rep.Unknown) != 1 || rep.Unknown[0].URL != "/contoso/widgets" {
		t.Errorf("calls %+v unknown %+v", rep.Calls, rep.Unknown)
	}
}

func TestAuditFromHAR(t *testing.T) {
	d := newDemo(t)
	r := runOK(t, d.env(), "audit", "-p", demo.ProfileMailBlocked, "--from", "../audit/testdata/session.har")
	if !strings.Contains(r.err, "note: skipped 3 requests") {
		t.Errorf("stderr lacks the skipped count: %s", r.err)
	}
	// Mail.Read is granted and no recorded call reads mail.
	wantIn(t, "stdout", r.out, "POST https://graph.microsoft.com/v1.0/users/adele@contoso.com/sendMail", "least Mail.Send · uses Mail.Send today", "- Mail.Read is granted but no call needs it.")
}

func TestAuditFromHistory(t *testing.T) {
	d := newDemo(t)
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	path, err := history.DefaultPath()
	if err != nil || !strings.HasPrefix(path, state) {
		t.Fatalf("history path %q, %v: XDG_STATE_HOME not honoured here", path, err)
	}
	empty := run(t, d.env(), "audit", "-p", demo.ProfileWrongRole, "--from", "history")
	if empty.code != 2 || !strings.Contains(empty.err, `has no requests of profile "wrong-role"`) {
		t.Errorf("empty history: exit %d, %s", empty.code, empty.err)
	}
	h, _ := history.Load(path)
	h.Add(history.Entry{Profile: demo.ProfileWrongRole, Path: "/groups", Time: time.Now()})
	h.Add(history.Entry{Profile: demo.ProfileReader, Path: "/auditLogs/signIns", Time: time.Now()})
	if err := h.Save(); err != nil {
		t.Fatal(err)
	}
	r := runOK(t, d.env(), "audit", "-p", demo.ProfileWrongRole, "--from", "history")
	if !strings.Contains(r.out, ": 1 call, 0 unknown") || strings.Contains(r.out, "auditLogs") ||
		!strings.Contains(r.out, "- Group.ReadBasic.All is enough for GET /groups, which uses Group.Read.All today.") {
		t.Errorf("stdout:\n%s", r.out)
	}
}

func TestAuditUsageErrors(t *testing.T) {
	d := newDemo(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"audit", "-p", demo.ProfileReader}, `required flag(s) "from" not set`},
		{[]string{"audit", "-p", demo.ProfileReader, "--from", filepath.Join(dir, "missing.txt")}, "no such file"},
		{[]string{"audit", "-p", demo.ProfileReader, "--from", write("empty.txt", "# nothing yet\n\n")}, "no calls in it; write one a line"},
		{[]string{"audit", "-p", demo.ProfileReader, "--from", write("bad.txt", "/users\nFETCH /groups\n")}, `line 2: unknown method "FETCH"`},
		{[]string{"audit", "-p", demo.ProfileReader, "--from", write("bad.har", `{"entries":[]}`)}, "not a HAR file"},
		{[]string{"audit", "-p", demo.ProfileReader, "--from", write("other.har", `{"log":{"entries":[{"request":{"method":"GET","url":"https://example.com/x"}}]}}`)}, "no request to a Graph host"},
	}
	for _, c := range cases {
		r := run(t, d.env(), c.args...)
		if r.code != 2 || !strings.Contains(r.err, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.err, c.want)
		}
	}
}

// A token failure is diagnosed as get would, with exit 1.
func TestAuditTokenFailure(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "audit", "-p", demo.ProfileWrongSecret, "--from", "testdata/audit_calls.txt")
	if r.code != 1 || !strings.Contains(r.err, "AADSTS7000215") || r.out != "" {
		t.Errorf("exit %d, stdout %q, stderr %s", r.code, r.out, r.err)
	}
}

// URLs from a file or a recording never drive the terminal.
func TestAuditOutputIsTerminalSafe(t *testing.T) {
	d := newDemo(t)
	p := filepath.Join(t.TempDir(), "calls.txt")
	if err := os.WriteFile(p, []byte("GET /users/\x1b]52;c;aGk=\x07x\u009b?$select=id\nGET /x\x1b[2J\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--from", p}, {"--from", p, "--json"}} {
		r := runOK(t, d.env(), append([]string{"audit", "-p", demo.ProfileReader}, args...)...)
		if strings.ContainsAny(r.out, "\x1b\x07\u009b") {
			t.Errorf("%q: control characters reached stdout:\n%q", args, r.out)
		}
	}
}
