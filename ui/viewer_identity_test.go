package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/session"
)

// identitySession is a session on the config `graphtui demo` writes, with
// the demo host's managed identity variables set in the process (MSAL
// reads them there), so its tests do not run in parallel.
func identitySession(t *testing.T) (*demo.Tenant, *session.Session, session.Profiles) {
	t.Helper()
	tenant := demotest.Tenant(t, demo.Options{})
	cfg, err := tenant.WriteDemoConfig(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range tenant.ManagedIdentityEnv() {
		t.Setenv(k, v)
	}
	s := testSession(t, session.Options{Config: cfg})
	ps, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	return tenant, s, ps
}

func identityExchange(t *testing.T, s *session.Session, ps session.Profiles, profile, path string) *Exchange {
	t.Helper()
	p, err := ps.Pick(profile)
	if err != nil {
		t.Fatal(err)
	}
	return &Exchange{Exchange: *s.Send(context.Background(), p, graph.Request{Path: path}, session.SendOptions{})}
}

func plainRows(rows []string) string { return ansi.Strip(strings.Join(rows, "\n")) }

func TestDiagnosisTabShowsTheManagedIdentityRoleAssignment(t *testing.T) {
	tenant, s, ps := identitySession(t)
	x := identityExchange(t, s, ps, demo.ProfileMIMissingRole, "/users")
	// Spaces folded: the label column is as wide as the tab's widest label.
	text := strings.Join(strings.Fields(plainRows(diagnosisRows(x, testCommon().Styles, nil, 200))), " ")
	oid := tenant.ManagedIdentityObjectID(demo.ProfileMIMissingRole)
	for _, want := range []string{
		"App role assignment", "permission User.ReadBasic.All", "app role id 97235f07-e226-4f63-ace3-39588e11d3a1",
		"principal " + oid, "request POST " + tenant.GraphURL() + "/v1.0/servicePrincipals/" + oid + "/appRoleAssignments",
		`body {"principalId":"` + oid + `"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Diagnosis tab lacks %q:\n%s", want, text)
		}
	}
	if x.ConsentURL != "" {
		t.Errorf("a managed identity's exchange has a consent URL: %s", x.ConsentURL)
	}
	v := NewViewer(testCommon())
	v.SetSize(100, 30)
	v.Update(exchangeMsg{x})
	for _, k := range []string{"u", "Q"} {
		_, intents := v.Update(keyPress(k))
		st := onlyMsg[statusMsg](t, updateMsgs(nil, intents))
		if !strings.Contains(st.Text, "app role assignment") {
			t.Errorf("%s for a managed identity says %q, want why there is no consent URL", k, st.Text)
		}
	}
}

func TestTokenTabShowsFederatedClaimsAndTheSourceLabel(t *testing.T) {
	_, s, ps := identitySession(t)
	x := identityExchange(t, s, ps, demo.ProfileFederated, "/users")
	if x.Token == nil {
		t.Fatalf("no token: %v", x.TokenErr)
	}
	text := plainRows(tokenRows(x, time.Now(), testCommon().Styles, nil, 200))
	for _, want := range []string{"kind", "federated", "source           identity provider: acquired",
		"assertion iss    " + demo.FederatedIssuer, "assertion sub    " + demo.FederatedSubject, "assertion aud    " + demo.FederatedAudience} {
		if !strings.Contains(text, want) {
			t.Errorf("Token tab lacks %q:\n%s", want, text)
		}
	}
	trace := plainRows(traceRows(x, testCommon().Styles, nil, 200))
	if !strings.Contains(trace, "token     identity provider in") {
		t.Errorf("Trace tab should label the source:\n%s", trace)
	}
}
