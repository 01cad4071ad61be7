package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

// --color decides colours for -o pretty whatever stdout is: always for a
// pager or a benchmark, never for a terminal that should get plain text.
func TestGetColorFlag(t *testing.T) {
	d := newDemo(t)
	env := d.env()
	env["COLORTERM"] = "truecolor"
	env["TERM"] = "xterm-256color"

	plain := run(t, env, "get", "/organization")
	if plain.code != 0 || strings.Contains(plain.out, "\x1b[") {
		t.Fatalf("auto into a pipe: exit %d, escapes %v", plain.code, strings.Contains(plain.out, "\x1b["))
	}
	if !json.Valid([]byte(plain.out)) {
		t.Errorf("plain output is not JSON: %.200q", plain.out)
	}

	always := run(t, env, "get", "/organization", "--color", "always")
	if always.code != 0 || !strings.Contains(always.out, "\x1b[38;2;") {
		t.Fatalf("--color always with COLORTERM=truecolor: exit %d, output %.200q", always.code, always.out)
	}
	if got := stripSGR(always.out); got != plain.out {
		t.Errorf("coloured output is not the plain output plus colours:\n%.300q\n%.300q", got, plain.out)
	}
	env["NO_COLOR"] = "1"
	delete(env, "COLORTERM")
	if r := run(t, env, "get", "/organization", "--color", "always"); !strings.Contains(r.out, "\x1b[38;5;") {
		t.Errorf("--color always beats NO_COLOR, in 256 colours without COLORTERM: %.200q", r.out)
	}

	delete(env, "NO_COLOR")
	for when, colours := range map[string]bool{"auto": true, "never": false} {
		var out, errb bytes.Buffer
		app := &App{
			Out: &out, Err: &errb,
			LookupEnv:  func(k string) (string, bool) { v, ok := env[k]; return v, ok },
			IsTerminal: func(io.Writer) bool { return true },
			Build:      BuildInfo{Version: "test"}.withDefaults(),
		}
		code := app.Run(context.Background(), []string{"get", "/organization", "--color", when})
		if got := strings.Contains(out.String(), "\x1b["); code != 0 || got != colours {
			t.Errorf("--color %s on a terminal: exit %d, colours %v, want %v", when, code, got, colours)
		}
	}
	bad := run(t, env, "get", "/organization", "--color", "sometimes")
	if bad.code != 2 || !strings.Contains(bad.err, "auto, always or never") {
		t.Errorf("--color sometimes: exit %d, %q", bad.code, bad.err)
	}
}

// stripSGR removes the colour sequences graphtui writes (ESC [ ... m).
func stripSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			i += strings.IndexByte(s[i:], 'm')
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
