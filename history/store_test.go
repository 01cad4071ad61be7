package history

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphtui/graphtui/graph"
)

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func entry(profile, path string, minute int) Entry {
	return Entry{Profile: profile, Version: "v1.0", Path: path, Time: t0.Add(time.Duration(minute) * time.Minute)}
}

func paths(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Path)
	}
	return out
}

func TestAddNewestFirstPerProfile(t *testing.T) {
	s, err := Load(tempHistory(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Add(entry("a", "/users", 1))
	s.Add(entry("b", "/groups", 2))
	s.Add(entry("a", "/organization", 3))
	if got := paths(s.For("a")); strings.Join(got, " ") != "/organization /users" {
		t.Errorf("For(a) = %v, want newest first", got)
	}
	if got := paths(s.For("b")); strings.Join(got, " ") != "/groups" {
		t.Errorf("For(b) = %v", got)
	}
	if got := s.For("nobody"); len(got) != 0 {
		t.Errorf("For(nobody) = %v, want none", got)
	}
}

func TestConsecutiveDuplicatesCollapse(t *testing.T) {
	s, _ := Load(tempHistory(t))
	s.Add(entry("a", "/users", 1))
	s.Add(entry("b", "/users", 2)) // another profile in between does not break the run
	s.Add(entry("a", "/users", 3))
	got := s.For("a")
	if len(got) != 1 || !got[0].Time.Equal(t0.Add(3*time.Minute)) {
		t.Fatalf("For(a) = %+v, want one /users entry with the latest time", got)
	}
	s.Add(entry("a", "/groups", 4))
	s.Add(entry("a", "/users", 5)) // not consecutive: kept twice
	if got := paths(s.For("a")); strings.Join(got, " ") != "/users /groups /users" {
		t.Errorf("For(a) = %v", got)
	}
	withQuery := entry("a", "/users", 6)
	withQuery.Query = []graph.QueryParam{{Key: "$top", Value: "5"}}
	s.Add(withQuery)
	if n := len(s.For("a")); n != 4 {
		t.Errorf("a different query is a different request: got %d entries, want 4", n)
	}
}

func TestBounds(t *testing.T) {
	s, _ := Load(tempHistory(t))
	for i := range MaxPerProfile + 20 {
		s.Add(entry("busy", fmt.Sprintf("/users/%d", i), i))
	}
	got := s.For("busy")
	if len(got) != MaxPerProfile {
		t.Fatalf("kept %d entries for one profile, want %d", len(got), MaxPerProfile)
	}
	if want := fmt.Sprintf("/users/%d", MaxPerProfile+19); got[0].Path != want {
		t.Errorf("newest = %s, want %s", got[0].Path, want)
	}
	if got[len(got)-1].Path != "/users/20" {
		t.Errorf("oldest kept = %s, want /users/20 (the 20 oldest dropped)", got[len(got)-1].Path)
	}

	for p := range 10 {
		for i := range 150 {
			s.Add(entry(fmt.Sprintf("p%d", p), fmt.Sprintf("/groups/%d", i), 1000+p*150+i))
		}
	}
	total := len(s.For("busy"))
	for p := range 10 {
		total += len(s.For(fmt.Sprintf("p%d", p)))
	}
	if total != MaxTotal {
		t.Errorf("kept %d entries in all, want %d", total, MaxTotal)
	}
	if n := len(s.For("busy")); n != 0 {
		t.Errorf("the oldest profile should have been pushed out first, still has %d", n)
	}
}

const jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlcyI6WyJVc2VyLlJlYWQuQWxsIl19.c2lnbmF0dXJlLXZhbHVl"

func TestCredentialsAreNeverStored(t *testing.T) {
	path := tempHistory(t)
	s, _ := Load(path)
	req := graph.Request{
		Version: "beta",
		Path:    "/users?access_token=" + jwt,
		Query: []graph.QueryParam{
			{Key: "$top", Value: "5"},
			{Key: "$skiptoken", Value: "RFNwdAIAAQAAAA"},
			{Key: "code", Value: "0.AAAA-secret-code"},
			{Key: "$filter", Value: jwt},
		},
		Header: http.Header{
			"Authorization":       {"Bearer " + jwt},
			"Proxy-Authorization": {"Basic dXNlcjpwYXNzd29yZA=="},
			"Cookie":              {"session=s3cr3t-cookie"},
			"X-Api-Key":           {"k3y-value-123"},
			"X-Forwarded":         {"Bearer opaque-token-value"},
			"X-Debug":             {jwt},
			"Consistencylevel":    {"eventual"},
			"Prefer":              {`outlook.timezone="UTC"`},
		},
	}
	s.Add(NewEntry("a", req, t0))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"eyJ", "dXNlcjpwYXNzd29yZA", "s3cr3t-cookie", "k3y-value-123", "opaque-token-value", "secret-code", "Authorization", "Cookie"} {
		if strings.Contains(string(data), secret) {
			t.Errorf("history file contains %q:\n%s", secret, data)
		}
	}
	got := s.For("a")[0]
	wantHeaders := []Header{{"Consistencylevel", "eventual"}, {"Prefer", `outlook.timezone="UTC"`}}
	if fmt.Sprint(got.Header) != fmt.Sprint(wantHeaders) {
		t.Errorf("headers kept = %v, want %v", got.Header, wantHeaders)
	}
	wantQuery := []graph.QueryParam{{Key: "$top", Value: "5"}, {Key: "$skiptoken", Value: "RFNwdAIAAQAAAA"}}
	if fmt.Sprint(got.Query) != fmt.Sprint(wantQuery) {
		t.Errorf("query kept = %v, want %v (paging cursors are not secrets)", got.Query, wantQuery)
	}
	if !strings.HasPrefix(got.Path, "/users?access_token=") || strings.Contains(got.Path, "eyJ") {
		t.Errorf("path = %q, want the token redacted", got.Path)
	}
}

func TestOrdinaryPathsAreNotRedacted(t *testing.T) {
	s, _ := Load(tempHistory(t))
	for _, p := range []string{"/me/drive/root:/code:/children", "/users?$filter=startswith(displayName,'sig')", "/sites/contoso.sharepoint.com:/sites/password:"} {
		s.Add(entry("a", p, 1))
		if got := s.For("a")[0].Path; got != p {
			t.Errorf("stored %q as %q", p, got)
		}
	}
	s.Add(entry("a", "/users/"+jwt+"/messages", 2))
	if got := s.For("a")[0].Path; got != "/users/[redacted-jwt]/messages" {
		t.Errorf("JWT in the path stored as %q", got)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "graphtui", FileName)
	s, _ := Load(path)
	req := graph.Request{Version: "beta", Path: "/users", Query: []graph.QueryParam{{Key: "$select", Value: "id,displayName"}},
		Header: http.Header{"Consistencylevel": {"eventual"}}}
	s.Add(NewEntry("a", req, t0))
	s.Add(entry("a", "/groups", 5))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got := back.For("a")
	if len(got) != 2 || got[0].Path != "/groups" {
		t.Fatalf("loaded %+v", got)
	}
	r := got[1].Request()
	if r.Version != "beta" || r.Path != "/users" || fmt.Sprint(r.Query) != fmt.Sprint(req.Query) || r.Header.Get("ConsistencyLevel") != "eventual" {
		t.Errorf("replayed request = %+v, want %+v", r, req)
	}
}

func TestSaveIsPrivateAndAtomic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "graphtui")
	path := filepath.Join(dir, FileName)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// An older, world-readable file is replaced by a private one.
	if err := os.WriteFile(path, []byte(`{"version":1,"entries":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		s.Add(entry("a", fmt.Sprintf("/users/%d", i), i))
		if err := s.Save(); err != nil {
			t.Fatal(err)
		}
	}
	names, _ := os.ReadDir(dir)
	if len(names) != 1 || names[0].Name() != FileName {
		var all []string
		for _, n := range names {
			all = append(all, n.Name())
		}
		t.Errorf("directory holds %v, want only %s (no temporary files)", all, FileName)
	}
	if runtime.GOOS == "windows" {
		return
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("file mode = %o, want 600", mode)
	}

	fresh := filepath.Join(t.TempDir(), "new", "graphtui", FileName)
	s, _ = Load(fresh)
	s.Add(entry("a", "/users", 1))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	dinfo, err := os.Stat(filepath.Dir(fresh))
	if err != nil {
		t.Fatal(err)
	}
	if mode := dinfo.Mode().Perm(); mode != 0o700 {
		t.Errorf("created directory mode = %o, want 700", mode)
	}
}

func TestSaveFailureLeavesNoTempFile(t *testing.T) {
	dir := t.TempDir()
	// The target is a non-empty directory, so the final rename fails.
	path := filepath.Join(dir, FileName)
	if err := os.MkdirAll(filepath.Join(path, "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	s := &Store{path: path}
	s.Add(entry("a", "/users", 1))
	if err := s.Save(); err == nil {
		t.Fatal("Save over a directory succeeded")
	}
	names, _ := os.ReadDir(dir)
	if len(names) != 1 {
		t.Errorf("directory holds %d entries after a failed save, want only the original", len(names))
	}
}

func TestLoadMissingAndCorruptFiles(t *testing.T) {
	dir := t.TempDir()
	s, err := Load(filepath.Join(dir, "missing", FileName))
	if err != nil || len(s.For("a")) != 0 {
		t.Fatalf("missing file: %v, %v; want an empty history and no error", s.For("a"), err)
	}

	for name, content := range map[string]string{
		"truncated":  `{"version":1,"entries":[{"profile":"a","path":"/us`,
		"not json":   "\x00\x01garbage",
		"wrong type": `{"version":1,"entries":{"profile":"a"}}`,
		"future":     `{"version":9,"entries":[]}`,
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Load(path)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if s == nil || len(s.For("a")) != 0 {
			t.Errorf("%s: want an empty usable store", name)
			continue
		}
		if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "empty history") {
			t.Errorf("%s: error %q should name the file and say what happens", name, err)
		}
		// The damaged file is replaced by the next save.
		s.Add(entry("a", "/users", 1))
		if err := s.Save(); err != nil {
			t.Fatalf("%s: save: %v", name, err)
		}
		if back, err := Load(path); err != nil || len(back.For("a")) != 1 {
			t.Errorf("%s: after save: %v, %v", name, back.For("a"), err)
		}
	}
}

func TestLoadAppliesRulesToHandEditedFiles(t *testing.T) {
	path := tempHistory(t)
	content := `{"version":1,"entries":[
	  {"profile":"a","path":"/old","time":"2025-03-01T09:00:00Z"},
	  {"profile":"a","path":"/new","time":"2025-03-01T10:00:00Z","header":[{"name":"Authorization","value":"Bearer abcdefghijkl"}]},
	  {"profile":"","path":"/orphan","time":"2025-03-01T11:00:00Z"}
	]}`
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got := s.For("a")
	if strings.Join(paths(got), " ") != "/new /old" {
		t.Errorf("order = %v, want newest first by time", paths(got))
	}
	if len(got) > 0 && len(got[0].Header) != 0 {
		t.Errorf("an Authorization header in the file was kept: %v", got[0].Header)
	}
	if len(s.For("")) != 0 {
		t.Error("an entry without a profile was kept")
	}
}

func TestStoreIsSafeForConcurrentUse(t *testing.T) {
	s, _ := Load(tempHistory(t))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				s.Add(entry("a", fmt.Sprintf("/users/%d/%d", i, j), j))
				_ = s.For("a")
				if j%10 == 0 {
					if err := s.Save(); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if n := len(s.For("a")); n != MaxPerProfile {
		t.Errorf("got %d entries, want %d", n, MaxPerProfile)
	}
}

func TestDefaultPath(t *testing.T) {
	home := func() (string, error) { return "/home/ada", nil }
	config := func() (string, error) { return "/Users/ada/Library/Application Support", nil }
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "XDG_STATE_HOME" {
				return v
			}
			return ""
		}
	}
	cases := []struct {
		goos, xdg, want string
	}{
		{"linux", "", filepath.Join("/home/ada", ".local", "state", "graphtui", FileName)},
		{"freebsd", "", filepath.Join("/home/ada", ".local", "state", "graphtui", FileName)},
		{"linux", "/var/state", filepath.Join("/var/state", "graphtui", FileName)},
		{"linux", "relative/state", filepath.Join("/home/ada", ".local", "state", "graphtui", FileName)},
		{"darwin", "", filepath.Join("/Users/ada/Library/Application Support", "graphtui", FileName)},
		{"windows", "", filepath.Join("/Users/ada/Library/Application Support", "graphtui", FileName)},
	}
	for _, c := range cases {
		got, err := defaultPath(c.goos, env(c.xdg), home, config)
		if err != nil || got != c.want {
			t.Errorf("%s XDG_STATE_HOME=%q: got %q, %v; want %q", c.goos, c.xdg, got, err, c.want)
		}
	}
	noHome := func() (string, error) { return "", os.ErrNotExist }
	if _, err := defaultPath("linux", env(""), noHome, config); err == nil || !strings.Contains(err.Error(), "XDG_STATE_HOME") {
		t.Errorf("without a home directory: %v, want an error that suggests XDG_STATE_HOME", err)
	}
}

func TestHeaderOrderDoesNotDefeatDedupe(t *testing.T) {
	s, _ := Load(tempHistory(t))
	a := entry("a", "/users", 1)
	a.Header = []Header{{"Prefer", "x"}, {"Consistencylevel", "eventual"}}
	b := entry("a", "/users", 2)
	b.Header = []Header{{"Consistencylevel", "eventual"}, {"Prefer", "x"}}
	s.Add(a)
	s.Add(b)
	if n := len(s.For("a")); n != 1 {
		t.Errorf("same headers in another order gave %d entries, want 1", n)
	}
}

// tempHistory is a history file's path in a new directory.
func tempHistory(t *testing.T) string {
	return filepath.Join(t.TempDir(), FileName)
}
