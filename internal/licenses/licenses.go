// Package licenses collects the license texts of the Go modules built into
// graphtui, for THIRD_PARTY_LICENSES.md: the BSD, MIT and Apache licenses
// of those modules ask for their notices to travel with the binary.
package licenses

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Platforms are the release targets' GOOS values: a module may be built in
// for one of them only (the Windows credential store, D-Bus on Linux).
var Platforms = []string{"linux", "darwin", "windows"}

// Module is a module built into the binary, with its license files.
type Module struct {
	Path, Version string
	Files         []File
}

// File is one license or notice file of a module.
type File struct {
	Name, Text string
}

// licenseFile matches the files that carry a module's terms.
var licenseFile = regexp.MustCompile(`(?i)^(licen[cs]e|copying|notice|patents)(\.(md|txt))?$`)

// Deps lists the modules the main package of dir depends on for goos, as
// path, version and directory in the module cache. env is added to the go
// command's environment.
func Deps(dir, goos string, env ...string) ([][3]string, error) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}} {{.Version}} {{.Dir}}{{end}}{{end}}", ".")
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOOS="+goos), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list for %s: %v: %s", goos, err, strings.TrimSpace(stderr.String()))
	}
	var mods [][3]string
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() { // a line per package: keep each module once
		if f := strings.SplitN(sc.Text(), " ", 3); len(f) == 3 && !seen[f[0]] {
			seen[f[0]] = true
			mods = append(mods, [3]string{f[0], f[1], f[2]})
		}
	}
	return mods, sc.Err()
}

// Collect reads the license files of every module built into the binary
// on any of Platforms. A module without one is an error: its terms must be
// checked by hand before a release.
func Collect(dir string) ([]Module, error) {
	seen := map[string]bool{}
	var mods []Module
	for _, goos := range Platforms {
		deps, err := Deps(dir, goos)
		if err != nil {
			return nil, err
		}
		for _, d := range deps {
			key := d[0] + "@" + d[1]
			if seen[key] {
				continue
			}
			seen[key] = true
			m := Module{Path: d[0], Version: d[1]}
			entries, err := os.ReadDir(d[2])
			if err != nil {
				return nil, err
			}
			for _, e := range entries {
				if e.Type().IsRegular() && licenseFile.MatchString(e.Name()) {
					text, err := os.ReadFile(filepath.Join(d[2], e.Name()))
					if err != nil {
						return nil, err
					}
					m.Files = append(m.Files, File{Name: e.Name(), Text: string(text)})
				}
			}
			if len(m.Files) == 0 {
				return nil, fmt.Errorf("%s has no license file in %s: check its terms by hand", key, d[2])
			}
			mods = append(mods, m)
		}
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].Path < mods[j].Path })
	return mods, nil
}

// Render writes the document: the Go distribution's license (its runtime
// and standard library are in every Go binary), then each module's files.
func Render(goLicense string, mods []Module) []byte {
	var b bytes.Buffer
	b.WriteString("# Third-party licenses\n\n")
	b.WriteString("graphtui binaries contain the Go runtime and standard library and the Go modules below.\n")
	b.WriteString("Their license texts follow. This file is generated: `go generate ./internal/licenses`.\n")
	b.WriteString("Data embedded in graphtui is credited in THIRD_PARTY_NOTICES.md.\n")
	block := func(title, text string) {
		fmt.Fprintf(&b, "\n### %s\n\n```\n%s\n```\n", title, strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n"))
	}
	b.WriteString("\n## The Go programming language\n")
	block("LICENSE", goLicense)
	for _, m := range mods {
		fmt.Fprintf(&b, "\n## %s %s\n", m.Path, m.Version)
		for _, f := range m.Files {
			block(f.Name, f.Text)
		}
	}
	return b.Bytes()
}

// GoLicense reads the license of the Go distribution that builds graphtui.
func GoLicense() (string, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	text, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "LICENSE"))
	return string(text), err
}
