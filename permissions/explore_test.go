package permissions

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestExplore(t *testing.T) {
	for _, in := range strings.Split(os.Getenv("Q"), "|") {
		m, ok := Lookup(in)
		fmt.Printf("%q -> %v %q least=%v all=%v app=%v\n", in, ok, m.Pattern, m.Least, len(m.All), m.AppOnly)
	}
	for _, in := range strings.Split(os.Getenv("S"), "|") {
		fmt.Printf("suggest %q -> %q\n", in, Suggest(in, 8))
	}
}
