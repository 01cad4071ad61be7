package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/permissions"
)

// The reference is built in: no config, no profile, no network.
var noConfig = map[string]string{"GRAPHTUI_CONFIG": "/nonexistent/graphtui/config.toml"}

func TestPermissionsText(t *testing.T) {
	r := runOK(t, noConfig, "permissions", "https://graph.microsoft.com/v1.0/users/adele@contoso.com/messages?$top=5")
	wantIn(t, "output", r.out,
		"path     /users/adele@contoso.com/messages",
		"pattern  /users/{id}/messages",
		"Least-privileged application permission for GET:\n  Mail.ReadBasic.All  privilege 3",
		"Also allowed", "Mail.Read ", "Mail.ReadWrite",
	)
	if r.err != "" {
		t.Errorf("stderr: %s", r.err)
	}
}

func TestPermissionsMarksResourceSpecificConsent(t *testing.T) {
	r := runOK(t, noConfig, "permissions", "/teams/t/channels/c/messages")
	line := lineWith(r.out, "ChannelMessage.Read.Group")
	if !strings.Contains(line, "resource-specific consent") {
		t.Errorf("RSC permission not marked: %q\n%s", line, r.out)
	}
	if strings.Contains(lineWith(r.out, "ChannelMessage.Read.All"), "resource-specific") {
		t.Errorf("tenant-wide permission marked RSC:\n%s", r.out)
	}
}

func lineWith(s, sub string) string {
	for l := range strings.Lines(s) {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func TestPermissionsJSON(t *testing.T) {
	for _, c := range []struct {
		path, pattern, least string
		coLeast, rsc         []string
	}{
		{"/users/delta", "/users/delta", "User.Read.All", nil, nil},
		{"/v1.0/users('x')", "/users/{id}", "User.ReadBasic.All", nil, nil},
		{"/devices/d/cloudLicensing/assignments", "/devices/{id}/cloudLicensing/assignments", "Device.Read.All", []string{"Directory.Read.All"}, nil},
		{"/chats/x/messages", "/chats/{id}/messages", "Chat.Read.All", nil, []string{"ChatMessage.Read.Chat"}},
		{"/me/messages", "/me/messages", "", nil, nil},
		{"/users/x/pendingAccessReviewInstances", "/users/{id}/pendingaccessreviewinstances", "", nil, nil},
	} {
		r := run(t, noConfig, "permissions", c.path, "--json")
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", c.path, r.code, r.err)
		}
		if strings.Count(r.out, "\n") != 1 {
			t.Errorf("%s: want one line of JSON, got %q", c.path, r.out)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(r.out), &raw); err != nil {
			t.Fatalf("%s: not JSON: %v\n%s", c.path, err, r.out)
		}
		keys := slices.Sorted(maps.Keys(raw))
		if !slices.Equal(keys, []string{"all", "co_least", "combinations", "least", "method", "path", "pattern", "rsc"}) {
			t.Errorf("%s: keys %v, want exactly path, pattern, method, least, co_least, rsc, all, combinations", c.path, keys)
		}
		var got struct {
			Path, Pattern, Least string
			CoLeast              []string `json:"co_least"`
			RSC, All             []string
		}
		if err := json.Unmarshal([]byte(r.out), &got); err != nil {
			t.Fatalf("%s: %v\n%s", c.path, err, r.out)
		}
		if got.Pattern != c.pattern || got.Least != c.least {
			t.Errorf("%s: pattern %q least %q, want %q %q", c.path, got.Pattern, got.Least, c.pattern, c.least)
		}
		if !slices.Equal(got.CoLeast, nonNil(c.coLeast)) || !slices.Equal(got.RSC, nonNil(c.rsc)) {
			t.Errorf("%s: co_least %v rsc %v, want %v %v", c.path, got.CoLeast, got.RSC, c.coLeast, c.rsc)
		}
		for _, k := range []string{"co_least", "rsc", "all"} {
			if string(raw[k]) == "null" {
				t.Errorf("%s: %s must never be null: %s", c.path, k, r.out)
			}
		}
		if c.least != "" && (len(got.All) <= 1 || got.All[0] != c.least) {
			t.Errorf("%s: all %v should start with least and list the others", c.path, got.All)
		}
	}
}

// The privilege numbers are explained, "also allowed" is ordered by them,
// and resource-specific consent alternatives are named with why graphtui
// does not pick them.
func TestPermissionsExplainsPrivilegeAndRSC(t *testing.T) {
	r := runOK(t, noConfig, "permissions", "/chats/x/messages")
	wantIn(t, "output", r.out,
		"privilege level", "higher grants more",
		"Resource-specific consent (per team or chat): ChatMessage.Read.Chat\n"+permissions.RSCNote,
	)
	_, also, _ := strings.Cut(r.out, "Also allowed")
	also, _, _ = strings.Cut(also, "\n\n")
	last := 0
	for l := range strings.Lines(also) {
		var name string
		var level int
		if n, _ := fmt.Sscanf(strings.TrimSpace(l), "%s privilege %d", &name, &level); n == 2 {
			if level < last {
				t.Errorf("also allowed is not ordered by privilege:\n%s", also)
			}
			last = level
		}
	}
	if last == 0 {
		t.Fatalf("no also-allowed permissions read from:\n%s", r.out)
	}
}

func TestPermissionsNotCallableAppOnly(t *testing.T) {
	r := runOK(t, noConfig, "permissions", "/me/messages")
	wantIn(t, "output", r.out, "Not callable app-only", "/users/{id}/messages needs Mail.ReadBasic.All")
	r = run(t, noConfig, "permissions", "/users/x/pendingAccessReviewInstances")
	if r.code != 0 || !strings.Contains(r.out, "Not callable app-only") || !strings.Contains(r.out, "delegated") {
		t.Errorf("exit %d:\n%s", r.code, r.out)
	}
}

func TestPermissionsUnknownPath(t *testing.T) {
	for _, args := range [][]string{{"/userz/x"}, {"/userz/x", "--json"}} {
		r := run(t, noConfig, append([]string{"permissions"}, args...)...)
		if r.code != 1 {
			t.Errorf("%v: exit %d, want 1", args, r.code)
		}
		if r.out != "" {
			t.Errorf("%v: stdout %q, want nothing", args, r.out)
		}
		if !strings.Contains(r.err, "no such path in the reference: /userz/x") ||
			!strings.Contains(r.err, "Closest paths:\n  /users/{id}") {
			t.Errorf("%v: stderr:\n%s", args, r.err)
		}
	}
}

func TestPermissionsUsage(t *testing.T) {
	if r := run(t, noConfig, "permissions"); r.code != 2 {
		t.Errorf("no path: exit %d, want 2: %s", r.code, r.err)
	}
	if r := run(t, noConfig, "permissions", "/users", "/groups"); r.code != 2 {
		t.Errorf("two paths: exit %d, want 2: %s", r.code, r.err)
	}
}
