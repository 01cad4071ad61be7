package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/demo"
)

// readBundle checks what every bundle owes its reader: mode 0600, the
// line on stderr, and no secret, token or JWT-shaped text.
func readBundle(t *testing.T, d demoEnv, r result, path, profile string) string {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no bundle at %s: %v\nstderr:\n%s", path, err, r.err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("bundle mode %v, want 0600", fi.Mode().Perm())
	}
	if !strings.Contains(r.err, "support bundle written to "+path) {
		t.Errorf("stderr does not say where the bundle went:\n%s", r.err)
	}
	data, _ := os.ReadFile(path)
	text := string(data)
	if s := d.tenant.Secret(profile); s == "" || strings.Contains(text, s) {
		t.Errorf("the bundle holds %s's secret (or the demo has none)", profile)
	}
	if tok := r.app.auth.Cached(profile); tok != nil && strings.Contains(text, tok.Raw()) {
		t.Error("the bundle holds the access token")
	}
	if strings.Contains(text, "eyJ") {
		t.Errorf("the bundle holds something JWT-shaped:\n%s", text)
	}
	return text
}

// failedGetWithBundle runs get /users under profile, which must fail, with
// --bundle to a file called name in a new directory.
func failedGetWithBundle(t *testing.T, profile, name string) (demoEnv, result, string) {
	t.Helper()
	d := newDemo(t)
	path := filepath.Join(t.TempDir(), name)
	r := run(t, d.env(), "get", "/users", "-p", profile, "--bundle", path)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 as without --bundle", r.code)
	}
	return d, r, path
}

// The case a bundle is for: Graph answers 401 to a token without roles.
// Support needs the ids and the claims; the user needs the diagnosis and a
// curl to repeat it.
func TestGetBundleOfANoConsent401(t *testing.T) {
	d, r, path := failedGetWithBundle(t, demo.ProfileNoConsent, "support.txt")
	text := readBundle(t, d, r, path, demo.ProfileNoConsent)
	wantIn(t, "bundle", text,
		"401 Unauthorized", "request-id:", "client-request-id:", "InvalidAuthenticationToken",
		"no-roles", "roles:", "(none)", "aud:", demo.ClientIDNoConsent,
		`curl -H "Authorization: Bearer $TOKEN"`, "/v1.0/users",
	)
	// The request-id in the bundle is the one get printed.
	line := r.err[strings.Index(r.err, "request-id "):]
	id := strings.Fields(line)[1]
	if !strings.Contains(text, id) {
		t.Errorf("bundle lacks the printed request-id %s:\n%s", id, text)
	}
}

// A token that was never issued still gets a bundle: the AADSTS code and
// the identity platform's ids are what support looks up.
func TestGetBundleOfATokenFailureAsJSON(t *testing.T) {
	d, r, path := failedGetWithBundle(t, demo.ProfileWrongSecret, "support.json")
	var b struct {
		Request struct {
			URL  string `json:"url"`
			Sent bool   `json:"sent"`
		} `json:"request"`
		Response   *json.RawMessage `json:"response"`
		TokenError struct {
			AADSTS        string `json:"aadsts"`
			TraceID       string `json:"trace_id"`
			CorrelationID string `json:"correlation_id"`
		} `json:"token_error"`
		Diagnosis struct {
			Kind string `json:"kind"`
		} `json:"diagnosis"`
		Curl string `json:"curl"`
	}
	if err := json.Unmarshal([]byte(readBundle(t, d, r, path, demo.ProfileWrongSecret)), &b); err != nil {
		t.Fatalf("the .json bundle does not parse: %v", err)
	}
	if b.TokenError.AADSTS != "AADSTS7000215" || b.TokenError.TraceID == "" || b.TokenError.CorrelationID == "" {
		t.Errorf("token_error = %+v, want AADSTS7000215 with trace and correlation ids", b.TokenError)
	}
	if b.Diagnosis.Kind != "token-error" || b.Response != nil || b.Request.Sent {
		t.Errorf("diagnosis %q, response %v, sent %v: want token-error, none, false", b.Diagnosis.Kind, b.Response, b.Request.Sent)
	}
	if !strings.HasSuffix(b.Request.URL, "/v1.0/users") || !strings.Contains(b.Curl, "$TOKEN") {
		t.Errorf("the bundle should say what would have been sent: url %q curl %q", b.Request.URL, b.Curl)
	}
	// The config's secret reference resolves to the secret's ID, which the
	// redactor knows as a resolved secret: it must not be there either.
	if strings.Contains(r.err, "support bundle not written") {
		t.Errorf("stderr: %s", r.err)
	}
}

// --bundle after a success changes nothing but adds the file.
func TestGetBundleAfterASuccessKeepsTheExitCode(t *testing.T) {
	d := newDemo(t)
	path := filepath.Join(t.TempDir(), "support.txt")
	r := run(t, d.env(), "get", "/users", "-q", "$top=2", "-p", demo.ProfileReader, "--bundle", path, "-o", "json")
	if r.code != 0 || !strings.HasPrefix(r.out, "{") {
		t.Fatalf("exit %d, stdout %.40q: want 0 and the body", r.code, r.out)
	}
	text := readBundle(t, d, r, path, demo.ProfileReader)
	if !strings.Contains(text, "200 OK") || !strings.Contains(text, "User.Read.All") {
		t.Errorf("bundle lacks the status or the roles:\n%s", text)
	}
}

// --bundle never writes through a link nor onto a device: the request's
// outcome stands, stderr says why no bundle was written, and what the path
// names is left as it was (as root, /dev/null used to become 0600).
func TestGetBundleRefusesLinksAndDevices(t *testing.T) {
	d := newDemo(t)
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "support.txt")
	if err := os.Symlink(victim, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	null, err := os.Stat(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(os.DevNull, null.Mode().Perm()) }) // should a failing run have changed it
	for path, why := range map[string]string{link: "symbolic link", os.DevNull: "not a regular file"} {
		r := run(t, d.env(), "get", "/users", "-q", "$top=1", "-p", demo.ProfileReader, "--bundle", path)
		if r.code != 0 || !strings.Contains(r.err, "support bundle not written: "+path) || !strings.Contains(r.err, why) {
			t.Errorf("--bundle %s: exit %d, stderr:\n%s\nwant exit 0 and %q", path, r.code, r.err, why)
		}
	}
	if data, _ := os.ReadFile(victim); string(data) != "keep" {
		t.Errorf("the link's target was written: %.40q", data)
	}
	if after, err := os.Stat(os.DevNull); err != nil || after.Mode() != null.Mode() {
		t.Errorf("%s changed from %v to %v (%v)", os.DevNull, null.Mode(), after.Mode(), err)
	}
}
