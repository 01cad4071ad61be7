package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/bench/benchdata"
	"github.com/graphtui/graphtui/internal/fakeidp"
)

// servePieces writes body in pieces of n bytes, flushing each, so the
// client reads it in cuts that fall inside runes and tokens.
func servePieces(contentType, body string, n int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		for rest := body; len(rest) > 0; {
			k := min(n, len(rest))
			fmt.Fprint(w, rest[:k])
			w.(http.Flusher).Flush()
			rest = rest[k:]
		}
	}
}

// A large body that breaks after part of it was written: what was written
// stays, and get exits 1 saying why.
func TestGetStreamedBodyThatBreaks(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	page := string(benchdata.UsersPage(512 << 10))
	cases := []struct {
		name   string
		graph  http.HandlerFunc
		stderr []string
	}{
		{
			name:   "cut mid-stream",
			graph:  func(w http.ResponseWriter, r *http.Request) { hangUpMidBody(w, page, len(page)/2) },
			stderr: []string{"200 OK", "(what was written above is cut short)", "reading the response body after", "closed before the response was complete"},
		},
		{
			name:   "invalid mid-way",
			graph:  jsonBody(page[:len(page)/2] + `}]} trailing words`),
			stderr: []string{"200 OK", "Body: the body is not valid JSON at byte", "the output stops there", "stays written", "-o raw writes the body exactly as received"},
		},
	}
	for _, tc := range cases {
		for _, mode := range []string{"pretty", "json"} {
			t.Run(tc.name+" -o "+mode, func(t *testing.T) {
				g := newGraphServer(t, tc.graph)
				r := runFault(t, context.Background(), faultConfig(t, idp, g.URL, nil), nil, "get", "/users", "-o", mode)
				r.check(t, 1, tc.stderr...)
				if len(r.out) < 64<<10 || !strings.Contains(r.out, `"displayName"`) {
					t.Errorf("stdout holds %d bytes; want the formatted part before the break", len(r.out))
				}
			})
		}
	}
}

// The streamed output of a large body is the same as the whole body's
// (the path --bundle keeps), and no --max-body cap applies to it.
func TestGetStreamsWholeBodyPastTheCap(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	page := string(benchdata.UsersPage(300 << 10))
	g := newGraphServer(t, servePieces("application/json", page, 1000))
	config := faultConfig(t, idp, g.URL, nil)
	for _, args := range [][]string{{"-o", "pretty", "--color", "always"}, {"-o", "json"}, {"-o", "raw"}} {
		streamed := runFault(t, context.Background(), config, nil, append([]string{"get", "/users", "--max-body", "1KB"}, args...)...)
		streamed.check(t, 0, "200 OK", "300.3 KB")
		whole := runFault(t, context.Background(), config, nil, append([]string{"get", "/users", "--bundle", t.TempDir() + "/b.txt"}, args...)...)
		whole.check(t, 0)
		if streamed.out != whole.out {
			t.Errorf("%v: streamed output (%d bytes) differs from the whole body's (%d bytes)", args, len(streamed.out), len(whole.out))
		}
	}
}

// On a terminal the streamed output escapes what could drive it, also when
// the server's writes cut a C1 control or an invalid byte in two.
func TestGetStreamedOnATerminalEscapesAcrossReads(t *testing.T) {
	idp := fakeidp.Start(t, nil)
	filler := strings.Repeat(`{"id":"x","displayName":"Zoë Ω"},`, 4000) // past the first write
	hostileJSON := strings.ReplaceAll(strings.ReplaceAll(hostile, "\x1b", `\u001b`), "\x07", `\u0007`)
	bodies := map[string]struct{ contentType, body string }{
		"text": {"text/plain", strings.Repeat("line Zoë Ω\n", 20000) + hostile + "\n"},
		"json": {"application/json", `{"value":[` + filler + `{"id":"1","displayName":"` + hostileJSON + `"}]}`},
	}
	for bodyName, b := range bodies {
		for _, piece := range []int{1, 7} {
			g := newGraphServer(t, servePieces(b.contentType, b.body, piece))
			config := faultConfig(t, idp, g.URL, nil)
			for _, mode := range [][]string{{"-o", "raw"}, {"-o", "json"}, {"-o", "pretty"}, {"-o", "pretty", "--color", "always"}} {
				if bodyName == "text" && mode[1] != "raw" {
					continue // text is formatted whole: TestGetOnATerminalEscapesEveryMode
				}
				t.Run(fmt.Sprintf("%s %s, %d-byte writes", bodyName, strings.Join(mode, " "), piece), func(t *testing.T) {
					r := runFault(t, context.Background(), config, onTerminal(map[string]string{"TERM": "xterm-256color"}), append([]string{"get", "/users"}, mode...)...)
					r.check(t, 0)
					out := stripColour(r.out)
					if what := terminalUnsafeOutput(out); what != "" {
						t.Errorf("stdout holds %s", what)
					}
					if !strings.Contains(out, "Zoë Ω") {
						t.Errorf("a rune cut between reads was not kept whole")
					}
					if mode[1] == "raw" {
						r.check(t, 0, "stdout is a terminal")
						if !strings.Contains(out, `\u009b31m\xff\x9b`) {
							t.Errorf("raw output lacks the escaped C1 and invalid bytes")
						}
					}
					if mode[1] == "json" && !json.Valid([]byte(out)) {
						t.Errorf("-o json on a terminal is not JSON")
					}
				})
			}
		}
	}
}

// stripColour drops the SGR sequences graphtui itself writes for colours.
func stripColour(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				i = j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
