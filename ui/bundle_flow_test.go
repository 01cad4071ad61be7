package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/demo"
)

// pickProfile moves the picker selection down n rows from the first
// profile and returns focus to the request builder, which browses: a
// typed / starts a new path.
func (f *flow) pickProfile(n int, name string) {
	f.t.Helper()
	f.press("shift+tab") // request → profiles
	for i := 0; i < n; i++ {
		f.press("down")
	}
	f.waitFor(name)
	f.press("tab") // → request
}

// saveBundle presses B in the viewer, reads the suggested name, replaces
// it with a path in dir and confirms. It returns the suggested name and
// the file's contents once the status bar says it was written.
func (f *flow) saveBundle(dir string) (suggested, text string) {
	f.t.Helper()
	f.typeText("B") // the response has the focus after a send
	s := f.waitFor("support bundle to:")
	suggested = regexp.MustCompile(`graphtui-support-[0-9A-Za-z-]+\.txt`).FindString(s)
	if suggested == "" {
		f.t.Fatalf("no suggested file name:\n%s", s)
	}
	path := filepath.Join(dir, suggested)
	f.press("ctrl+u") // clear the suggestion
	f.typeText(path)
	f.press("enter")
	f.waitFor("support bundle written to")
	fi, err := os.Stat(path)
	if err != nil {
		f.t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		f.t.Errorf("bundle mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	text = string(data)
	if strings.Contains(text, "eyJ") {
		f.t.Errorf("the bundle holds something JWT-shaped:\n%s", text)
	}
	return suggested, text
}

// usersUnder sends GET /users under the n-th profile (see pickProfile) and
// waits until the screen holds want.
func usersUnder(t *testing.T, n int, badge string, want ...string) *flow {
	f := startFlow(t, 120, 40)
	f.waitFor("contoso-reader")
	f.pickProfile(n, badge)
	f.typeText("/users")
	f.press("enter")
	f.waitFor(want...)
	return f
}

// requireBundle checks that a bundle holds want and not the secret of
// profile.
func (f *flow) requireBundle(text, profile string, want ...string) {
	f.t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			f.t.Errorf("bundle lacks %q:\n%s", w, text)
		}
	}
	if s := f.tenant.Secret(profile); s == "" || strings.Contains(text, s) {
		f.t.Error("the bundle holds the app's secret (or the demo has none)")
	}
}

// B after Graph's 401 writes the bundle named after the request-id, with
// that id, the diagnosis and the curl inside, and no secret or token.
func TestFlowSupportBundleAfterA401(t *testing.T) {
	f := usersUnder(t, 2, "no roles", "401", "no-roles")
	name, text := f.saveBundle(t.TempDir())
	id := strings.TrimSuffix(strings.TrimPrefix(name, "graphtui-support-"), ".txt")
	f.requireBundle(text, demo.ProfileNoConsent, "request-id:          "+id, "401 Unauthorized", "no-roles", "roles:", `Bearer $TOKEN`)
}

// A token that was never issued is a reason to open a ticket too: B still
// works, and the bundle carries the AADSTS code.
func TestFlowSupportBundleAfterATokenFailure(t *testing.T) {
	// The picker's badge names the code as soon as the token fails; the
	// viewer's evidence (trace id) means the exchange has arrived too.
	f := usersUnder(t, 5, "wrong-secret", "7000215", "trace id")
	_, text := f.saveBundle(t.TempDir())
	f.requireBundle(text, demo.ProfileWrongSecret, "AADSTS7000215", "correlation id:", "token-error")
}
