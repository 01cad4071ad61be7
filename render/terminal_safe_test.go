package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestPrettyEscapesC1AndDELForTerminals(t *testing.T) {
	body := []byte("{\"a\":\"x\xc2\x9b2J\x7fy\x9bz\",\"b\":\"caf\xc3\xa9\"}")
	var out bytes.Buffer
	if err := Pretty(&out, body, "application/json", ColorTrue, DefaultStyle); err != nil {
		t.Fatal(err)
	}
	plain := string(stripSGR(out.Bytes()))
	for _, raw := range []string{"\xc2\x9b", "\x7f", "\x9b"} {
		if strings.Contains(plain, raw) {
			t.Errorf("raw %q reached the terminal output: %q", raw, plain)
		}
	}
	for _, want := range []string{`\u009b`, `\u007f`, `\ufffd`, "café"} {
		if !strings.Contains(plain, want) {
			t.Errorf("output lacks %q: %q", want, plain)
		}
	}
	// The escaped text is still the same JSON (the lone 0x9b becomes U+FFFD,
	// as any decoder reads it).
	var a, b map[string]string
	if err := json.Unmarshal([]byte(plain), &a); err != nil {
		t.Fatalf("escaped output is not JSON: %v", err)
	}
	json.Unmarshal(body, &b)
	if a["a"] != b["a"] || a["b"] != b["b"] {
		t.Errorf("values changed: %q vs %q", a, b)
	}
}

func TestPrettyWithoutColourKeepsIndentIdentity(t *testing.T) {
	body := []byte("{\"a\":\"x\xc2\x9b\x7f\"}")
	var out, want bytes.Buffer
	Pretty(&out, body, "application/json", ColorNone, "")
	json.Indent(&want, body, "", "  ")
	if strings.TrimSpace(out.String()) != want.String() {
		t.Errorf("pipe output must stay json.Indent's: %q vs %q", out.String(), want.String())
	}
}
