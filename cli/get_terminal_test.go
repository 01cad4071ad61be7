package cli

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/graphtui/graphtui/internal/fakeidp"
)

// Bytes a response uses to drive a terminal: OSC 52 sets the clipboard,
// OSC 0 the title, ESC [2J clears the screen, U+009B is CSI on its own and
// a lone 0xff is invalid UTF-8 (0x9b alone is CSI to an 8-bit terminal).
const (
	osc52   = "\x1b]52;c;cm0gLXJmIH4=\x07" // base64 of "rm -rf ~"
	hostile = osc52 + "\x1b]0;pwned\x07\x1b[2J\xc2\x9b31m\xff\x9b"
)

// hostileBodies are the same attack as text and inside JSON strings (where
// ESC can only come escaped, but C1 and invalid UTF-8 can come raw).
var hostileBodies = map[string]struct{ contentType, body string }{
	"text": {"text/plain", "line one\tok\n" + hostile + "\nline three\n"},
	"json": {"application/json", `{"value":[{"id":"1","displayName":"` + strings.ReplaceAll(strings.ReplaceAll(hostile, "\x1b", `\u001b`), "\x07", `\u0007`) + `"}]}`},
}

func serveBody(contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		io.WriteString(w, body)
	}
}

// onTerminal makes stdout a terminal and adds env to the environment.
func onTerminal(env map[string]string) func(*App) {
	return func(a *App) {
		a.IsTerminal = func(io.Writer) bool { return true }
		base := a.LookupEnv
		a.LookupEnv = func(k string) (string, bool) {
			if v, ok := env[k]; ok {
				return v, true
			}
			return base(k)
		}
	}
}

// terminalUnsafeOutput says what in s a terminal could act on, or "".
func terminalUnsafeOutput(s string) string {
	switch {
	case strings.ContainsRune(s, 0x1b):
		return "ESC"
	case !utf8.ValidString(s):
		return "invalid UTF-8"
	}
	for _, r := range s {
		if r >= 0x80 && r <= 0x9f {
			return "a C1 control"
		}
	}
	return ""
}

// Whatever the output mode, with colour off for any reason, nothing from
// the body drives a terminal.
func TestGetOnATerminalEscapesEveryMode(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	colourOff := map[string]struct {
		env  map[string]string
		args []string
	}{
		"--color never": {map[string]string{"TERM": "xterm-256color"}, []string{"--color", "never"}},
		"NO_COLOR":      {map[string]string{"TERM": "xterm-256color", "NO_COLOR": "1"}, nil},
		"TERM=dumb":     {map[string]string{"TERM": "dumb"}, nil},
	}
	for bodyName, b := range hostileBodies {
		g := newGraphServer(t, serveBody(b.contentType, b.body))
		config := faultConfig(t, idp, g.URL, nil)
		for offName, off := range colourOff {
			for _, mode := range [][]string{{"-o", "raw"}, {"-o", "json"}, {"-o", "pretty"}, {"-o", "json", "--all"}, {"-o", "pretty", "--all"}} {
				if bodyName == "text" && len(mode) == 3 {
					continue // --all needs JSON pages
				}
				name := bodyName + " " + strings.Join(mode, " ") + " " + offName
				t.Run(name, func(t *testing.T) {
					args := append(append([]string{"get", "/users"}, mode...), off.args...)
					r := runFault(t, context.Background(), config, onTerminal(off.env), args...)
					r.check(t, 0)
					if what := terminalUnsafeOutput(r.out); what != "" {
						t.Errorf("stdout holds %s: %q", what, r.out)
					}
					if mode[1] == "raw" {
						r.check(t, 0, "stdout is a terminal", "--unsafe-raw")
						for _, want := range []string{`\x1b]52;c;cm0gLXJmIH4=\x07`, `\u009b31m`, `\xff`, "line one\tok\n"} {
							if bodyName == "text" && !strings.Contains(r.out, want) {
								t.Errorf("raw output lacks %q: %q", want, r.out)
							}
						}
					}
					if bodyName == "json" && mode[1] == "json" && !json.Valid([]byte(r.out)) {
						t.Errorf("-o json on a terminal is not JSON: %q", r.out)
					}
				})
			}
		}
	}
}

// -o raw gives the exact bytes to a file or a pipe, and to a terminal when
// asked to with --unsafe-raw.
func TestGetRawExactBytes(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	for bodyName, b := range hostileBodies {
		g := newGraphServer(t, serveBody(b.contentType, b.body))
		config := faultConfig(t, idp, g.URL, nil)
		pipe := runFault(t, context.Background(), config, nil, "get", "/users", "-o", "raw")
		pipe.check(t, 0)
		if pipe.out != b.body {
			t.Errorf("%s, -o raw into a pipe: %q, want the body as sent", bodyName, pipe.out)
		}
		if strings.Contains(pipe.err, "stdout is a terminal") {
			t.Errorf("%s, -o raw into a pipe: a note about a terminal: %s", bodyName, pipe.err)
		}
		unsafe := runFault(t, context.Background(), config, onTerminal(nil), "get", "/users", "-o", "raw", "--unsafe-raw")
		unsafe.check(t, 0)
		if unsafe.out != b.body {
			t.Errorf("%s, --unsafe-raw on a terminal: %q, want the body as sent", bodyName, unsafe.out)
		}
	}
	idle := newGraphServer(t, jsonBody(`{}`))
	r := runFault(t, context.Background(), faultConfig(t, idp, idle.URL, nil), nil, "get", "/users", "--unsafe-raw")
	r.check(t, 2, "--unsafe-raw", "-o raw")
}

// An identity platform error full of escape sequences: the text bundle
// shows them as escapes, and the JSON bundle holds them as JSON escapes.
func TestGetBundleOfAHostileIdentityError(t *testing.T) {
	idp := fakeidp.Start(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		body, _ := json.Marshal(map[string]any{
			"error":             "invalid_client" + hostile,
			"error_description": "AADSTS7000215: Invalid client secret provided. " + hostile,
			"error_codes":       []int{7000215},
			"trace_id":          "0b1c" + osc52,
			"correlation_id":    "\x1b[2J9f2e",
		})
		w.Write(body)
	})
	g := newGraphServer(t, jsonBody(`{}`))
	config := faultConfig(t, idp, g.URL, nil)
	dir := t.TempDir()
	for _, name := range []string{"bundle.txt", "bundle.json"} {
		path := filepath.Join(dir, name)
		r := runFault(t, context.Background(), config, nil, "get", "/users", "--bundle", path)
		r.check(t, 1, "support bundle written to "+path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if what := terminalUnsafeOutput(string(data)); what != "" {
			t.Errorf("%s holds %s:\n%q", name, what, data)
		}
		if !strings.Contains(string(data), "AADSTS7000215") {
			t.Errorf("%s lost the error:\n%s", name, data)
		}
	}
}

// token --raw prints a token only when it looks like one.
func TestTokenRawRefusesANonToken(t *testing.T) {
	idp := fakeidp.Start(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"token_type": "Bearer", "expires_in": 3599, "access_token": "abc" + osc52 + "\x1b[2J"})
	})
	g := newGraphServer(t, jsonBody(`{}`))
	config := faultConfig(t, idp, g.URL, nil)
	r := runFault(t, context.Background(), config, nil, "token", "--raw")
	r.check(t, 1, "not printed", "authority_host")
	if r.out != "" {
		t.Errorf("stdout: %q", r.out)
	}
}

// The decoded claims graphtui token prints come from the identity platform:
// a claim holding escape sequences is shown escaped, never acted on.
func TestTokenClaimsAreTerminalSafe(t *testing.T) {
	payload, _ := json.Marshal(map[string]any{
		"aud": "https://graph.example" + osc52, "tid": "t\x1b[2J", "roles": []string{"User.Read.All\u009b31m"},
		"xms_odd": "x\x07y", "exp": time.Now().Add(time.Hour).Unix(),
	})
	enc := base64.RawURLEncoding.EncodeToString
	jwt := enc([]byte(`{"alg":"none"}`)) + "." + enc(payload) + "." + enc([]byte("sig"))
	idp := fakeidp.Start(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"token_type": "Bearer", "expires_in": 3599, "access_token": jwt})
	})
	g := newGraphServer(t, jsonBody(`{}`))
	r := runFault(t, context.Background(), faultConfig(t, idp, g.URL, nil), nil, "token")
	r.check(t, 0)
	if !strings.Contains(r.out, "User.Read.All") {
		t.Errorf("the roles are missing:\n%s", r.out)
	}
	if strings.ContainsAny(r.out, "\x1b\x07\u009b") {
		t.Errorf("claims reached the terminal unescaped: %q", r.out)
	}
}
