package main

import (
	"testing"

	"github.com/graphtui/graphtui/internal/refdata"
	"github.com/graphtui/graphtui/internal/refdata/refdatatest"
)

// The committed app roles are what the generator makes of the reference.
func TestCommittedAppRolesAreGenerated(t *testing.T) {
	text, err := generate(refdatatest.Deployments(t))
	if err != nil {
		t.Fatal(err)
	}
	refdatatest.Committed(t, "../../approles.gen.txt.gz", text, "go generate ./permissions")
}

// One sorted line a role with an id; a role without one and a delegated
// scope have none.
func TestGenerate(t *testing.T) {
	text, err := generate(map[string][]refdata.Deployment{
		"B.Read.All": {{Scheme: "Application", ID: "b-id", Environment: "public"}},
		"A.Read.All": {{Scheme: "Application", ID: "a-id", Environment: "public"}},
		"C.Read":     {{Scheme: "DelegatedWork", ID: "c-id"}},
		"D.Read.All": {{Scheme: "Application"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(text), header+"A.Read.All\ta-id\nB.Read.All\tb-id\n"; got != want {
		t.Errorf("generated:\n%s\nwant:\n%s", got, want)
	}
	if _, err := generate(map[string][]refdata.Deployment{"C.Read": {{Scheme: "DelegatedWork", ID: "c-id"}}}); err == nil {
		t.Error("no application permission, yet no error")
	}
}
