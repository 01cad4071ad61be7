package ui

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// screenProbe keeps the latest rendered screen. The program's filter runs
// on the event loop, so reading the model there is race-free.
type screenProbe struct {
	mu     sync.Mutex
	screen string
}

func (p *screenProbe) filter(m tea.Model, msg tea.Msg) tea.Msg {
	if root, ok := m.(*Model); ok {
		s := ansi.Strip(root.render())
		p.mu.Lock()
		p.screen = s
		p.mu.Unlock()
	}
	return msg
}

func (p *screenProbe) get() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.screen
}

// pingMsg makes the program run its filter while nothing else happens.
type pingMsg struct{}

type flow struct {
	t      *testing.T
	tm     *teatest.TestModel
	probe  *screenProbe
	tenant *demo.Tenant
}

func startFlow(t *testing.T, w, h int) *flow {
	t.Helper()
	tenant, cfg := demotest.Start(t, demo.Options{})
	backend := &Backend{
		Session: testSession(t, session.Options{
			Config:  cfg,
			Auth:    auth.NewManager(auth.Options{Secrets: profiles.Secrets{LookupEnv: func(string) (string, bool) { return "", false }}}),
			Version: "test",
		}),
		MaxPages: graph.DefaultMaxPages,
	}
	probe := &screenProbe{}
	tm := teatest.NewTestModel(t, New(Options{Backend: backend, Title: "demo tenant"}),
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithFilter(probe.filter)))
	t.Cleanup(func() { tm.Quit() })
	return &flow{t: t, tm: tm, probe: probe, tenant: tenant}
}

// waitFor polls the screen until it holds every string in want.
func (f *flow) waitFor(want ...string) string {
	f.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		f.tm.Send(pingMsg{})
		time.Sleep(15 * time.Millisecond)
		s := f.probe.get()
		ok := true
		for _, w := range want {
			if !strings.Contains(s, w) {
				ok = false
				break
			}
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("screen never showed %q; last screen:\n%s", want, s)
		}
	}
}

func (f *flow) key(code rune) { f.tm.Send(tea.KeyPressMsg{Code: code}) }
func (f *flow) keyMod(code rune, mod tea.KeyMod) {
	f.tm.Send(tea.KeyPressMsg{Code: code, Mod: mod})
}
func (f *flow) typeText(s string) { f.tm.Type(s) }

func TestFlowSendPageSearchAndNoConsent(t *testing.T) {
	f := startFlow(t, 120, 40)
	f.waitFor("contoso-reader", "8 roles") // token fetched on selection

	f.typeText("/users")
	f.key(tea.KeyEnter)
	f.waitFor("200 OK", "page 1", "Ava Thompson")

	f.key(tea.KeyTab) // request → response
	f.typeText("]")
	f.waitFor("200 OK", "page 2")

	f.typeText("/")
	f.typeText("contoso.com")
	f.key(tea.KeyEnter)
	f.waitFor("match 1/")
	f.typeText("n")
	f.waitFor("match 2/")

	// Pick the no-consent profile: response → profiles, down to it.
	f.key(tea.KeyTab)
	for i := 0; i < 2; i++ {
		f.key(tea.KeyDown)
	}
	f.waitFor("no-consent", "no roles")
	f.key(tea.KeyTab) // profiles → request; the path is still /users
	f.key(tea.KeyEnter)
	s := f.waitFor("401", "InvalidAuthenticationToken")
	if !strings.Contains(s, "consent") {
		t.Errorf("the 401 should name the cause (no admin consent):\n%s", s)
	}

	// Exactly one token request per profile while its token is valid.
	stats := f.tenant.Stats()
	for _, p := range []string{demo.ProfileReader, demo.ProfileNoConsent} {
		if n := stats.TokenRequests[f.tenant.ClientID(p)].Total(); n != 1 {
			t.Errorf("%s: %d token requests, want 1", p, n)
		}
	}
}

func TestFlowTokenErrorShowsCauseInViewer(t *testing.T) {
	f := startFlow(t, 80, 24)
	f.waitFor("contoso-reader")
	f.key(tea.KeyTab) // request → response
	f.key(tea.KeyTab) // response → profiles
	for i := 0; i < 5; i++ {
		f.key(tea.KeyDown)
	}
	f.waitFor("wrong-secret")
	f.keyMod(tea.KeyTab, tea.ModShift) // back to... response
	f.key(tea.KeyTab)                  // profiles
	f.key(tea.KeyTab)                  // request
	f.typeText("/users")
	f.key(tea.KeyEnter)
	f.waitFor("7000215")
}

func TestFlowTooSmallAndResize(t *testing.T) {
	f := startFlow(t, 40, 10)
	f.waitFor("too small")
	f.tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	f.waitFor("Profiles", "Request", "Response")
	f.tm.Send(tea.WindowSizeMsg{Width: 1, Height: 1})
	f.tm.Send(tea.WindowSizeMsg{Width: 200, Height: 60})
	f.waitFor("Profiles", "Response")
}

func TestFlowConsentRoundTrip(t *testing.T) {
	f := startFlow(t, 120, 40)
	f.waitFor("contoso-reader")
	f.key(tea.KeyTab) // request → response
	f.key(tea.KeyTab) // response → profiles
	f.key(tea.KeyDown)
	f.key(tea.KeyDown)
	f.waitFor("no roles")
	f.key(tea.KeyTab) // → request
	f.typeText("/users")
	f.key(tea.KeyEnter)
	// The Diagnosis tab opens by itself and names the cause.
	f.waitFor("401", "no-roles", "Next steps", "admin consent at https://")

	// The admin approves on the consent page; then R in the viewer.
	consent := f.tenant.LoginURL() + "/" + f.tenant.TenantID() + "/adminconsent?client_id=" + f.tenant.ClientID(demo.ProfileNoConsent)
	resp, err := f.tenant.HTTPClient().Get(consent)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	f.key(tea.KeyTab) // → response
	f.typeText("R")
	s := f.waitFor("After a fresh token", "User.Read.All", "200 OK")
	if !strings.Contains(s, "added") {
		t.Errorf("the roles diff is missing:\n%s", s)
	}
	if n := f.tenant.Stats().TokenRequests[f.tenant.ClientID(demo.ProfileNoConsent)].Total(); n != 2 {
		t.Errorf("no-consent token requests = %d, want 2 (first + forced)", n)
	}
}

func TestFlowProfileMatrix(t *testing.T) {
	f := startFlow(t, 120, 40)
	f.waitFor("contoso-reader", "8 roles")
	f.typeText("/users")
	f.key(tea.KeyEnter)
	f.waitFor("200 OK")
	f.key(tea.KeyTab)
	f.typeText("M")
	s := f.waitFor("under every profile", "wrong-secret", "AADSTS7000215", "needs User")
	for _, p := range []string{demo.ProfileReader, demo.ProfileCert, demo.ProfileNoConsent, demo.ProfileWrongRole, demo.ProfileMailBlocked} {
		if !strings.Contains(s, p) {
			t.Errorf("matrix lacks %s:\n%s", p, s)
		}
	}
	f.key(tea.KeyEscape)
	f.waitFor("Ava Thompson") // the dialog closed, the response is back
}

func TestFlowPathSuggestions(t *testing.T) {
	f := startFlow(t, 120, 40)
	f.waitFor("contoso-reader")
	f.typeText("/users/del")
	f.waitFor("/users/delta") // completion shown greyed after the cursor
	f.key(tea.KeyRight)       // accept
	f.key(tea.KeyEnter)
	f.waitFor("GET /users/delta")
}
