package main

import (
	"strings"
	"testing"

	"github.com/graphtui/graphtui/internal/refdata"
	"github.com/graphtui/graphtui/internal/refdata/refdatatest"
)

// The committed app roles are what the generator makes of the reference.
func TestCommittedAppRolesAreGenerated(t *testing.T) {
	text, err := generate(refdatatest.Open(t, refdata.ProvisioningFile))
	if err != nil {
		t.Fatal(err)
	}
	refdatatest.Committed(t, "../../approles.gen.txt.gz", text, "go generate ./permissions")
}

// The public cloud's id wins, a deployment without an id does not hide
// one with it, and a delegated scope is no app role.
func TestGenerate(t *testing.T) {
	text, err := generate(strings.NewReader(`{"permissionDeployments": {
	 "B.Read.All": [{"scheme": "Application", "id": "b-gov", "environment": "USGov"}, {"scheme": "Application", "id": "b-pub", "environment": "public"}],
	 "A.Read.All": [{"scheme": "Application", "environment": "public"}, {"scheme": "Application", "id": "a-china", "environment": "China"}],
	 "C.Read": [{"scheme": "DelegatedWork", "id": "c"}],
	 "D.Read.All": [{"scheme": "Application"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(text), header+"A.Read.All\ta-china\nB.Read.All\tb-pub\n"; got != want {
		t.Errorf("generated:\n%s\nwant:\n%s", got, want)
	}
	if _, err := generate(strings.NewReader(`{"permissionDeployments": {"C.Read": [{"scheme": "DelegatedWork", "id": "c"}]}}`)); err == nil {
		t.Error("no application permission, yet no error")
	}
}
