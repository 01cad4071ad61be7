package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/session"
)

// On the demo tenant: the reader's calls, P in the picker, what to keep
// and what to give back; a later call shows on reopening; presenter mode
// masks the tenant in the consent URL.
func TestFlowAuditView(t *testing.T) {
	f := startFlow(t, 200, 50)
	f.waitFor(demo.ProfileReader, "8 roles")
	f.typeText("/users?$select=id,displayName")
	f.press("enter")
	f.waitFor("200 OK", "Ava Thompson")
	f.press("shift+tab")  // response → request
	f.typeText("/groups") // / starts a new path
	f.press("enter")
	f.waitFor("200 OK", "Helpdesk Admins")

	f.press("tab") // response → profiles
	f.typeText("P")
	s := f.waitFor("Audit of contoso-reader (secret): 2 calls", "Needed (2)   Group.ReadBasic.All, User.ReadBasic.All")
	for _, want := range []string{
		"GET /users?$select=id,displayName",
		"least User.ReadBasic.All · uses User.Read.All today",
		"Mail.Read is granted but no call needs it.",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the audit lacks %q:\n%s", want, s)
		}
	}

	// Closed, another call, reopened: it is in the audit.
	f.press("esc")
	f.press("tab")              // profiles → request
	f.typeText("/applications") // the audit has it once sent, answered or not
	f.press("enter")
	f.press("tab") // response → profiles
	f.typeText("P")
	f.waitFor("3 calls", "GET /applications?$select=id,displayName", "least Application.Read.All")

	// The consent URL holds the tenant id: shown, then masked.
	f.typeText("G")
	const tenant = "/contoso.onmicrosoft.com/adminconsent?client_id="
	f.waitFor(tenant)
	f.press("ctrl+g")
	f.waitUntil("presenter mode did not mask the tenant", func(s string) bool {
		return strings.Contains(s, "/*******.***********.***/adminconsent?client_id=") && !strings.Contains(s, "contoso.onmicrosoft.com")
	})
}

// auditRoot is the root at w x h with the audit view open on
// contoso-reader, then an exchange of it arriving with a token holding
// roles: the view recomputes from that token (the computation run as the
// program would; the view's own token fetch is not).
func auditRoot(t *testing.T, w, h int, roles []string, calls ...string) *Model {
	t.Helper()
	m := newRootForTest(t, w, h)
	m.route(auditMsg{Profile: "contoso-reader"})
	dialogOf[*AuditView](t, m, "auditMsg")
	for _, c := range calls {
		path, query, _ := strings.Cut(c, "?")
		r := graph.Request{Path: path}
		if k, v, ok := strings.Cut(query, "="); ok {
			r.Query = []graph.QueryParam{{Key: k, Value: v}}
		}
		m.noteCall("contoso-reader", r)
	}
	x := vwUsersExchange(t, 3, false)
	x.Seq = m.seq
	x.Token = &auth.Token{Claims: auth.Claims{Roles: roles, TenantID: "contoso.onmicrosoft.com",
		Other: []auth.Claim{{Name: "oid", Value: "aaaaaaaa-0000-0000-0000-000000000001"}}}}
	pumpRoot(m, m.route(exchangeMsg{Exchange: x}))
	return m
}

// Refresh with: go test ./ui -run TestAuditGolden -update
func TestAuditGolden80x24(t *testing.T) {
	m := auditRoot(t, 80, 24, []string{"Directory.ReadWrite.All", "User.Read.All"}, "/users?$select=id,displayName", "/groups")
	golden.RequireEqual(t, []byte(goldenScreen(t, m, 80, 24)))
}

// An exchange of the audited profile recomputes the open view with the
// exchange's token; an older computation that answers late is dropped.
func TestAuditFollowsExchanges(t *testing.T) {
	m := auditRoot(t, 120, 40, []string{"User.Read.All"}, "/users")
	v := m.dialog.(*AuditView)
	screen := ansi.Strip(m.render())
	if !strings.Contains(screen, "1 call,") || !strings.Contains(screen, "uses User.Read.All today") {
		t.Fatalf("the view did not follow the exchange:\n%s", screen)
	}
	late := auditResultMsg{Profile: "contoso-reader", Gen: 1, Report: session.AuditFor(m.current, auth.Claims{}, nil, nil)}
	m.Update(late)
	if v.report == nil || len(v.report.Calls) != 1 {
		t.Errorf("a late result of an older computation replaced the report: %+v", v.report)
	}

	// Another profile's exchange leaves the view alone.
	x := vwUsersExchange(t, 3, false)
	x.Seq, x.Profile = m.seq, "no-consent"
	if cmd := m.auditExchange(x); cmd != nil {
		t.Error("an exchange of another profile recomputes the audit")
	}
}

// With no calls the view says how to get some, and still lists the roles.
func TestAuditNoCallsYet(t *testing.T) {
	m := auditRoot(t, 120, 40, []string{"User.Read.All"})
	screen := ansi.Strip(m.render())
	for _, want := range []string{"No calls yet for contoso-reader: send requests as this profile, or run graphtui audit -p contoso-reader --from FILE.", "Granted (1)  User.Read.All"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the view lacks %q:\n%s", want, screen)
		}
	}
}

// P opens the audit of the highlighted profile in the picker, and of the
// shown exchange's profile in the response viewer (its Token tab lists it).
func TestAuditKeys(t *testing.T) {
	p := newTestPicker(ptProfiles(), "")
	p.Update(keyPress("down"))
	h, _ := p.highlighted()
	if got := onlyMsg[auditMsg](t, pressKeys(p, "P")); got.Profile != h.Name {
		t.Errorf("picker P audits %q, want the highlighted %q", got.Profile, h.Name)
	}

	v := vwViewer(100, 30)
	if msgs := pressKeys(v, "P"); len(msgsOf[auditMsg](msgs)) != 0 {
		t.Errorf("P with nothing shown opened an audit: %v", msgs)
	}
	x := vwUsersExchange(t, 3, false)
	x.Profile = "contoso-cert"
	v.Update(exchangeMsg{Exchange: x})
	pressKeys(v, "t")
	if !slices.ContainsFunc(v.ShortHelp(), func(b key.Binding) bool { return b.Help().Key == "P" }) {
		t.Error("the Token tab's footer does not list P")
	}
	if got := onlyMsg[auditMsg](t, pressKeys(v, "P")); got.Profile != "contoso-cert" {
		t.Errorf("viewer P audits %q, want the exchange's profile", got.Profile)
	}
}
