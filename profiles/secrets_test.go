package profiles

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestResolveEnv(t *testing.T) {
	s := Secrets{LookupEnv: fakeEnv(map[string]string{"APP_SECRET": "s3cr3t", "EMPTY": ""})}
	got, err := s.Resolve(context.Background(), "env:APP_SECRET")
	if err != nil || got != "s3cr3t" {
		t.Fatalf("env:APP_SECRET = %q, %v", got, err)
	}
	for ref, want := range map[string]string{
		"env:MISSING": "MISSING (from env:MISSING) is not set",
		"env:EMPTY":   "EMPTY (from env:EMPTY) is empty",
		"env:":        `"env:" reference is empty`,
	} {
		if _, err := s.Resolve(context.Background(), ref); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error containing %q", ref, err, want)
		}
	}
}

func TestResolveCommand(t *testing.T) {
	helper := useHelper(t, "print")
	t.Setenv("PROFILES_TEST_OUT", "cmd-secret")
	s := Secrets{CmdTimeout: 10 * time.Second}
	got, err := s.Resolve(context.Background(), "cmd:"+quoteArg(helper))
	if err != nil || got != "cmd-secret" {
		t.Fatalf("got %q, %v; want the helper's output without its newline", got, err)
	}

	t.Setenv(helperEnv, "args")
	got, err = s.Resolve(context.Background(), "cmd:"+quoteArg(helper)+` plain 'single quoted' "double \"quoted\"" back\ slash`)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[plain][single quoted][double "quoted"][back slash]`; got != want {
		t.Errorf("arguments = %s, want %s", got, want)
	}
}

func TestResolveCommandWithSystemTools(t *testing.T) {
	if _, err := exec.LookPath("printf"); err != nil {
		t.Skip("no printf here")
	}
	// No shell runs: the quotes are graphtui's, and $HOME stays literal.
	got, err := Secrets{}.Resolve(context.Background(), `cmd:printf "%s\n" 'a $HOME b'`)
	if err != nil || got != "a $HOME b" {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestResolveCommandFailures(t *testing.T) {
	cases := []struct {
		name, mode, ref string
		want            string
	}{
		{"exit status", "fail", "", "failed (exit status 3); it said: vault is locked"},
		{"no output", "silent", "", "printed nothing"},
		{"hang", "hang", "", "did not finish within 200ms"},
		{"not found", "", "cmd:graphtui-no-such-program-xyz", "program not found"},
		{"open quote", "", `cmd:pass "show`, "unterminated \" quote"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ref := tc.ref
			if tc.mode != "" {
				ref = "cmd:" + quoteArg(useHelper(t, tc.mode))
			}
			done := make(chan error, 1)
			go func() {
				timeout := 30 * time.Second // a loaded machine starts processes slowly
				if tc.mode == "hang" {
					timeout = 200 * time.Millisecond
				}
				_, err := Secrets{CmdTimeout: timeout}.Resolve(context.Background(), ref)
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("Resolve did not return: the command timeout is not enforced")
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "leaked-stdout-secret") {
				t.Errorf("the error repeats the command's stdout: %v", err)
			}
		})
	}
}

func TestResolveFile(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	writeFile(t, filepath.Join(home, "secret"), "file-secret\r\n", 0o600)
	writeFile(t, filepath.Join(home, "empty"), "\n", 0o600)
	writeFile(t, filepath.Join(home, "huge"), strings.Repeat("x", maxSecretFile+1), 0o600)

	got, err := Secrets{}.Resolve(context.Background(), "file:~/secret")
	if err != nil || got != "file-secret" {
		t.Fatalf("file:~/secret = %q, %v", got, err)
	}
	for ref, want := range map[string]string{
		"file:~/missing": "no such file",
		"file:~/empty":   "is empty",
		"file:~/huge":    "too large for a secret",
	} {
		if _, err := (Secrets{}).Resolve(context.Background(), ref); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", ref, err, want)
		}
	}
}

func TestResolveRefusesPlainText(t *testing.T) {
	_, err := Secrets{}.Resolve(context.Background(), "Zx8Q~hunter2hunter2")
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "env:VAR") {
		t.Errorf("got %v; want a refusal that does not repeat the value", err)
	}
}

func TestSplitCommand(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		err  bool
	}{
		{"az keyvault secret show --name x", []string{"az", "keyvault", "secret", "show", "--name", "x"}, false},
		{`  op  read  "op://vault/app/secret"  `, []string{"op", "read", "op://vault/app/secret"}, false},
		{`a '' "" b`, []string{"a", "", "", "b"}, false},
		{`a 'it''s' "x\\y"`, []string{"a", "its", `x\y`}, false},
		{`"keep\n literal"`, []string{`keep\n literal`}, false},
		{`C:\\tools\\get.exe`, []string{`C:\tools\get.exe`}, false},
		{`a 'open`, nil, true},
		{`a \`, nil, true},
		{"   ", nil, true},
	}
	for _, tc := range cases {
		got, err := splitCommand(tc.in)
		if (err != nil) != tc.err || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("splitCommand(%q) = %q, %v; want %q (error %v)", tc.in, got, err, tc.want, tc.err)
		}
	}
}

// quoteArg quotes a path for a cmd: reference (test binaries live in
// temporary directories that may contain spaces).
func quoteArg(s string) string {
	return "'" + s + "'"
}

func TestHelperIsNotRunAsATest(t *testing.T) {
	// Guard: the helper modes must only run when asked to.
	if os.Getenv(helperEnv) != "" {
		t.Fatal("helper mode leaked into the test run")
	}
}
