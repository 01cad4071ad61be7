package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// The Diagnosis tab of a 403 reads (and copies) cleanly: labels never run
// into their values, numbered steps sit next to their text, and
// permission names and the JSON-free lists wrap at their boundaries.
func TestDiagnosisWrapsAtWordAndListBoundaries(t *testing.T) {
	b, _ := demoBackend(t, 10)
	cfg, err := profiles.Load(b.ConfigPath)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := cfg.Get(demo.ProfileWrongRole)
	x := firstMsg(b.send(context.Background(), 1, p, graph.Request{Path: "/users"}), nil).(exchangeMsg).Exchange
	d := x.Diagnosis
	if d == nil || d.Endpoint == nil || len(d.Next) == 0 {
		t.Fatalf("the demo's wrong-role 403 has no diagnosis to lay out: %+v", d)
	}
	for _, w := range []int{54, 78, 118} {
		rows := diagnosisRows(x, testCommon().Styles, nil, w)
		var plain []string
		for _, r := range rows {
			plain = append(plain, ansi.Strip(r))
		}
		screen := strings.Join(plain, "\n")
		for _, e := range d.Evidence {
			if regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(e.Label) + `\S`).MatchString(screen) {
				t.Errorf("%d cells: the label %q runs into its value:\n%s", w, e.Label, screen)
			}
		}
		if !regexp.MustCompile(`(?m)^1\. \S`).MatchString(screen) {
			t.Errorf("%d cells: step 1 is not followed by its text:\n%s", w, screen)
		}
		words := map[string]bool{}
		for _, row := range plain {
			for _, f := range strings.Fields(row) {
				words[strings.TrimSuffix(f, ",")] = true
			}
		}
		for _, perm := range d.Endpoint.All {
			if !words[perm] {
				t.Errorf("%d cells: the permission %s is broken across rows:\n%s", w, perm, screen)
			}
		}
	}
}
