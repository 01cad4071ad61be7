package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/internal/demotest"
)

// The write flows against the demo tenant: method, body, guard,
// confirmation, the write diagnosis, history and the roles view.

var wfSendMailPath = "/users/" + demo.MailboxOpen + "/sendMail"

// wfWritesOff is the demo's config with allow_writes taken out.
func wfWritesOff(t *testing.T, cfg string) string {
	t.Helper()
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	off := strings.ReplaceAll(string(b), "allow_writes = true\n", "")
	if off == string(b) {
		t.Fatal("the demo config has no allow_writes = true to take out")
	}
	path := filepath.Join(filepath.Dir(cfg), "writes-off.toml")
	if err := os.WriteFile(path, []byte(off), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// startFlowAs runs the TUI on the demo tenant with profile selected; cfg
// "" is the demo's own config.
func startFlowAs(t *testing.T, w, h int, profile string, writesOff bool) *flow {
	t.Helper()
	tenant, cfg := demotest.Start(t, demo.Options{})
	if writesOff {
		cfg = wfWritesOff(t, cfg)
	}
	f := newFlow(t, Options{Backend: flowBackend(t, cfg, ""), Title: "demo tenant", Profile: profile}, w, h, nil)
	f.tenant = tenant
	f.waitFor("▸ " + profile)
	return f
}

// sendMails counts the sendMail requests that reached the demo tenant.
func (f *flow) sendMails() int {
	return f.tenant.Stats().GraphRequests["/v1.0"+wfSendMailPath]
}

// composeSendMail types the sendMail path, switches to POST and fills
// the body from the template, then asks to send it.
func (f *flow) composeSendMail() {
	f.t.Helper()
	f.typeText(wfSendMailPath)
	f.press("ctrl+t") // GET → POST
	f.waitFor("POST ", "Body")
	f.press("ctrl+y") // into the body editor
	f.waitFor("typing in the body")
	f.press("ctrl+y") // the template for POST …/sendMail
	f.waitFor("Hello from graphtui", "✓ JSON")
	f.press("ctrl+s")
}

func TestFlowWriteWrongRoleThenMailBlocked(t *testing.T) {
	f := startFlowAs(t, 120, 40, demo.ProfileWrongRole, false)
	f.composeSendMail()
	s := f.waitFor("Send this write?", "POST", wfSendMailPath, "wrong-role", f.tenant.TenantID(), "y/enter send")
	if n := f.sendMails(); n != 0 {
		t.Fatalf("%d sendMail requests left before the answer:\n%s", n, s)
	}
	f.typeText("y")
	s = f.waitFor("403", "Diagnosis", "Mail.Send")
	if n := f.sendMails(); n != 1 {
		t.Errorf("%d sendMail requests, want 1:\n%s", n, s)
	}

	// R replays the write only after asking again.
	f.typeText("R")
	f.waitFor("Replay this write with a new token?")
	f.typeText("n")
	f.waitUntil("the replay's dialog never closed", func(s string) bool { return !strings.Contains(s, "Replay this write") })
	if n := f.sendMails(); n != 1 {
		t.Errorf("n in the replay's dialog sent it anyway: %d requests", n)
	}

	// The same write as mail-blocked, which has Mail.Send.
	g := startFlowAs(t, 120, 40, demo.ProfileMailBlocked, false)
	g.composeSendMail()
	g.waitFor("Send this write?", "mail-blocked")
	g.press("enter")
	g.waitFor("202 Accepted")
	if n := g.sendMails(); n != 1 {
		t.Errorf("mail-blocked: %d sendMail requests, want 1", n)
	}
}

func TestFlowWriteCancelledSendsNothing(t *testing.T) {
	f := startFlowAs(t, 80, 24, demo.ProfileMailBlocked, false)
	f.composeSendMail()
	f.waitFor("Send this write?")
	f.typeText("n")
	f.waitFor("not sent")
	f.waitUntil("the dialog never closed", func(s string) bool { return !strings.Contains(s, "Send this write?") })
	f.noGraphSince(0, "n in the dialog")
}

func TestFlowWriteWithoutAllowWritesIsRefused(t *testing.T) {
	f := startFlowAs(t, 200, 60, demo.ProfileMailBlocked, true)
	f.composeSendMail()
	s := f.waitFor("not sent: profile", "allow_writes = true")
	if strings.Contains(s, "Send this write?") {
		t.Errorf("the confirmation opened for a profile without allow_writes:\n%s", s)
	}
	f.noGraphSince(0, "the refused write")
}

func TestFlowWriteBodyErrorIsNotSent(t *testing.T) {
	f := startFlowAs(t, 120, 40, demo.ProfileMailBlocked, false)
	f.typeText(wfSendMailPath)
	f.press("ctrl+t", "ctrl+y")
	f.waitFor("typing in the body")
	f.typeText(`{"message": {`)
	f.press("enter")
	f.typeText(`"subject": }}`)
	f.waitFor("✗ line 2, column 12: invalid character '}'")
	f.press("ctrl+s")
	s := f.waitFor("not sent: the body is not valid JSON: line 2, column 12")
	if strings.Contains(s, "Send this write?") {
		t.Errorf("the confirmation opened for a body that does not parse:\n%s", s)
	}
	f.noGraphSince(0, "the refused write")
}

// After a write the Token tab's p lists the token's roles; enter on one
// shows the methods and paths it allows.
func TestFlowTokenTabRoleView(t *testing.T) {
	f := startFlowAs(t, 120, 40, demo.ProfileMailBlocked, false)
	f.composeSendMail()
	f.waitFor("Send this write?")
	f.typeText("y")
	f.waitFor("202 Accepted")
	f.typeText("t")
	f.waitFor("p shows what each role allows")
	f.typeText("p")
	s := f.waitFor("Roles in the token (", "Mail.Read", "Mail.Send")
	// The cursor starts on the first role; find Mail.Send.
	for i := 0; !strings.Contains(lineWith(s, "▸"), "Mail.Send"); i++ {
		if i > 2 {
			t.Fatalf("no Mail.Send in the roles list:\n%s", s)
		}
		f.press("down")
		s = f.waitUntil("the cursor never moved", func(s string) bool { return strings.Contains(s, "▸") })
	}
	f.press("enter")
	f.waitFor("app role", "privilege", "/users", "POST", "/users/{id}/sendmail · least privileged")
	f.press("esc")
	f.waitFor("Roles in the token")
	f.press("esc")
	f.waitUntil("the roles dialog never closed", func(s string) bool { return !strings.Contains(s, "Roles in the token") })
}

func lineWith(screen, mark string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, mark) {
			return l
		}
	}
	return ""
}

// A write sent from the TUI is kept in the history with its method and
// without its body; the refusal without allow_writes names the key and
// the config file.
func TestWriteHistoryAndRefusal(t *testing.T) {
	tenant, cfg := demotest.Start(t, demo.Options{})
	histPath := filepath.Join(t.TempDir(), "history.json")
	m := wfRoot(t, flowBackend(t, cfg, histPath), demo.ProfileMailBlocked)
	m.route(historyLoadedMsg{Store: mustHistory(t, histPath)})
	wfCompose(m)
	dialogOf[*WriteConfirm](t, m, "ctrl+s")
	msgs := drain(press(m, "y"))
	xs := msgsOf[exchangeMsg](msgs)
	if len(xs) != 1 || xs[0].Exchange.Response == nil || xs[0].Exchange.Response.Status != 202 {
		t.Fatalf("after y: %#v", msgs)
	}
	data, err := os.ReadFile(histPath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "toRecipients") || strings.Contains(string(data), "Hello from graphtui") {
		t.Errorf("the history file holds the write's body:\n%s", data)
	}
	h := mustHistory(t, histPath)
	got := h.For(demo.ProfileMailBlocked)
	if len(got) != 1 || got[0].MethodName() != "POST" || got[0].Path != wfSendMailPath {
		t.Errorf("history: %+v", got)
	}
	if tenant.Stats().GraphTotal() != 1 {
		t.Errorf("graph requests %v", tenant.Stats().GraphRequests)
	}

	// M on the write asks before sending it under every profile.
	m.Update(xs[0])
	press(m, "M")
	if d := dialogOf[*WriteConfirm](t, m, "M on a write"); !strings.Contains(d.title, "under") {
		t.Fatalf("M on a write asked %q, not to send it under every profile", d.title)
	}
	if cmd := press(m, "n"); m.dialog != nil || len(msgsOf[matrixResultMsg](drain(cmd))) != 0 {
		t.Errorf("n: the matrix ran anyway (dialog %T)", m.dialog)
	}
	if tenant.Stats().GraphTotal() != 1 {
		t.Errorf("M without a yes reached the tenant: %v", tenant.Stats().GraphRequests)
	}

	// The same without allow_writes: refused before any dialog, naming the
	// key and the file.
	off := wfWritesOff(t, cfg)
	m = wfRoot(t, flowBackend(t, off, ""), demo.ProfileMailBlocked)
	wfCompose(m)
	if m.dialog != nil {
		t.Fatalf("a dialog (%T) opened for a profile without allow_writes", m.dialog)
	}
	full := m.statusMeta.full
	for _, want := range []string{"not sent", "allow_writes = true", off} {
		if !strings.Contains(full, want) {
			t.Errorf("the refusal lacks %q: %s", want, full)
		}
	}
	if tenant.Stats().GraphTotal() != 1 {
		t.Errorf("the refused write reached the tenant: %v", tenant.Stats().GraphRequests)
	}
}

func mustHistory(t *testing.T, path string) *history.Store {
	t.Helper()
	s, err := history.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// wfRoot is the root on backend with profile selected, its profiles
// loaded, sized 120x40; status messages never expire (no timers to wait).
func wfRoot(t *testing.T, backend *Backend, profile string) *Model {
	t.Helper()
	m := New(Options{Backend: backend, Profile: profile})
	m.statusMeta.timer = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	m.request.Focus()
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.route(backend.loadProfiles(profile)().(profilesLoadedMsg))
	if m.current.Name != profile {
		t.Fatalf("selected %q, want %s", m.current.Name, profile)
	}
	return m
}

// wfCompose types the sendMail write into the root and presses ctrl+s.
func wfCompose(m *Model) {
	for _, r := range wfSendMailPath {
		press(m, string(r))
	}
	press(m, "ctrl+t", "ctrl+y", "ctrl+y", "ctrl+s")
}
