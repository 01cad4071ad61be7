package profiles

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

const writerConfig = `[profiles.writer]
tenant = "contoso.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000000"
client_secret = "env:X"
allow_writes = true

[profiles.reader]
tenant = "contoso.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000000"
client_secret = "env:X"
allow_writes = false

[profiles.plain]
tenant = "contoso.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000000"
client_secret = "env:X"
`

func TestAllowWritesIsABoolKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, writerConfig, 0o600)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"writer": true, "reader": false, "plain": false} {
		if p, ok := cfg.Get(name); !ok || p.AllowWrites != want {
			t.Errorf("%s: AllowWrites %v (found %v), want %v", name, p.AllowWrites, ok, want)
		}
	}
	for value, want := range map[string]string{
		`"true"`: "must be true or false without quotes, not a string in quotes",
		`1`:      "must be true or false without quotes, not a number",
	} {
		writeFile(t, path, strings.Replace(writerConfig, "allow_writes = true", "allow_writes = "+value, 1), 0o600)
		_, err := Load(path)
		var errs Errors
		if !errors.As(err, &errs) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "allow_writes") {
			t.Errorf("allow_writes = %s: %v, want %q", value, err, want)
		}
	}
	writeFile(t, path, strings.Replace(writerConfig, "allow_writes = true", "allow_write = true", 1), 0o600)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), `did you mean "allow_writes"?`) {
		t.Errorf("typo: %v", err)
	}
}

// The guard: GET always; a write only with allow_writes, else an error
// naming the key, the table and the file.
func TestMayWrite(t *testing.T) {
	p := Profile{Name: "reader", Source: Position{File: "/home/a/.config/graphtui/config.toml", Line: 3}}
	for _, m := range []string{"", "GET", "get"} {
		if err := p.MayWrite(m); err != nil {
			t.Errorf("MayWrite(%q) = %v", m, err)
		}
	}
	for _, m := range []string{"POST", "patch", "PUT", "DELETE"} {
		err := p.MayWrite(m)
		var off *WritesOffError
		if !errors.As(err, &off) {
			t.Fatalf("MayWrite(%s) = %v, want a refusal", m, err)
		}
		for _, want := range []string{"allow_writes = true", "[profiles.reader]", "/home/a/.config/graphtui/config.toml", strings.ToUpper(m)} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("MayWrite(%s) = %q, lacks %q", m, err, want)
			}
		}
	}
	p.AllowWrites = true
	if err := p.MayWrite("DELETE"); err != nil {
		t.Errorf("allowed profile refused: %v", err)
	}
	env := Profile{Name: EnvProfileName}
	if err := env.MayWrite("POST"); err == nil || !strings.Contains(err.Error(), "environment variables") {
		t.Errorf("env profile: %v", err)
	}
}

// Editing a profile keeps, adds or drops allow_writes as the profile says.
func TestEditKeepsAllowWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, writerConfig, 0o600)
	cfg, _ := Load(path)
	w, _ := cfg.Get("writer")
	w.Scope = "https://graph.microsoft.com/.default"
	if err := Update(path, "writer", w); err != nil {
		t.Fatal(err)
	}
	r, _ := cfg.Get("reader")
	r.AllowWrites = true
	if err := Update(path, "reader", r); err != nil {
		t.Fatal(err)
	}
	pl, _ := cfg.Get("plain")
	pl.AllowWrites = true
	if err := Update(path, "plain", pl); err != nil {
		t.Fatal(err)
	}
	n := newApp
	n.AllowWrites = true
	if err := Add(path, n); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"writer", "reader", "plain", "new"} {
		if p, _ := cfg.Get(name); !p.AllowWrites {
			t.Errorf("%s lost allow_writes:\n%s", name, readFile(t, path))
		}
	}
	w.AllowWrites = false
	if err := Update(path, "writer", w); err != nil {
		t.Fatal(err)
	}
	cfg, _ = Load(path)
	if p, _ := cfg.Get("writer"); p.AllowWrites {
		t.Errorf("writer still allows writes:\n%s", readFile(t, path))
	}
}
