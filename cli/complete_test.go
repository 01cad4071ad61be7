package cli

import (
	"slices"
	"strings"
	"testing"
)

const twoProfiles = `[profiles.contoso-reader]
tenant = "contoso.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000001"
client_secret = "env:READER_SECRET"

[profiles.contoso-mailer]
tenant = "contoso.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000002"
client_secret = "env:MAILER_SECRET"

[profiles.fabrikam]
tenant = "fabrikam.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000003"
client_secret = "env:FABRIKAM_SECRET"
`

// complete runs cobra's hidden __complete command, as the shell scripts
// do, and returns the offered words (descriptions cut off) and the
// directive line.
func complete(t *testing.T, env map[string]string, args ...string) (words []string, directive string) {
	t.Helper()
	r := run(t, env, append([]string{"__complete"}, args...)...)
	if r.code != 0 {
		t.Fatalf("__complete %q: exit %d: %s", args, r.code, r.err)
	}
	lines := strings.Split(strings.TrimSuffix(r.out, "\n"), "\n")
	for _, l := range lines[:len(lines)-1] {
		word, _, _ := strings.Cut(l, "\t")
		words = append(words, word)
	}
	return words, lines[len(lines)-1]
}

func TestCompleteProfileFromConfig(t *testing.T) {
	env := map[string]string{"GRAPHTUI_CONFIG": writeFile(t, "config.toml", twoProfiles)}
	words, directive := complete(t, env, "get", "/users", "-p", "con")
	if !slices.Equal(words, []string{"contoso-reader", "contoso-mailer"}) || directive != ":4" {
		t.Errorf("get -p con: %q %s, want the two contoso profiles and no files (:4)", words, directive)
	}
	// --config on the line wins, as it does for the command.
	words, _ = complete(t, nil, "--config", env["GRAPHTUI_CONFIG"], "token", "--profile", "fab")
	if !slices.Equal(words, []string{"fabrikam"}) {
		t.Errorf("--config FILE token --profile fab: %q", words)
	}
	// matrix takes a list: the profiles not listed yet, after the comma.
	words, directive = complete(t, env, "matrix", "/users", "-p", "contoso-reader,")
	if !slices.Equal(words, []string{"contoso-reader,contoso-mailer", "contoso-reader,fabrikam"}) || directive != ":6" {
		t.Errorf("matrix -p contoso-reader,: %q %s", words, directive)
	}
}

// A config that cannot be read, or none, completes nothing and fails
// nothing.
func TestCompleteProfileWithoutAConfig(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"broken":  {"GRAPHTUI_CONFIG": writeFile(t, "config.toml", "[profiles.x\ntenant = ")},
		"missing": {"GRAPHTUI_CONFIG": t.TempDir() + "/none/config.toml"},
		"bad env": {"GRAPHTUI_TOKEN_CACHE": "nonsense", "GRAPHTUI_CONFIG": writeFile(t, "config.toml", twoProfiles)},
	} {
		if words, directive := complete(t, env, "get", "-p", ""); len(words) != 0 || directive != ":4" {
			t.Errorf("%s config: %q %s, want nothing", name, words, directive)
		}
	}
}

func TestCompletePath(t *testing.T) {
	words, directive := complete(t, nil, "get", "/users/de")
	if !slices.Contains(words, "/users/delta") || directive != ":6" {
		t.Errorf("get /users/de: %q %s, want /users/delta without a space after it (:6)", words, directive)
	}
	// An id already typed stays as typed, so the shell keeps the completion.
	words, _ = complete(t, nil, "get", "/users/adele@contoso.com/mess")
	if !slices.Contains(words, "/users/adele@contoso.com/messages") {
		t.Errorf("get /users/adele@contoso.com/mess: %q", words)
	}
	for _, w := range words {
		if !strings.HasPrefix(w, "/users/adele@contoso.com/mess") {
			t.Errorf("%q does not start with what was typed: the shell would drop it", w)
		}
	}
	// request completes its METHOD, then paths listed for that method.
	if words, _ = complete(t, nil, "request", "P"); !slices.Equal(words, []string{"POST", "PATCH", "PUT"}) {
		t.Errorf("request P: %q", words)
	}
	words, _ = complete(t, nil, "request", "POST", "/users/adele@contoso.com/sen")
	if !slices.ContainsFunc(words, func(w string) bool { return strings.EqualFold(w, "/users/adele@contoso.com/sendMail") }) {
		t.Errorf("request POST .../sen: %q, want sendMail", words)
	}
	if words, _ = complete(t, nil, "get", "/users/de", ""); len(words) != 0 {
		t.Errorf("a second PATH: %q", words)
	}
}

func TestCompleteFlagValues(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"get", "/users", "-o", ""}, []string{"pretty", "json", "raw"}},
		{[]string{"request", "GET", "/users", "--color", ""}, []string{"auto", "always", "never"}},
		{[]string{"permissions", "/users", "--method", ""}, []string{"GET", "POST", "PATCH", "PUT", "DELETE"}},
		{[]string{"explain", "--method", "de"}, []string{"delete"}},
		{[]string{"permissions", "--role", "mail.sen"}, []string{"Mail.Send"}},
	} {
		words, _ := complete(t, nil, c.args...)
		if !slices.Equal(words, c.want) {
			t.Errorf("%q: %q, want %q", c.args, words, c.want)
		}
	}
}

// cobra's completion command is there, for every shell the README names.
func TestCompletionScripts(t *testing.T) {
	for shell, marker := range map[string]string{
		"bash": "__start_graphtui", "zsh": "#compdef graphtui", "fish": "complete -c graphtui", "powershell": "Register-ArgumentCompleter",
	} {
		r := run(t, nil, "completion", shell)
		if r.code != 0 || !strings.Contains(r.out, marker) {
			t.Errorf("completion %s: exit %d, no %q in the script: %s", shell, r.code, marker, r.err)
		}
	}
}
