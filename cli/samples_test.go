package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/samples"
)

func TestSamplesText(t *testing.T) {
	r := runOK(t, nil, "samples", "users", "MESSAGES")
	lines := strings.Split(strings.TrimSuffix(r.out, "\n"), "\n")
	if want := len(samples.Search("users messages")) + 1; len(lines) != want {
		t.Errorf("%d lines, want a header and %d samples", len(lines), want-1)
	}
	if f := strings.Fields(lines[0]); strings.Join(f, " ") != "WORKLOAD PERMISSION PATH" {
		t.Errorf("header %q", lines[0])
	}
	// The docs' GET /me/messages?$select=sender,subject, as an app calls it.
	if !slices.ContainsFunc(lines, func(l string) bool {
		return strings.Join(strings.Fields(l), " ") == "mail Mail.ReadBasic.All /users/{id}/messages?$select=sender,subject"
	}) {
		t.Errorf("the /me sample is missing or not rewritten:\n%s", r.out)
	}
	if strings.Contains(r.out, "/me/") || r.err != "" {
		t.Errorf("a /me path, or stderr %q:\n%s", r.err, r.out)
	}
}

func TestSamplesJSON(t *testing.T) {
	r := runOK(t, nil, "samples", "--json", "sites")
	var got []map[string]string
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatalf("stdout is not one JSON array: %v\n%.300s", err, r.out)
	}
	if len(got) == 0 {
		t.Fatal("no sample for sites")
	}
	for _, s := range got {
		if len(s) != 4 || s["method"] != "GET" || s["permission"] == "" || s["workload"] == "" || !strings.HasPrefix(s["path"], "/") {
			t.Errorf("sample %v: want method, path, permission and workload", s)
		}
	}
}

func TestSamplesNoMatch(t *testing.T) {
	r := run(t, nil, "samples", "no-such-\x1b[31mthing")
	if r.code != 1 || r.out != "" {
		t.Errorf("exit %d, stdout %q: want 1 and nothing", r.code, r.out)
	}
	if !strings.Contains(r.err, "no sample matches") || !strings.Contains(r.err, "mail") || strings.Contains(r.err, "\x1b") {
		t.Errorf("stderr should name the workloads, with no escape sequence:\n%q", r.err)
	}
}
