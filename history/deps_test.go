package history

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
)

// The history file is written by a package that cleans text but holds no
// credentials: it must not pull in auth and, through it, MSAL.
func TestHistoryDoesNotDependOnAuth(t *testing.T) {
	const module = "github.com/graphtui/graphtui"
	seen := map[string]bool{}
	var walk func(importPath, dir string, chain []string)
	walk = func(importPath, dir string, chain []string) {
		if seen[importPath] {
			return
		}
		seen[importPath] = true
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatalf("%s: %v", importPath, err)
		}
		chain = append(chain, importPath)
		for _, imp := range pkg.Imports {
			if imp == module+"/auth" || strings.Contains(imp, "microsoft-authentication-library") {
				t.Errorf("history depends on %s via %s", imp, strings.Join(chain, " -> "))
			}
			if rest, ok := strings.CutPrefix(imp, module+"/"); ok {
				walk(imp, filepath.Join("..", filepath.FromSlash(rest)), chain)
			}
		}
	}
	walk(module+"/history", ".", nil)
}
