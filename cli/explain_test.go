package cli

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/session"
)

type explained struct {
	Kind, Code string
	Missing    []string
	ConsentURL string `json:"consent_url"`
}

func explainJSON(t *testing.T, r result) explained {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d:\n%s", r.code, r.err)
	}
	var got explained
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	return got
}

// live sends r as the demo profile through a session, as get would, and
// returns the exchange and the token it carried.
func live(t *testing.T, d demoEnv, profile string, r graph.Request) (*session.Exchange, string) {
	t.Helper()
	s, err := session.New(session.Options{Config: d.config})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	p, err := ps.Pick(profile)
	if err != nil {
		t.Fatal(err)
	}
	x := s.Send(context.Background(), p, r, session.SendOptions{})
	if x.Response == nil || x.Token == nil || x.Diagnosis == nil {
		t.Fatalf("%s %s as %s: no response, token or diagnosis: %+v", r.Method, r.Path, profile, x)
	}
	return x, x.Token.Raw()
}

// The 403 of GET /users as wrong-role, handed over with its token: the
// same diagnosis as the live call, and nothing sent.
func TestExplainMatchesTheLiveDiagnosis(t *testing.T) {
	d := newDemo(t)
	x, token := live(t, d, demo.ProfileWrongRole, graph.Request{Path: "/users"})
	errFile := writeFile(t, "body.json", string(x.Response.Body))
	tokFile := writeFile(t, "token.txt", "Bearer "+token+"\n")

	get := run(t, d.env(), "get", "/users", "-p", demo.ProfileWrongRole)
	wantDiagnosis(t, get, x.Diagnosis.Kind, strings.Join(x.Diagnosis.Missing, " or "))

	before := d.sent()
	r := run(t, d.env(), "explain", "--url", x.Response.URL, "--status", "403", "--error", errFile, "--token", tokFile, "--json")
	got := explainJSON(t, r)
	if got.Kind != string(x.Diagnosis.Kind) || !slices.Equal(got.Missing, x.Diagnosis.Missing) {
		t.Errorf("explain: %s %v; live: %s %v", got.Kind, got.Missing, x.Diagnosis.Kind, x.Diagnosis.Missing)
	}
	if got.ConsentURL != x.ConsentURL {
		t.Errorf("consent URL %q, live %q", got.ConsentURL, x.ConsentURL)
	}
	if n := d.sent() - before; n != 0 {
		t.Errorf("explain --token sent %d requests", n)
	}
	// Text, with the token on stdin: the same kind, and the token never shown.
	r = runAt(t, d.env(), token, false, "explain", "--url", x.Response.URL, "--status", "403", "--error", errFile, "--token", "-")
	if r.code != 0 || !strings.Contains(r.out, "["+string(x.Diagnosis.Kind)+"]") || !strings.Contains(r.out, "Next:") {
		t.Errorf("text: exit %d:\n%s%s", r.code, r.out, r.err)
	}
	if strings.Contains(r.all(), token) || strings.Contains(r.all(), strings.Split(token, ".")[1]) {
		t.Error("the token was printed back")
	}
	// -p gets the profile's own token: the same diagnosis.
	if got := explainJSON(t, run(t, d.env(), "explain", "--url", "/users", "--status", "403", "--error", errFile, "-p", demo.ProfileWrongRole, "--json")); got.Kind != string(x.Diagnosis.Kind) {
		t.Errorf("-p: kind %s", got.Kind)
	}
}

// sendMail's 403, logged inside an SDK exception, with --method POST.
func TestExplainSendMailFromAnSDKException(t *testing.T) {
	d := newDemo(t)
	x, token := live(t, d, demo.ProfileWrongRole, graph.Request{Method: "POST", Path: sendMailPath, Body: []byte(mailJSON)})
	text := "Unhandled exception. Microsoft.Graph.Models.ODataErrors.ODataError: Access is denied.\n" +
		"   Response body: " + string(x.Response.Body) + "\n   at Daemon.Program.Main(String[] args) in Program.cs:line 42\n"
	errFile := writeFile(t, "exception.txt", text)
	tokFile := writeFile(t, "token.txt", token)
	got := explainJSON(t, run(t, d.env(), "explain", "--method", "POST", "--url", x.Response.URL, "--status", "403", "--error", errFile, "--token", tokFile, "--json"))
	if got.Kind != string(doctor.KindMissingRole) || !slices.Equal(got.Missing, []string{"Mail.Send"}) || got.Kind != string(x.Diagnosis.Kind) {
		t.Errorf("explain: %s %v; live: %s %v", got.Kind, got.Missing, x.Diagnosis.Kind, x.Diagnosis.Missing)
	}
	if got.Code != x.Response.Error.Code {
		t.Errorf("Graph's code %q, want %q", got.Code, x.Response.Error.Code)
	}
	// The same as GET is about another endpoint: the method matters.
	if got := explainJSON(t, run(t, d.env(), "explain", "--url", x.Response.URL, "--status", "403", "--error", errFile, "--roles", "Mail.Read", "--json")); slices.Equal(got.Missing, []string{"Mail.Send"}) {
		t.Errorf("GET sendMail diagnosed like POST: %+v", got)
	}
}

func TestExplainWithRoles(t *testing.T) {
	body := writeFile(t, "body.json", `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}`)
	got := explainJSON(t, run(t, noConfig, "explain", "--url", "https://graph.microsoft.com/v1.0/users", "--status", "403", "--error", body, "--roles", "Group.Read.All,Mail.Read", "--json"))
	if got.Kind != string(doctor.KindMissingRole) || !slices.Equal(got.Missing, least(t, "/users")) {
		t.Errorf("--roles: %+v", got)
	}
	r := run(t, noConfig, "explain", "--method", "POST", "--url", "/users/a@contoso.com/sendMail", "--status", "403", "--error", body, "--roles", "Mail.Read")
	if r.code != 0 || !strings.Contains(r.out, "Mail.Send") || !strings.Contains(r.out, "[missing-role]") {
		t.Errorf("text: exit %d:\n%s%s", r.code, r.out, r.err)
	}
}

func TestExplainUsage(t *testing.T) {
	body := writeFile(t, "body.json", `{"error":{"code":"x","message":"y"}}`)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--url", "/users", "--status", "403", "--error", body, "--roles", "A", "--token", body}, "one way"},
		{[]string{"--url", "/users", "--status", "403", "--error", "-", "--token", "-"}, "both read stdin"},
		{[]string{"--url", "/users", "--error", body}, "status"},
		{[]string{"--url", "/users", "--status", "403", "--error", body, "--method", "HEAD"}, "unknown --method"},
		{[]string{"--url", "/users", "--status", "403", "--error", body, "--token", "eyJ.eyJzdWIiOiJ4In0.c2ln"}, "not the token itself"},
		{[]string{"--url", "/users", "--status", "403", "--error", body, "--token", body}, "token cannot be read"},
	} {
		r := run(t, noConfig, append([]string{"explain"}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.err, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q: %s", c.args, r.code, c.want, r.err)
		}
		if strings.Contains(r.err, "eyJzdWIiOiJ4In0") {
			t.Errorf("%v: the token was echoed: %s", c.args, r.err)
		}
	}
}
