package licenses

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// Every module built into this platform's binary has its license in the
// committed THIRD_PARTY_LICENSES.md, at the version go.mod selects: a
// dependency added or bumped without `go generate ./internal/licenses`
// fails here. The module cache is read offline (GOPROXY=off).
func TestThirdPartyLicensesCoverTheBinary(t *testing.T) {
	doc, err := os.ReadFile("../../THIRD_PARTY_LICENSES.md")
	if err != nil {
		t.Fatal(err)
	}
	deps, err := Deps("../..", runtime.GOOS, "GOPROXY=off")
	if err != nil {
		if strings.Contains(err.Error(), "GOPROXY=off") || strings.Contains(err.Error(), "module lookup disabled") {
			t.Skipf("the module cache lacks a dependency and the network is off: %v", err)
		}
		t.Fatal(err)
	}
	if len(deps) < 10 {
		t.Fatalf("go list found only %d modules: %v", len(deps), deps)
	}
	for _, d := range deps {
		if heading := "\n## " + d[0] + " " + d[1] + "\n"; !strings.Contains(string(doc), heading) {
			t.Errorf("THIRD_PARTY_LICENSES.md lacks %s %s: run go generate ./internal/licenses", d[0], d[1])
		}
	}
	if !strings.Contains(string(doc), "## The Go programming language") {
		t.Error("the Go distribution's license is missing")
	}
}

func TestRenderKeepsEachLicenseWhole(t *testing.T) {
	got := string(Render("Go terms\r\n", []Module{
		{Path: "example.com/a", Version: "v1.0.0", Files: []File{{Name: "LICENSE", Text: "A terms\nline two\n\n"}, {Name: "PATENTS", Text: "A patents"}}},
	}))
	for _, want := range []string{
		"## The Go programming language\n\n### LICENSE\n\n```\nGo terms\n```\n",
		"## example.com/a v1.0.0\n\n### LICENSE\n\n```\nA terms\nline two\n```\n\n### PATENTS\n\n```\nA patents\n```\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestLicenseFileNames(t *testing.T) {
	for name, want := range map[string]bool{
		"LICENSE": true, "LICENSE.txt": true, "COPYING": true, "LICENCE.md": true, "PATENTS": true, "NOTICE": true,
		"license_test.go": false, "LICENSES": false, "README.md": false,
	} {
		if licenseFile.MatchString(name) != want {
			t.Errorf("%s: matched %v", name, !want)
		}
	}
}
