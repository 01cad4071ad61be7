package profiles

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

var newApp = Profile{
	Name:         "new",
	Tenant:       "contoso.onmicrosoft.com",
	ClientID:     "77777777-7777-7777-7777-777777777777",
	ClientSecret: "keyring:new",
}

// editCase runs one edit on a copy of testdata/commented.toml and compares
// the whole file with what the test expects.
type editCase struct {
	name   string
	edit   func(path string) error
	expect func(orig string) string // nil: the edit must fail and leave the file alone
	errMsg string                   // for failures
}

func TestEditsKeepTheRestOfTheFile(t *testing.T) {
	cases := []editCase{
		{
			name: "add appends after a blank line",
			edit: func(path string) error { return Add(path, newApp) },
			expect: func(orig string) string {
				return orig + "\n[profiles.new]\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"77777777-7777-7777-7777-777777777777\"\nclient_secret = \"keyring:new\"\n"
			},
		},
		{
			name: "add quotes a name with a dot and escapes values",
			edit: func(path string) error {
				p := newApp
				p.Name, p.ClientSecret = "new.app", `cmd:get "quoted \ value"`
				return Add(path, p)
			},
			expect: func(orig string) string {
				return orig + "\n[profiles.\"new.app\"]\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"77777777-7777-7777-7777-777777777777\"\nclient_secret = \"cmd:get \\\"quoted \\\\ value\\\"\"\n"
			},
		},
		{
			name: "update changes one value and keeps its comment",
			edit: func(path string) error {
				return Update(path, "reader", reader(path, func(p *Profile) { p.Tenant = "contoso.com" }))
			},
			expect: func(orig string) string {
				return replaceOnce(t, orig, `tenant = "contoso.onmicrosoft.com"   # the verified domain`, `tenant = "contoso.com"   # the verified domain`)
			},
		},
		{
			name: "update changes the secret reference, comment above stays",
			edit: func(path string) error {
				return Update(path, "reader", reader(path, func(p *Profile) { p.ClientSecret = "keyring:reader" }))
			},
			expect: func(orig string) string {
				return replaceOnce(t, orig, "# stored in the CI vault\nclient_secret = \"env:READER_SECRET\"", "# stored in the CI vault\nclient_secret = \"keyring:reader\"")
			},
		},
		{
			name: "update adds keys after the last one, in config order",
			edit: func(path string) error {
				return Update(path, "reader", reader(path, func(p *Profile) { p.APIVersion, p.GraphHost = "beta", "https://graph.microsoft.com" }))
			},
			expect: func(orig string) string {
				return replaceOnce(t, orig, "client_secret = \"env:READER_SECRET\"\n",
					"client_secret = \"env:READER_SECRET\"\ngraph_host = \"https://graph.microsoft.com\"\napi_version = \"beta\"\n")
			},
		},
		{
			// The loaded profile holds the absolute certificate path; the
			// file keeps the relative one because it means the same.
			name:   "update from a loaded profile removes a key and keeps unchanged text",
			edit:   updateLoaded("nightly", func(p *Profile) { p.Cloud = "" }),
			expect: func(orig string) string { return replaceOnce(t, orig, "cloud = \"usgov\"\n", "") },
		},
		{
			name: "update switches credential",
			edit: updateLoaded("nightly", func(p *Profile) { p.Certificate, p.ClientSecret = "", "env:NIGHTLY" }),
			expect: func(orig string) string {
				return replaceOnce(t, orig, "certificate = \"cert.pem\"   # next to this file\ncloud = \"usgov\"\n", "cloud = \"usgov\"\nclient_secret = \"env:NIGHTLY\"\n")
			},
		},
		{
			name: "rename rewrites only the header",
			edit: func(path string) error {
				return Update(path, "reader", reader(path, func(p *Profile) { p.Name = "reader.v2" }))
			},
			expect: func(orig string) string { return replaceOnce(t, orig, "[profiles.reader]", `[profiles."reader.v2"]`) },
		},
		{
			name: "update collapses a multi-line value",
			edit: updateLoaded("last", func(p *Profile) { p.ClientSecret = "env:LAST2" }),
			expect: func(orig string) string {
				return replaceOnce(t, orig, `client_secret = """env:LAST"""`, `client_secret = "env:LAST2"`)
			},
		},
		{
			name: "remove takes the comment above and the blank line below",
			edit: func(path string) error { return Remove(path, "nightly") },
			expect: func(orig string) string {
				return replaceOnce(t, orig, `# Certificate-based app for the nightly job.
[profiles.nightly]
tenant = "11111111-1111-1111-1111-111111111111"
  client_id   =   "22222222-2222-2222-2222-222222222222"
certificate = "cert.pem"   # next to this file
cloud = "usgov"

`, "")
			},
		},
		{
			name: "remove the last profile leaves no trailing blank line",
			edit: func(path string) error { return Remove(path, "last") },
			expect: func(orig string) string {
				return orig[:strings.Index(orig, "\n\n# Last one")+1]
			},
		},
		{
			name: "add refuses an existing name",
			edit: func(path string) error {
				return Add(path, Profile{Name: "reader", Tenant: "x.com", ClientID: newApp.ClientID, ClientSecret: "env:X"})
			},
			errMsg: `profile "reader" already exists`,
		},
		{
			name: "rename refuses an existing name",
			edit: func(path string) error {
				return Update(path, "reader", reader(path, func(p *Profile) { p.Name = "last" }))
			},
			errMsg: `"last" already exists`,
		},
		{
			name:   "update of an unknown profile",
			edit:   func(path string) error { return Update(path, "ghost", newApp) },
			errMsg: `no profile "ghost"`,
		},
		{
			name:   "remove of an unknown profile",
			edit:   func(path string) error { return Remove(path, "ghost") },
			errMsg: `no profile "ghost"`,
		},
		{
			name:   "inline profiles are left to the user",
			edit:   func(path string) error { return Remove(path, "inline") },
			errMsg: "is not written as its own [profiles.inline] table",
		},
		{
			name: "an invalid profile is never written",
			edit: func(path string) error {
				return Update(path, "reader", reader(path, func(p *Profile) { p.ClientSecret = "hunter2hunter2" }))
			},
			errMsg: "plain-text secret",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := copyTestdata(t, "commented.toml")
			if err := os.Chmod(path, 0o644); err != nil {
				t.Fatal(err)
			}
			orig := readFile(t, path)
			err := tc.edit(path)
			got := readFile(t, path)
			if tc.expect == nil {
				if err == nil || !strings.Contains(err.Error(), tc.errMsg) {
					t.Fatalf("got %v, want an error containing %q", err, tc.errMsg)
				}
				if strings.Contains(err.Error(), "hunter2") {
					t.Errorf("the error repeats the secret: %v", err)
				}
				if got != orig {
					t.Errorf("a failed edit changed the file:\n%s", got)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if want := tc.expect(orig); got != want {
					t.Errorf("file after edit:\n%s\nwant:\n%s", got, want)
				}
				if _, err := Load(path); err != nil {
					t.Errorf("edited file does not load: %v", err)
				}
				checkPrivate(t, path)
			}
			checkNoLeftovers(t, filepath.Dir(path))
		})
	}
}

// reader loads the "reader" profile and applies change to it.
func reader(path string, change func(*Profile)) Profile {
	cfg, _ := Load(path)
	p, _ := cfg.Get("reader")
	change(&p)
	return p
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if strings.Count(s, old) != 1 {
		t.Fatalf("test fixture: %q occurs %d times", old, strings.Count(s, old))
	}
	return strings.Replace(s, old, new, 1)
}

func checkPrivate(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %04o, want 0600", path, info.Mode().Perm())
	}
}

// checkNoLeftovers fails if an edit left a temporary file behind.
func checkNoLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "config.toml" && e.Name() != "cert.pem" {
			t.Errorf("unexpected file left in the config directory: %s", e.Name())
		}
	}
}

func TestAddCreatesFileAndDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "graphtui")
	path := filepath.Join(dir, "config.toml")
	if err := Add(path, newApp); err != nil {
		t.Fatal(err)
	}
	want := "[profiles.new]\ntenant = \"contoso.onmicrosoft.com\"\nclient_id = \"77777777-7777-7777-7777-777777777777\"\nclient_secret = \"keyring:new\"\n"
	if got := readFile(t, path); got != want {
		t.Errorf("new file:\n%s\nwant:\n%s", got, want)
	}
	checkPrivate(t, path)
	if info, err := os.Stat(dir); err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o700) {
		t.Errorf("config directory: %v, mode %v; want 0700", err, info.Mode().Perm())
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := cfg.Get("new")
	got.Source = Position{}
	if got != newApp {
		t.Errorf("reads back as %+v", got)
	}
	checkNoLeftovers(t, dir)
}

func TestAddRefusesInvalidProfileWithoutWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	bad := newApp
	bad.ClientID, bad.ClientSecret = "nope", "plain-secret-value"
	err := Add(path, bad)
	errs, ok := AsErrors(err)
	if !ok || len(errs) != 2 || errs[0].Key != keyClientID || errs[1].Key != keyClientSecret {
		t.Fatalf("got %v; want errors on client_id and client_secret", err)
	}
	if strings.Contains(err.Error(), "plain-secret-value") {
		t.Error("the error repeats the secret")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file was created anyway: %v", err)
	}
}

func TestEditKeepsLineEndingsAndMissingFinalNewline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	crlf := "# windows\r\n[profiles.a]\r\ntenant = \"contoso.com\"\r\nclient_id = \"00000000-0000-0000-0000-000000000000\"\r\nclient_secret = \"env:A\""
	writeFile(t, path, crlf, 0o600)

	p := Profile{Name: "a", Tenant: "contoso.com", ClientID: "00000000-0000-0000-0000-000000000000", ClientSecret: "env:A", Scope: "https://graph.microsoft.com/.default"}
	if err := Update(path, "a", p); err != nil {
		t.Fatal(err)
	}
	want := crlf + "\r\nscope = \"https://graph.microsoft.com/.default\"\r\n"
	if got := readFile(t, path); got != want {
		t.Fatalf("after update: %q\nwant %q", got, want)
	}
	b := newApp
	b.Name = "b"
	if err := Add(path, b); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); !strings.HasPrefix(got, want+"\r\n[profiles.b]\r\n") || strings.Count(got, "\n") != strings.Count(got, "\r\n") {
		t.Errorf("after add: %q", got)
	}
}

func TestUpdateFixesATypo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, "[profiles.a]\ntenant = \"contoso.com\" # mine\nclient_id = \"00000000-0000-0000-0000-000000000000\"\nclient_secert = \"env:A\"\n\n[profiles.b]\n", 0o600)
	if _, err := Load(path); err == nil {
		t.Fatal("the fixture should be invalid")
	}
	p := Profile{Name: "a", Tenant: "contoso.com", ClientID: "00000000-0000-0000-0000-000000000000", ClientSecret: "env:A"}
	if err := Update(path, "a", p); err != nil {
		t.Fatal(err)
	}
	want := "[profiles.a]\ntenant = \"contoso.com\" # mine\nclient_id = \"00000000-0000-0000-0000-000000000000\"\nclient_secret = \"env:A\"\n\n[profiles.b]\n"
	if got := readFile(t, path); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestEditRefusesBrokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	broken := "[profiles.a\ntenant = \"x\"\n"
	writeFile(t, path, broken, 0o600)
	err := Add(path, newApp)
	if err == nil || !strings.Contains(err.Error(), "not valid TOML") || !strings.Contains(err.Error(), path+":1:") {
		t.Errorf("got %v; want a refusal naming the syntax error", err)
	}
	if readFile(t, path) != broken {
		t.Error("the broken file was changed")
	}
}

func TestEditFollowsSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "graphtui.toml")
	writeFile(t, target, "# mine\n", 0o600)
	link := filepath.Join(dir, "config.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Add(link, newApp); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced by a file")
	}
	if !strings.HasPrefix(readFile(t, target), "# mine\n\n[profiles.new]\n") {
		t.Errorf("target not updated: %q", readFile(t, target))
	}
	entries, _ := os.ReadDir(filepath.Dir(target))
	if names := len(entries); names != 1 {
		t.Errorf("leftover files next to the target: %d entries", names)
	}
}

func TestEditSequenceReadsBack(t *testing.T) {
	path := copyTestdata(t, "commented.toml")
	second := newApp
	second.Name = "second"
	if err := Add(path, newApp); err != nil {
		t.Fatal(err)
	}
	if err := Add(path, second); err != nil {
		t.Fatal(err)
	}
	if err := Remove(path, "new"); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.Names(), []string{"reader", "nightly", "inline", "last", "second"}; !slices.Equal(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
}

// updateLoaded is an edit that loads the config, changes profile name as
// the TUI's form would, and saves it with Update.
func updateLoaded(name string, change func(p *Profile)) func(path string) error {
	return func(path string) error {
		cfg, _ := Load(path)
		p, _ := cfg.Get(name)
		change(&p)
		return Update(path, name, p)
	}
}
