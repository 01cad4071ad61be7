package ui

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/internal/memkeyring"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// The scripted session's record: every distinct screen rendered and the
// credentials that crossed the wire. What was put on the clipboard is read
// back from the terminal output (OSC 52).
type hygieneRecord struct {
	mu      sync.Mutex
	screens map[string]bool
	wire    []string // access tokens received, client assertions sent
}

// add records a screen; the flow's probe calls it for every screen drawn.
func (r *hygieneRecord) add(screen string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.screens[screen] = true
}

func (r *hygieneRecord) addWire(v string) {
	if v != "" {
		r.mu.Lock()
		r.wire = append(r.wire, v)
		r.mu.Unlock()
	}
}

// httpClient is the auth manager's client: demo profiles get their real
// client with the traffic recorded; any other host is refused without
// touching the network, with an error that quotes what would have been
// sent, as a careless library or proxy might.
func (r *hygieneRecord) httpClient(p profiles.Profile) (*http.Client, error) {
	if p.CAFile == "" {
		return &http.Client{Transport: offlineCloud{}}, nil
	}
	hc, err := profiles.HTTPClient(p)
	if err != nil {
		return nil, err
	}
	c := *hc
	c.Transport = roundTripFunc(func(req *http.Request) (*http.Response, error) {
		if req.GetBody != nil {
			if body, err := req.GetBody(); err == nil {
				b, _ := io.ReadAll(body)
				form, _ := url.ParseQuery(string(b))
				r.addWire(form.Get("client_assertion"))
			}
		}
		resp, err := hc.Transport.RoundTrip(req)
		if err != nil {
			return resp, err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(b))
		var tok struct {
			AccessToken string `json:"access_token"`
		}
		if json.Unmarshal(b, &tok) == nil {
			r.addWire(tok.AccessToken)
		}
		return resp, nil
	})
	return &c, nil
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// offlineCloud stands in for the public cloud's identity platform without
// the network: discovery documents are answered locally, and the token
// request is refused with an error quoting what would have been sent, as
// a careless library or proxy might.
type offlineCloud struct{}

func (offlineCloud) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodGet {
		base := "https://" + r.URL.Host + "/contoso.onmicrosoft.com"
		doc, _ := json.Marshal(map[string]any{
			"tenant_discovery_endpoint": base + "/v2.0/.well-known/openid-configuration",
			"token_endpoint":            base + "/oauth2/v2.0/token",
			"authorization_endpoint":    base + "/oauth2/v2.0/authorize",
			"issuer":                    base + "/v2.0",
		})
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(bytes.NewReader(doc)), Request: r}, nil
	}
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
	}
	return nil, fmt.Errorf("offline test refused %s %s with body %s", r.Method, r.URL, body)
}

// TestHygieneScriptedSession drives the TUI through adding and editing
// profiles with keyring secrets, requests under several profiles, every
// tab, copying and saving, then looks for secrets, key material and
// tokens in everything it showed or wrote.
func TestHygieneScriptedSession(t *testing.T) {
	tenant, cfg := demotest.Start(t, demo.Options{})
	dir := filepath.Dir(cfg)
	// Short: the save path is typed key by key.
	state, err := os.MkdirTemp("", "gt")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(state) })
	historyPath := filepath.Join(state, "graphtui", "history.json")
	savedPath := filepath.Join(state, "a b.json")
	const typedSecret = "Vault~typed.in_the-form+7Qz"
	// Both files start readable by others; graphtui must leave them 0600.
	old, _ := history.Load(historyPath)
	old.Add(history.NewEntry(demo.ProfileReader, graph.Request{Path: "/organization"}, time.Now()))
	if err := old.Save(); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{historyPath, cfg} {
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	rec := &hygieneRecord{screens: map[string]bool{}}
	keyring := &memkeyring.Keyring{}
	noEnv := func(string) (string, bool) { return "", false }
	backend := &Backend{
		Session: testSession(t, session.Options{
			Config: cfg,
			Auth: auth.NewManager(auth.Options{
				Secrets:    profiles.Secrets{LookupEnv: noEnv, Keyring: keyring},
				HTTPClient: rec.httpClient,
			}),
			Keyring:   keyring,
			LookupEnv: noEnv,
			Version:   "test",
		}),
		HistoryPath: historyPath,
		MaxPages:    graph.DefaultMaxPages,
	}
	f := newFlow(t, Options{Backend: backend, Title: "demo tenant"}, 160, 48, rec.add)
	f.tenant = tenant
	// Secrets and IDs are pasted, as people do (and one message renders
	// faster than one per key under -race).
	paste := func(s string) { f.tm.Send(tea.PasteMsg{Content: s}) }

	// 1. contoso-reader (secret file): send, every tab, copy, save.
	f.waitFor("contoso-reader", "8 roles")
	if runtime.GOOS != "windows" {
		f.waitFor("warning: ", "can be read by other users")
	}
	f.typeText("/users")
	f.press("enter")
	f.waitFor("200 OK", "Ava Thompson") // the response has the focus
	f.typeText("h")
	f.waitFor("Authorization: Bearer (token not shown)")
	f.typeText("t")
	f.waitFor("app_displayname", "User.Read.All")
	f.typeText("r")
	f.waitFor("started", "page")
	f.typeText("b")
	f.typeText("c")
	f.waitFor("sent the curl command as OSC 52") // no clipboard tool in tests
	f.typeText("y")
	f.waitFor("sent the body as OSC 52")
	f.typeText("s")
	f.press("ctrl+u")
	f.typeText(savedPath)
	f.press("enter")
	f.waitFor("saved ")

	// 2. contoso-cert (certificate and key), then no-consent, wrong-secret.
	f.press("tab") // → profiles
	f.press("down")
	f.waitFor("contoso-cert")
	f.press("tab")        // → request; the path is still /users
	f.press("i", "enter") // edit it, send
	f.waitFor("200 OK")
	f.typeText("t")
	f.waitFor("app_displayname")
	f.typeText("c")
	f.press("tab") // → profiles
	f.press("down")
	f.press("tab")
	f.press("i", "enter")
	f.waitFor("401", "Next steps") // no-consent: the Diagnosis tab opens
	f.typeText("d")
	f.typeText("M") // the matrix, every profile at once
	f.waitFor("under every profile", "AADSTS7000215")
	f.press("esc") // closes the matrix before the next key is read
	f.press("tab") // → profiles
	for range 3 {
		f.press("down")
	}
	f.press("tab")
	f.press("i", "enter")
	f.waitFor("7000215") // wrong-secret: the identity platform's refusal

	// 3. Add a profile through the form with a secret for the keyring. It
	// names the public cloud, which this test does not reach: the token
	// request is refused with an error quoting the secret, which must be
	// shown scrubbed, in the status bar and in the response pane.
	f.press("tab") // → profiles
	f.typeText("a")
	f.waitFor("Add profile")
	f.typeText("vault-reader")
	f.press("tab")
	paste("contoso.onmicrosoft.com")
	f.press("tab")
	paste(tenant.ClientID(demo.ProfileReader))
	f.press("tab") // the credential kind: keyring
	f.press("tab")
	paste(typedSecret)
	f.press("ctrl+s")
	f.waitFor("token for vault-reader failed")
	f.press("tab") // → request
	f.press("i", "enter")
	f.waitFor("token request failed", "client_secret=[redacted]")
	f.typeText("r")
	f.waitFor("failed (see Body)")
	f.press("tab") // → profiles

	// 4. Edit contoso-reader: move its secret into the keyring, then use it.
	for range 8 {
		f.press("up")
	}
	f.waitFor("contoso-reader")
	f.typeText("e")
	f.waitFor("Edit profile contoso-reader")
	for range 3 {
		f.press("tab")
	}
	f.press("left") // reference → keyring
	f.press("tab")
	paste(tenant.Secret(demo.ProfileReader))
	f.press("ctrl+s")
	f.waitFor("saved profile contoso-reader")
	f.waitFor("8 roles")
	f.press("tab") // → request
	f.press("i", "enter")
	f.waitFor("200 OK")
	f.typeText("b")
	f.waitFor("Ava Thompson")
	f.typeText("t")
	f.waitFor("app_displayname")
	f.press("tab")  // → profiles
	f.typeText("r") // a forced refresh: one more token
	f.waitFor("new token for contoso-reader")

	rawOutput := &bytes.Buffer{}
	f.press("ctrl+c")
	f.tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	io.Copy(rawOutput, f.tm.Output())

	// What to look for: every demo secret and private key, the secret
	// typed into the form, every token and assertion seen on the wire.
	creds := []string{typedSecret, url.QueryEscape(typedSecret)}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		switch filepath.Ext(e.Name()) {
		case ".secret":
			creds = append(creds, strings.TrimSpace(string(data)))
		case ".pem":
			creds = append(creds, keyLines(data)...)
		}
	}
	rec.mu.Lock()
	creds = append(creds, rec.wire...)
	screens, wire := rec.screens, len(rec.wire)
	rec.mu.Unlock()
	if wire < 5 {
		t.Fatalf("only %d tokens and assertions seen on the wire", wire)
	}
	if got, _ := keyring.Get(profiles.KeyringService, "vault-reader"); got != typedSecret {
		t.Fatalf("the typed secret did not reach the keyring")
	}

	for s := range screens {
		noCredentials(t, "a rendered screen", s, creds)
	}
	// The clipboard reaches the terminal as OSC 52 with base64 text,
	// which a JSON body turns into "eyJ…": check it decoded.
	var clipboard []string
	terminal := osc52.ReplaceAllStringFunc(rawOutput.String(), func(seq string) string {
		payload := osc52.FindStringSubmatch(seq)[1]
		text, err := base64.StdEncoding.DecodeString(payload)
		if err != nil {
			t.Errorf("OSC 52 payload is not base64: %.40q", payload)
		}
		clipboard = append(clipboard, string(text))
		return ""
	})
	if len(clipboard) == 0 {
		t.Error("no clipboard (OSC 52) sequence reached the terminal")
	}
	noCredentials(t, "the terminal output", terminal, creds)
	if len(clipboard) != 3 || !strings.Contains(clipboard[0], "$TOKEN") || !strings.Contains(clipboard[1], "Ava Thompson") {
		t.Errorf("clipboard texts: %q", clipboard)
	}
	for _, c := range clipboard {
		noCredentials(t, "the clipboard", c, creds)
	}
	for _, file := range []struct{ path, must string }{
		{cfg, `client_secret = "keyring:vault-reader"`},
		{historyPath, "/users"},
		{savedPath, "Ava Thompson"},
	} {
		data, err := os.ReadFile(file.path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), file.must) {
			t.Errorf("%s lacks %q:\n%s", file.path, file.must, data)
		}
		noCredentials(t, file.path, string(data), creds)
		if info, _ := os.Stat(file.path); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %04o, want 0600", file.path, info.Mode().Perm())
		}
	}
	if data, _ := os.ReadFile(cfg); !strings.Contains(string(data), `client_secret = "keyring:contoso-reader"`) {
		t.Errorf("the edit did not move contoso-reader's secret to the keyring:\n%s", data)
	}
}

var osc52 = regexp.MustCompile("\x1b\\]52;[a-z]*;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\\\)")

// keyLines is every full base64 line of the private keys in PEM data.
func keyLines(data []byte) []string {
	var out []string
	for {
		var b *pem.Block
		if b, data = pem.Decode(data); b == nil {
			return out
		}
		if strings.Contains(b.Type, "PRIVATE KEY") {
			for _, l := range strings.Split(string(pem.EncodeToMemory(b)), "\n") {
				if len(l) == 64 {
					out = append(out, l)
				}
			}
		}
	}
}

func noCredentials(t *testing.T, where, text string, creds []string) {
	t.Helper()
	for _, c := range creds {
		if c != "" && strings.Contains(text, c) {
			t.Errorf("%s holds a credential (%.6s…):\n%s", where, c, text)
		}
	}
	for _, marker := range []string{"PRIVATE KEY", "eyJ"} {
		if strings.Contains(text, marker) {
			t.Errorf("%s holds %q:\n%s", where, marker, text)
		}
	}
}

// A config others can read that points at secret files: the status bar
// says so, with the fix.
func TestHygieneReadableConfigWarning(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits do not describe Windows ACLs")
	}
	_, cfg := demotest.Start(t, demo.Options{}) // file: secrets and a certificate
	if err := os.Chmod(cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	noEnv := func(string) (string, bool) { return "", false }
	backend := &Backend{
		Session: testSession(t, session.Options{
			Config:    cfg,
			Auth:      auth.NewManager(auth.Options{Secrets: profiles.Secrets{LookupEnv: noEnv}}),
			LookupEnv: noEnv,
		}),
		MaxPages: graph.DefaultMaxPages,
	}
	f := newFlow(t, Options{Backend: backend}, 240, 30, nil)
	f.waitFor("warning: ", "can be read by other users", "chmod 600")
}
