package ui

import (
	"fmt"
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
// on the event loop, before each message reaches the model, so reading the
// model there is race-free and shows what every earlier message did.
type screenProbe struct {
	mu     sync.Mutex
	screen string
	seen   func(screen string) // if set, sees every screen, under mu
	pinged chan struct{}       // the filter saw a pingMsg
	moved  chan struct{}       // the filter saw any other message
}

func (p *screenProbe) filter(m tea.Model, msg tea.Msg) tea.Msg {
	if root, ok := m.(*Model); ok {
		s := ansi.Strip(root.render())
		p.mu.Lock()
		p.screen = s
		if p.seen != nil {
			p.seen(s)
		}
		p.mu.Unlock()
	}
	signal := p.moved
	if _, ok := msg.(pingMsg); ok {
		signal = p.pinged
	}
	select {
	case signal <- struct{}{}:
	default: // one pending signal says enough
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

// newFlow runs the TUI with o in a w x h terminal; seen, if set, sees
// every screen drawn.
func newFlow(t *testing.T, o Options, w, h int, seen func(string)) *flow {
	t.Helper()
	probe := &screenProbe{seen: seen, pinged: make(chan struct{}, 1), moved: make(chan struct{}, 1)}
	tm := teatest.NewTestModel(t, New(o),
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithFilter(probe.filter)))
	t.Cleanup(func() { tm.Quit() })
	return &flow{t: t, tm: tm, probe: probe}
}

// flowBackend is a backend on the demo tenant's config at cfg, with an
// empty environment; historyPath "" keeps no history.
func flowBackend(t *testing.T, cfg, historyPath string) *Backend {
	t.Helper()
	return &Backend{
		Session: testSession(t, session.Options{
			Config:  cfg,
			Auth:    auth.NewManager(auth.Options{Secrets: profiles.Secrets{LookupEnv: func(string) (string, bool) { return "", false }}}),
			Version: "test",
		}),
		HistoryPath: historyPath,
		MaxPages:    graph.DefaultMaxPages,
	}
}

// startFlow runs the TUI on a demo tenant of its own.
func startFlow(t *testing.T, w, h int) *flow {
	t.Helper()
	tenant, cfg := demotest.Start(t, demo.Options{})
	f := newFlow(t, Options{Backend: flowBackend(t, cfg, ""), Title: "demo tenant"}, w, h, nil)
	f.tenant = tenant
	return f
}

// noGraphSince fails the test when requests reached Graph after the tenant
// had counted sent of them; what says what should have sent none.
func (f *flow) noGraphSince(sent int, what string) {
	f.t.Helper()
	if n := f.tenant.Stats().GraphTotal() - sent; n != 0 {
		f.t.Errorf("%s: %d requests reached Graph", what, n)
	}
}

// waitFor waits until the screen holds every string in want.
func (f *flow) waitFor(want ...string) string {
	f.t.Helper()
	return f.waitUntil(fmt.Sprintf("screen never showed %q", want), func(s string) bool {
		for _, w := range want {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	})
}

// waitUntil returns the screen once ok holds for it, and fails with what
// after 15 seconds. Each look pings the program, so the screen is the one
// after every message sent before; between looks it waits until the
// program receives another message.
func (f *flow) waitUntil(what string, ok func(screen string) bool) string {
	f.t.Helper()
	deadline := time.After(15 * time.Second)
	wait := func(ch <-chan struct{}) {
		f.t.Helper()
		select {
		case <-ch:
		case <-deadline:
			f.t.Fatalf("%s; last screen:\n%s", what, f.probe.get())
		}
	}
	for {
		f.tm.Send(pingMsg{})
		wait(f.probe.pinged)
		if s := f.probe.get(); ok(s) {
			return s
		}
		wait(f.probe.moved)
	}
}

// press sends keys to the program in order (see keyPress).
func (f *flow) press(keys ...string) {
	for _, k := range keys {
		f.tm.Send(keyPress(k))
	}
}
func (f *flow) typeText(s string) { f.tm.Type(s) }

func TestFlowSendPageSearchAndNoConsent(t *testing.T) {
	f := startFlow(t, 120, 40)
	f.waitFor("contoso-reader", "8 roles") // token fetched on selection

	f.typeText("/users")
	f.press("enter")
	f.waitFor("200 OK", "page 1", "Ava Thompson")

	f.typeText("]") // the response has the focus after a send
	f.waitFor("200 OK", "page 2")

	f.typeText("/")
	f.typeText("contoso.com")
	f.press("enter")
	f.waitFor("match 1/")
	f.typeText("n")
	f.waitFor("match 2/")

	// Pick the no-consent profile: response → profiles, down to it.
	f.press("tab")
	for i := 0; i < 2; i++ {
		f.press("down")
	}
	f.waitFor("no-consent", "no roles")
	f.press("tab") // profiles → request; the path is still /users
	f.press("i", "enter")
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
	f.press("tab") // request → response
	f.press("tab") // response → profiles
	for i := 0; i < 5; i++ {
		f.press("down")
	}
	f.waitFor("wrong-secret")
	f.press("shift+tab") // back to... response
	f.press("tab")       // profiles
	f.press("tab")       // request
	f.typeText("/users")
	f.press("enter")
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
	f.press("tab") // request → response
	f.press("tab") // response → profiles
	f.press("down")
	f.press("down")
	f.waitFor("no roles")
	f.press("tab") // → request
	f.typeText("/users")
	f.press("enter")
	// The Diagnosis tab opens by itself and names the cause.
	f.waitFor("401", "no-roles", "Next steps", "admin consent at", "https://")

	// The admin approves on the consent page; then R in the viewer.
	consent := f.tenant.LoginURL() + "/" + f.tenant.TenantID() + "/adminconsent?client_id=" + f.tenant.ClientID(demo.ProfileNoConsent)
	resp, err := f.tenant.HTTPClient().Get(consent)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	f.typeText("R") // the response kept the focus
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
	f.press("enter")
	f.waitFor("200 OK")
	f.typeText("M")
	s := f.waitFor("under every profile", "wrong-secret", "AADSTS7000215", "missing-role", "User.ReadBasic.All")
	for _, p := range []string{demo.ProfileReader, demo.ProfileCert, demo.ProfileNoConsent, demo.ProfileWrongRole, demo.ProfileMailBlocked} {
		if !strings.Contains(s, p) {
			t.Errorf("matrix lacks %s:\n%s", p, s)
		}
	}
	f.press("esc")
	s = f.waitFor("Ava Thompson") // the dialog closed, the response is back
	// The matrix got every profile a token (or a refusal): the picker says
	// so instead of "no token".
	if strings.Contains(s, "no token") {
		t.Errorf("after the matrix, the picker still says no token:\n%s", s)
	}
	for _, badge := range []string{"failed · AADSTS7000215", "no roles", "5 roles"} {
		if !strings.Contains(s, badge) {
			t.Errorf("picker lacks %q after the matrix:\n%s", badge, s)
		}
	}
}

func TestFlowPathSuggestions(t *testing.T) {
	f := startFlow(t, 120, 40)
	f.waitFor("contoso-reader")
	f.typeText("/users/del")
	f.waitFor("/users/delta") // completion shown greyed after the cursor
	f.press("right")          // accept
	f.press("enter")
	f.waitFor("GET /users/delta")
}
