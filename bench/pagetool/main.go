// Command pagetool is bench/compare.sh's helper: it writes the generated
// /users pages the graph package's benchmarks use, and pretty-prints a JSON
// file the way `graphtui get -o pretty` prints a body, so that jq and
// graphtui can be timed on the same bytes.
//
//	go run ./bench/pagetool write 10 users-10MB.json   # a 10 MiB page
//	go run ./bench/pagetool pretty users-10MB.json > /dev/null
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"

	"github.com/graphtui/graphtui/bench/benchdata"
	"github.com/graphtui/graphtui/render"
)

const usage = `usage:
  pagetool write MB FILE   write the benchmarks' generated /users page of MB MiB to FILE
  pagetool pretty FILE     print FILE as graphtui get -o pretty does, in true colour`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pagetool:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	switch {
	case len(args) == 3 && args[0] == "write":
		mb, err := strconv.Atoi(args[1])
		if err != nil || mb < 1 {
			return fmt.Errorf("size %q is not a whole number of MiB\n%s", args[1], usage)
		}
		return os.WriteFile(args[2], benchdata.UsersPage(mb<<20), 0o644)
	case len(args) == 2 && args[0] == "pretty":
		body, err := os.ReadFile(args[1])
		if err != nil {
			return err
		}
		w := bufio.NewWriter(os.Stdout)
		if err := render.Pretty(w, body, "application/json", render.ColorTrue, render.DefaultStyle); err != nil {
			return err
		}
		return w.Flush()
	}
	return fmt.Errorf("%s", usage)
}
