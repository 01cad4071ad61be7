package permissions

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func pack(t *testing.T, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(text))
	zw.Close()
	return buf.Bytes()
}

func TestParseIndex(t *testing.T) {
	ix, err := parseIndex(pack(t, "# comment\nA.Read.All\t3\t-\nA.ReadWrite.All\t4\tid-4\nA.Read.Group\t2\t-\trsc\n/as\tG\t0*\t1\t2+\tP\t1\t0&2*\n/as/{id}\tG\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.perms) != 3 || !ix.perms[2].rsc || ix.perms[1].level != 4 || ix.perms[1].id != "id-4" || ix.perms[0].id != "" {
		t.Errorf("permissions: %+v", ix.perms)
	}
	n := ix.root.match(matchSegments([]string{"AS"}), 0, allMethods)
	if n == nil {
		t.Fatal("/AS did not match /as")
	}
	e := ix.entries[n.entry]
	if g := e.grantsFor(methodGET); e.pattern != "/as" || g == nil || g.least != 1 || len(g.perms) != 3 || g.rsc != 1<<2 || len(g.pairs) != 0 {
		t.Errorf("GET /as: %+v", e)
	}
	if g := e.grantsFor(methodPOST); g == nil || g.least != 0 || len(g.perms) != 1 || len(g.pairs) != 1 || g.pairs[0] != [2]uint16{0, 2} || !g.leastPair {
		t.Errorf("POST /as: %+v", g)
	}
	if e.grantsFor(methodDELETE) != nil {
		t.Errorf("DELETE /as is not listed, yet has permissions")
	}
	if n := ix.root.match([]string{"as", "x"}, 0, allMethods); n == nil || len(ix.entries[n.entry].sets[0].perms) != 0 {
		t.Errorf("/as/x: want the pattern without permissions")
	}
	if n := ix.root.match([]string{"as", "x"}, 0, 1<<methodPOST); n != nil {
		t.Errorf("/as/x is listed for GET only, yet matched for POST")
	}
}

// A damaged index is refused with the line at fault, not half loaded.
func TestParseIndexRejectsDamage(t *testing.T) {
	for text, want := range map[string]string{
		"A.Read.All\tx\n":                                "line 1",
		"A.Read.All\t3\t-\n/as\tG\t7\n":                  "bad permission index",
		"A.Read.All\t3\t-\nB\t3\t-\n/as\tG\t0\t1*\n":     "least privileged must come first",
		"A.Read.All\t3\t-\n/\u00e4s\n":                   "not ASCII",
		"A.Read.All\t3\t-\n/as\tG\t0+\n":                 "not resource-specific",
		"A.Read.All\t3\t-\n/as\t0\n":                     "before a method letter",
		"A.Read.All\t3\t-\n/as\tP\tG\n":                  "out of order",
		"A.Read.All\t3\t-\n/as\tP\t0&7\n":                "bad permission pair",
		"A.Read.All\t3\t-\nB\t3\t-\n/as\tP\t0&1\t1&0*\n": "only the first pair",
	} {
		_, err := parseIndex(pack(t, text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseIndex(%q) = %v, want an error with %q", text, err, want)
		}
	}
	if _, err := parseIndex([]byte("not gzip")); err == nil {
		t.Error("parseIndex accepted data that is not gzip")
	}
}
