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
	ix, err := parseIndex(pack(t, "# comment\nA.Read.All\t3\nA.ReadWrite.All\t4\nA.Read.Group\t2\trsc\n/as\t0*\t1\t2+\n/as/{id}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.perms) != 3 || !ix.perms[2].rsc || ix.perms[1].level != 4 {
		t.Errorf("permissions: %+v", ix.perms)
	}
	n := ix.root.match(matchSegments([]string{"AS"}), 0)
	if n == nil {
		t.Fatal("/AS did not match /as")
	}
	if e := ix.entries[n.entry]; e.pattern != "/as" || e.least != 1 || len(e.perms) != 3 || e.rsc != 1<<2 {
		t.Errorf("entry %+v", e)
	}
	if n := ix.root.match([]string{"as", "x"}, 0); n == nil || len(ix.entries[n.entry].perms) != 0 {
		t.Errorf("/as/x: want the pattern without permissions")
	}
}

// A damaged index is refused with the line at fault, not half loaded.
func TestParseIndexRejectsDamage(t *testing.T) {
	for text, want := range map[string]string{
		"A.Read.All\tx\n":                   "line 1",
		"A.Read.All\t3\n/as\t7\n":           "bad permission index",
		"A.Read.All\t3\nB\t3\n/as\t0\t1*\n": "least privileged must come first",
		"A.Read.All\t3\n/\u00e4s\n":         "not ASCII",
		"A.Read.All\t3\n/as\t0+\n":          "not resource-specific",
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
