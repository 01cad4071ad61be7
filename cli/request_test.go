package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/doctor"
)

const mailJSON = `{"message":{"subject":"Offline hello","toRecipients":[{"emailAddress":{"address":"ben.okafor@` + demo.CompanyDomain + `"}}]}}`

var sendMailPath = "/users/" + demo.MailboxOpen + "/sendMail"

// runAt runs graphtui with stdin in and, when terminal, stdin and stderr
// taken for terminals.
func runAt(t *testing.T, env map[string]string, in string, terminal bool, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	stdin := bytes.NewBufferString(in)
	app := &App{
		In: stdin, Out: &out, Err: &errb,
		LookupEnv:  func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		Build:      BuildInfo{Version: "test"}.withDefaults(),
		IsTerminal: func(w io.Writer) bool { return terminal && (w == io.Writer(stdin) || w == io.Writer(&errb)) },
	}
	code := app.Run(context.Background(), args)
	return result{code: code, out: out.String(), err: errb.String(), app: app}
}

// sent counts what reached the demo tenant: Graph requests and token
// requests.
func (d demoEnv) sent() int {
	s := d.tenant.Stats()
	n := s.GraphTotal()
	for _, c := range s.TokenRequests {
		n += c.Total()
	}
	return n
}

// writesOff is the demo's config with allow_writes taken out of every
// profile.
func (d demoEnv) writesOff(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(d.config)
	if err != nil {
		t.Fatal(err)
	}
	off := strings.ReplaceAll(string(b), "allow_writes = true\n", "")
	if off == string(b) {
		t.Fatal("the demo config has no allow_writes = true to take out")
	}
	path := filepath.Join(filepath.Dir(d.config), "writes-off.toml")
	if err := os.WriteFile(path, []byte(off), 0o600); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"GRAPHTUI_CONFIG": path}
}

func TestRequestGuardSendsNothingWithoutAllowWrites(t *testing.T) {
	d := newDemo(t)
	env := d.writesOff(t)
	for _, args := range [][]string{
		{"request", "POST", sendMailPath, "--body", mailJSON, "--yes", "-p", demo.ProfileMailBlocked},
		{"request", "DELETE", "/users/diego.alvarez@" + demo.CompanyDomain, "--yes", "-p", demo.ProfileCert},
		// The body is never read from stdin for a refused write.
		{"request", "PATCH", "/users/x", "--body", "-", "--yes", "-p", demo.ProfileCert},
	} {
		r := runAt(t, env, "{}", true, args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2:\n%s", args, r.code, r.err)
		}
		for _, want := range []string{"allow_writes = true", env["GRAPHTUI_CONFIG"], "Nothing was sent"} {
			if !strings.Contains(r.err, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, r.err)
			}
		}
	}
	if n := d.sent(); n != 0 {
		t.Errorf("%d requests reached the tenant", n)
	}
	// GET needs no allow_writes.
	if r := runAt(t, env, "", false, "request", "GET", "/groups", "-p", demo.ProfileWrongRole); r.code != 0 {
		t.Errorf("GET without allow_writes: exit %d %s", r.code, r.err)
	}
}

func TestRequestConfirmation(t *testing.T) {
	d := newDemo(t)
	args := []string{"request", "post", sendMailPath, "--body", mailJSON, "-p", demo.ProfileMailBlocked}

	r := runAt(t, d.env(), "", false, args...)
	if r.code != 2 || !strings.Contains(r.err, "--yes") || d.sent() != 0 {
		t.Fatalf("no terminal, no --yes: exit %d, %d requests sent:\n%s", r.code, d.sent(), r.err)
	}
	r = runAt(t, d.env(), mailJSON, false, append(args[:3:3], "--body", "-", "-p", demo.ProfileMailBlocked)...)
	if r.code != 2 || !strings.Contains(r.err, "--yes") || d.sent() != 0 {
		t.Fatalf("--body - without --yes: exit %d, %d requests sent:\n%s", r.code, d.sent(), r.err)
	}

	for _, answer := range []string{"n\n", "\n", ""} {
		r = runAt(t, d.env(), answer, true, args...)
		if r.code != 1 || !strings.Contains(r.err, "Not sent.") || d.sent() != 0 {
			t.Fatalf("answer %q: exit %d, %d requests sent:\n%s", answer, r.code, d.sent(), r.err)
		}
	}
	wantIn(t, "the question", r.err, "POST "+d.tenant.GraphURL()+"/v1.0"+sendMailPath, "profile  "+demo.ProfileMailBlocked, "tenant   "+d.tenant.TenantID(), "[y/N]")

	r = runAt(t, d.env(), "y\n", true, args...)
	if r.code != 0 || !strings.Contains(r.err, "202 Accepted") {
		t.Fatalf("answer y: exit %d:\n%s", r.code, r.err)
	}
	if n := d.tenant.Stats().GraphRequests["/v1.0"+sendMailPath]; n != 1 {
		t.Errorf("sendMail sent %d times, want once", n)
	}
}

func TestRequestBodyCheckedBeforeSending(t *testing.T) {
	d := newDemo(t)
	file := filepath.Join(t.TempDir(), "mail.json")
	if err := os.WriteFile(file, []byte("{\n  \"message\": {\n    \"subject\": \"x\",\n  }\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		body, want string
	}{
		{"@" + file, "--body @" + file + ": the body is not valid JSON: line 4, column 3"},
		{`{"a": tru}`, "line 1, column 10"},
		{"", "the body is empty"},
	} {
		r := run(t, d.env(), "request", "POST", sendMailPath, "--body", c.body, "--yes", "-p", demo.ProfileMailBlocked)
		if r.code != 2 || !strings.Contains(r.err, c.want) {
			t.Errorf("--body %q: exit %d, want 2 and %q:\n%s", c.body, r.code, c.want, r.err)
		}
	}
	if n := d.sent(); n != 0 {
		t.Errorf("%d requests reached the tenant", n)
	}
	// A body of another type is not checked as JSON.
	r := run(t, d.env(), "request", "POST", "/users", "--body", "not json", "-H", "Content-Type: text/plain", "--yes", "-p", demo.ProfileCert)
	if strings.Contains(r.err, "not valid JSON") {
		t.Errorf("a text/plain body was checked as JSON:\n%s", r.err)
	}
}

func TestRequestSendMailDiagnosisThenSuccess(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "request", "POST", sendMailPath, "--body", mailJSON, "--yes", "-p", demo.ProfileWrongRole)
	wantDiagnosis(t, r, doctor.KindMissingRole, "403", "Mail.Send")
	r = run(t, d.env(), "request", "POST", sendMailPath, "--body", mailJSON, "--yes", "-p", demo.ProfileMailBlocked)
	if r.code != 0 || !strings.Contains(r.err, "202 Accepted") || r.out != "" {
		t.Errorf("sendMail with Mail.Send: exit %d, stdout %q:\n%s", r.code, r.out, r.err)
	}
}

func TestRequestPatchUser(t *testing.T) {
	d := newDemo(t)
	user := "/users/diego.alvarez@" + demo.CompanyDomain
	r := run(t, d.env(), "request", "PATCH", user, "--body", `{"jobTitle":"Analyst"}`, "--yes", "-p", demo.ProfileCert)
	if r.code != 0 || !strings.Contains(r.err, "204 No Content") {
		t.Fatalf("PATCH as contoso-cert: exit %d:\n%s", r.code, r.err)
	}
	r = run(t, d.env(), "get", user, "-q", "select=jobTitle", "-o", "json", "-p", demo.ProfileCert)
	if !strings.Contains(r.out, `"Analyst"`) {
		t.Errorf("the change did not stick: %s %s", r.out, r.err)
	}
	r = run(t, d.env(), "request", "PATCH", "/users/"+demo.MailboxBlocked, "--body", `{"jobTitle":"x"}`, "--yes", "-p", demo.ProfileCert)
	wantDiagnosis(t, r, doctor.KindDirectoryRole, "directory role")
	r = run(t, d.env(), "request", "PATCH", user, "--body", `{"jobTitle":"x"}`, "--yes", "-p", demo.ProfileWrongRole)
	wantDiagnosis(t, r, doctor.KindMissingRole, "User.ReadWrite.All")
}

func TestRequestRefusesBatchAndOtherMistakes(t *testing.T) {
	d := newDemo(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"POST", "/$batch", "--body", `{"requests":[]}`}, "JSON batching"},
		{[]string{"POST", d.tenant.GraphURL() + "/beta/$batch/", "--body", `{"requests":[]}`}, "batching"},
		{[]string{"HEAD", "/users"}, "unknown method"},
		{[]string{"GET", "/users", "--body", "{}"}, "GET takes no body"},
		{[]string{"DELETE", "/users/x", "--body", "{}"}, "DELETE takes no body"},
		{[]string{"POST", "/users", "--all", "--body", "{}"}, "--all"},
	} {
		r := run(t, d.env(), append(append([]string{"request"}, c.args...), "--yes", "-p", demo.ProfileCert)...)
		if r.code != 2 || !strings.Contains(r.err, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q:\n%s", c.args, r.code, c.want, r.err)
		}
	}
	if n := d.sent(); n != 0 {
		t.Errorf("%d requests reached the tenant", n)
	}
}

func TestRequestGetIsGet(t *testing.T) {
	d := newDemo(t)
	get := run(t, d.env(), "get", "/groups", "-q", "top=3", "-o", "json")
	req := run(t, d.env(), "request", "GET", "/groups", "-q", "top=3", "-o", "json")
	if get.code != 0 || req.code != 0 || get.out != req.out {
		t.Errorf("request GET differs from get: exit %d/%d\n%s\n---\n%s", get.code, req.code, get.out, req.out)
	}
}

// A support bundle of a write names its method and repeats it as curl with
// the body left in a file: a body can hold a password, so it is never copied
// into the bundle.
func TestRequestBundleOfAWrite(t *testing.T) {
	d := newDemo(t)
	path := filepath.Join(t.TempDir(), "write.txt")
	r := run(t, d.env(), "request", "POST", sendMailPath, "--body", mailJSON, "--yes", "--bundle", path, "-p", demo.ProfileWrongRole)
	if r.code != 1 || !strings.Contains(r.err, "support bundle written to") {
		t.Fatalf("exit %d:\n%s", r.code, r.err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	wantIn(t, "bundle", text, "POST", "curl -X POST", "--data @body.json", "403")
	if strings.Contains(text, "Offline hello") {
		t.Errorf("bundle holds the request body:\n%s", text)
	}
}
