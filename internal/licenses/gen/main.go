// Command gen writes THIRD_PARTY_LICENSES.md at the repository root from
// the module cache. Run it with `go generate ./internal/licenses` after
// changing go.mod; a test fails while the file is out of date.
package main

import (
	"fmt"
	"os"

	"github.com/graphtui/graphtui/internal/licenses"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "licenses:", err)
		os.Exit(1)
	}
}

func run() error {
	const root = "../.."
	mods, err := licenses.Collect(root)
	if err != nil {
		return err
	}
	goLicense, err := licenses.GoLicense()
	if err != nil {
		return err
	}
	return os.WriteFile(root+"/THIRD_PARTY_LICENSES.md", licenses.Render(goLicense, mods), 0o644)
}
