package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/internal/memkeyring"
	"github.com/graphtui/graphtui/profiles"
)

// Secret hygiene: every command, every stream, every file graphtui writes.
// The credentials to look for are collected from where they really are:
// the demo's secret files, its certificate keys, and the tokens and client
// assertions that crossed the wire (recorded by a transport wrapped around
// the token client), not from graphtui's own bookkeeping.

// wireRecorder wraps the HTTP clients of an auth.Manager and keeps every
// access token the identity platform returned and every client assertion
// sent to it.
type wireRecorder struct {
	mu    sync.Mutex
	creds []string
}

func (w *wireRecorder) add(v string) {
	if v == "" {
		return
	}
	w.mu.Lock()
	w.creds = append(w.creds, v)
	w.mu.Unlock()
}

func (w *wireRecorder) all() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.creds...)
}

func (w *wireRecorder) client(p profiles.Profile) (*http.Client, error) {
	hc, err := profiles.HTTPClient(p)
	if err != nil {
		return nil, err
	}
	c := *hc
	c.Transport = recordingTransport{next: hc.Transport, rec: w}
	return &c, nil
}

type recordingTransport struct {
	next http.RoundTripper
	rec  *wireRecorder
}

func (t recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil && r.GetBody != nil {
		if body, err := r.GetBody(); err == nil {
			b, _ := io.ReadAll(body)
			if form, err := url.ParseQuery(string(b)); err == nil {
				t.rec.add(form.Get("client_assertion"))
			}
		}
	}
	resp, err := t.next.RoundTrip(r)
	if err != nil || resp.Body == nil {
		return resp, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	if err != nil {
		return resp, nil
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if json.Unmarshal(b, &tok) == nil {
		t.rec.add(tok.AccessToken)
	}
	return resp, nil
}

// syncBuffer is a bytes.Buffer safe to read while a command still writes.
type syncBuffer struct {
	mu   sync.Mutex
	b    bytes.Buffer
	next chan struct{} // closed by the next Write; nil when nobody waits
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next != nil {
		close(s.next)
		s.next = nil
	}
	return s.b.Write(p)
}

// waitFor reports whether the buffer holds want within d, looking again
// after each write.
func (s *syncBuffer) waitFor(want string, d time.Duration) bool {
	deadline := time.After(d)
	for {
		s.mu.Lock()
		found := strings.Contains(s.b.String(), want)
		if !found && s.next == nil {
			s.next = make(chan struct{})
		}
		next := s.next
		s.mu.Unlock()
		if found {
			return true
		}
		select {
		case <-next:
		case <-deadline:
			return false
		}
	}
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// hygieneRig runs command lines the way Main does, with a recording token
// client and an in-memory keyring.
type hygieneRig struct {
	t       *testing.T
	env     map[string]string
	keyring *memkeyring.Keyring
	wire    *wireRecorder
	outputs []string // "command: stdout+stderr" of every run
}

func (h *hygieneRig) app(out, errw io.Writer) *App {
	a := &App{
		Out: out, Err: errw,
		LookupEnv: func(k string) (string, bool) { v, ok := h.env[k]; return v, ok },
		Build:     BuildInfo{Version: "test"}.withDefaults(),
		Keyring:   h.keyring,
	}
	a.auth = auth.NewManager(auth.Options{
		Secrets:    profiles.Secrets{LookupEnv: a.LookupEnv, Keyring: h.keyring},
		HTTPClient: h.wire.client,
	})
	return a
}

func (h *hygieneRig) run(ctx context.Context, args ...string) result {
	h.t.Helper()
	var out, errb syncBuffer
	a := h.app(&out, &errb)
	code := a.Run(ctx, args)
	r := result{code: code, out: out.String(), err: errb.String(), app: a}
	h.outputs = append(h.outputs, strings.Join(args, " ")+"\n"+r.all())
	return r
}

// secretsOf lists what must never be shown: the content of every secret
// file beside a demo config and the base64 lines of every private key.
func secretsOf(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(e.Name()) {
		case ".secret", ".jwt": // a federated assertion is a credential too
			if s := strings.TrimSpace(string(data)); s != "" {
				out = append(out, s)
			}
		case ".pem":
			out = append(out, privateKeyLines(data)...)
		}
	}
	return out
}

// privateKeyLines is every full base64 line of the private keys in a PEM
// file: any of them on screen means key material leaked.
func privateKeyLines(data []byte) []string {
	var out []string
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return out
		}
		if !strings.Contains(b.Type, "PRIVATE KEY") {
			continue
		}
		lines := strings.Split(strings.TrimSpace(string(pem.EncodeToMemory(b))), "\n")
		for _, l := range lines[1 : len(lines)-1] {
			if len(l) == 64 {
				out = append(out, l)
			}
		}
	}
}

// assertClean fails when text holds any credential, a PEM private key
// block or anything shaped like a JWT.
func assertClean(t *testing.T, where, text string, creds []string) {
	t.Helper()
	for _, c := range creds {
		if strings.Contains(text, c) {
			t.Errorf("%s contains a credential (%.8s…):\n%s", where, c, text)
		}
	}
	for _, marker := range []string{"PRIVATE KEY", "eyJ"} {
		if strings.Contains(text, marker) {
			t.Errorf("%s contains %q:\n%s", where, marker, text)
		}
	}
}

func TestHygieneEveryCommand(t *testing.T) {
	// Nothing may be written to the state or config directories: no
	// history, no cache, no log.
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))

	tenant, config := demotest.StartAll(t, demo.Options{})
	dir := filepath.Dir(config)
	h := &hygieneRig{t: t, env: map[string]string{"GRAPHTUI_CONFIG": config}, keyring: &memkeyring.Keyring{}, wire: &wireRecorder{}}

	// A profile added the way the TUI's form adds one: a keyring secret.
	reader, _ := profiles.Load(config)
	p, _ := reader.Get(demo.ProfileReader)
	p.Name, p.ClientSecret = "keyring-reader", "keyring:keyring-reader"
	h.keyring.Set(profiles.KeyringService, p.Name, tenant.Secret(demo.ProfileReader))
	if err := profiles.Add(config, p); err != nil {
		t.Fatal(err)
	}
	checkMode0600(t, config)

	ctx := context.Background()
	names := []string{"keyring-reader", demo.ProfileReader, demo.ProfileCert, demo.ProfileNoConsent, demo.ProfileWrongRole,
		demo.ProfileMailBlocked, demo.ProfileWrongSecret, demo.ProfileExpiredSecret, demo.ProfileUnknownCert, demo.ProfileUnknownApp}
	for _, name := range names {
		for _, args := range [][]string{
			{"get", "/users"},
			{"get", "/users", "-o", "json", "-v"},
			{"get", "/users", "-o", "raw"},
			{"get", "/users", "--all"},
			{"get", "/users", "--all", "-o", "json"},
			{"get", "/users/" + demo.MailboxBlocked + "/messages"},
			{"get", "/me"},
			{"token"},
			{"token", "--refresh"},
			{"consent-url"},
			{"request", "POST", "/users/" + demo.MailboxOpen + "/sendMail", "--body", `{"message":{"subject":"x"}}`, "--yes"},
			{"explain", "--url", "/users", "--status", "403", "--error", "-"},
			{"logout"},
		} {
			h.run(ctx, append(args, "-p", name)...)
		}
	}
	okRuns := 0
	for _, args := range [][]string{
		{"profiles"},
		{"permissions", "/users"},
		{"permissions", "/users", "--json"},
		{"matrix", "/users"},
		{"matrix", "/users", "--json"},
		{"samples", "mail"},
		{"man"},
		{"permissions", "--role", "Mail.Send"},
		{"--version"},
		{"--help"},
		{"demo"}, // needs a terminal: a usage error
		{},       // the TUI: the same
	} {
		if r := h.run(ctx, args...); r.code == 0 {
			okRuns++
		}
	}
	if okRuns < 6 {
		t.Errorf("only %d of the general commands succeeded; the test would prove little", okRuns)
	}

	// token --raw prints the token, and only that.
	raw := h.run(ctx, "token", "--raw", "-p", "keyring-reader")
	h.outputs = h.outputs[:len(h.outputs)-1] // the one output allowed to hold a token
	if raw.code != 0 {
		t.Fatalf("token --raw: exit %d: %s", raw.code, raw.err)
	}
	issued := raw.app.auth.Cached("keyring-reader").Raw()
	if raw.out != issued+"\n" || !strings.HasPrefix(issued, "eyJ") {
		t.Errorf("token --raw printed %q, want the token and a newline", raw.out)
	}
	assertClean(t, "token --raw stderr", raw.err, []string{issued})

	creds := append(secretsOf(t, dir), h.wire.all()...)
	if len(h.wire.all()) < 20 {
		t.Fatalf("only %d tokens and assertions recorded: the commands did not reach the demo", len(h.wire.all()))
	}
	for _, o := range h.outputs {
		assertClean(t, "output of graphtui "+o[:strings.IndexByte(o, '\n')], o, creds)
	}
	configText, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	assertClean(t, "config file", string(configText), creds)
	filepath.WalkDir(home, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			t.Errorf("a command wrote %s", path)
		}
		return nil
	})
}

func checkMode0600(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return // permission bits do not describe Windows ACLs
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if m := info.Mode().Perm(); m != 0o600 {
		t.Errorf("%s has mode %04o, want 0600", path, m)
	}
}

// demo serve runs in the foreground; while it runs, other commands use
// the config it wrote. Its banner shows paths, never what is in them.
func TestHygieneDemoServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	h := &hygieneRig{t: t, keyring: &memkeyring.Keyring{}, wire: &wireRecorder{}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int)
	go func() { done <- h.app(&out, &errb).Run(ctx, []string{"demo", "serve", "--dir", dir}) }()

	if !out.waitFor("Press Ctrl+C", 20*time.Second) {
		t.Fatalf("demo serve never got ready:\n%s\n%s", out.String(), errb.String())
	}
	config := filepath.Join(dir, "config.toml")
	h.env = map[string]string{"GRAPHTUI_CONFIG": config}
	for _, args := range [][]string{{"get", "/users"}, {"token", "-p", demo.ProfileCert}, {"get", "/users", "-p", demo.ProfileWrongSecret}} {
		if r := h.run(ctx, args...); args[0] == "get" && len(args) == 2 && r.code != 0 {
			t.Fatalf("get against demo serve: exit %d %s", r.code, r.err)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("demo serve exit %d: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("demo serve did not stop when its context ended")
	}

	creds := append(secretsOf(t, dir), h.wire.all()...)
	if len(creds) < 5 {
		t.Fatalf("found only %d credentials to look for", len(creds))
	}
	assertClean(t, "demo serve output", out.String()+errb.String(), creds)
	for _, o := range h.outputs {
		assertClean(t, "command against demo serve", o, creds)
	}
	cfg, _ := os.ReadFile(config)
	assertClean(t, "demo serve config", string(cfg), creds)
	if !strings.Contains(out.String(), string(cfg)) {
		t.Error("demo serve should print the config it wrote")
	}
	checkMode0600(t, config)
}

// echoIdentityPlatform is a token endpoint that echoes what it was sent:
// the request body inside a JSON error, inside an HTML page, or in the
// query string of a redirect to a closed port (which graphtui must not
// follow, nor show). It is what a badly behaved proxy or library does to a secret.
func echoIdentityPlatform(t *testing.T, mode string) (*httptest.Server, *[]string) {
	var mu sync.Mutex
	var bodies []string
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := closed.Addr().String()
	closed.Close()
	var srv *httptest.Server
	srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := srv.URL + "/" + demo.TenantGUID
		if r.Method == http.MethodGet {
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]string{
				"token_endpoint":         base + "/oauth2/v2.0/token",
				"authorization_endpoint": base + "/oauth2/v2.0/authorize",
				"issuer":                 base + "/v2.0",
			})
			return
		}
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		switch mode {
		case "json":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]any{
				"error":             "invalid_request",
				"error_description": "AADSTS900144: echoing what was received: " + string(b),
				"error_codes":       []int{900144},
			})
		case "html":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprintf(w, "<html><body>proxy error; received %s</body></html>", b)
		case "redirect":
			http.Redirect(w, r, "https://"+closedAddr+"/token?"+string(b), http.StatusTemporaryRedirect)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &bodies
}

// Errors from MSAL and net/http carry what the identity platform or the
// transport said; when that echoes the secret or the client assertion, the
// redactor must have scrubbed it before it reaches stderr.
func TestHygieneEchoedCredentialsAreRedacted(t *testing.T) {
	tenant := demotest.Tenant(t, demo.Options{})
	certPEM, err := tenant.CertificatePEM(demo.ProfileCert)
	if err != nil {
		t.Fatal(err)
	}
	// '+', '/' and '=' are percent-encoded in the form body, so the echo
	// does not hold the secret as typed.
	const secret = "Hyg~8Q.secret+value/with=signs_0123"
	for _, mode := range []string{"json", "html", "redirect"} {
		for _, cred := range []string{"secret", "certificate"} {
			t.Run(mode+"/"+cred, func(t *testing.T) {
				srv, bodies := echoIdentityPlatform(t, mode)
				dir := t.TempDir()
				ca := filepath.Join(dir, "ca.pem")
				os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600)
				credLine := `client_secret = "env:ECHO_SECRET"`
				if cred == "certificate" {
					cert := filepath.Join(dir, "app.pem")
					os.WriteFile(cert, certPEM, 0o600)
					credLine = fmt.Sprintf("certificate = %q", cert)
				}
				config := filepath.Join(dir, "config.toml")
				os.WriteFile(config, fmt.Appendf(nil, "[profiles.echo]\ntenant = %q\nclient_id = %q\n%s\nauthority_host = %q\ngraph_host = %q\nca_file = %q\n",
					demo.TenantGUID, demo.ClientIDReader, credLine, srv.URL, tenant.GraphURL(), ca), 0o600)

				h := &hygieneRig{t: t, env: map[string]string{"GRAPHTUI_CONFIG": config, "ECHO_SECRET": secret}, keyring: &memkeyring.Keyring{}, wire: &wireRecorder{}}
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				for _, args := range [][]string{{"token"}, {"get", "/users"}, {"matrix", "/users"}} {
					r := h.run(ctx, args...)
					if args[0] != "matrix" && r.code != 1 {
						t.Errorf("%v: exit %d, want 1\n%s", args, r.code, r.all())
					}
				}
				if len(*bodies) == 0 {
					t.Fatal("no token request reached the echoing endpoint")
				}
				var creds []string
				for _, b := range *bodies {
					form, _ := url.ParseQuery(b)
					for _, k := range []string{"client_secret", "client_assertion"} {
						if v := form.Get(k); v != "" {
							creds = append(creds, v, url.QueryEscape(v))
						}
					}
				}
				if len(creds) == 0 {
					t.Fatalf("the token requests carried no credential: %q", *bodies)
				}
				shown := strings.Join(h.outputs, "\n")
				assertClean(t, "stderr", shown, append(creds, privateKeyLines(certPEM)...))
				// The echo itself was shown, scrubbed: the test saw the
				// dangerous text reach the display path.
				// A redirect of the token request is not followed, and its
				// query (the echo) is not shown.
				want := map[string]string{"json": "echoing what was received", "html": "proxy error", "redirect": "/token; not followed"}[mode]
				if !strings.Contains(shown, want) {
					t.Errorf("the echoed text (%q) never reached the output:\n%s", want, shown)
				}
				if mode != "redirect" && !strings.Contains(shown, "[redacted") {
					t.Errorf("nothing was marked as redacted:\n%s", shown)
				}
			})
		}
	}
}

// A config others can read that points at secret files gets a warning on
// stderr with the fix; an edit by graphtui leaves the file 0600, and the
// warning goes away.
func TestHygieneReadableConfigWarning(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits do not describe Windows ACLs")
	}
	d := newDemo(t)
	if err := os.Chmod(d.config, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"profiles"}, {"get", "/users", "-o", "json"}} {
		r := run(t, d.env(), args...)
		if r.code != 0 || !strings.Contains(r.err, "warning: "+d.config+" can be read by other users") || !strings.Contains(r.err, "chmod 600 "+d.config) {
			t.Errorf("%v: exit %d, stderr:\n%s", args, r.code, r.err)
		}
		if strings.Contains(r.out, "warning") {
			t.Errorf("%v: the warning belongs on stderr, not in the output", args)
		}
	}
	cfg, _ := profiles.Load(d.config)
	p, _ := cfg.Get(demo.ProfileReader)
	p.Name = "copy"
	if err := profiles.Add(d.config, p); err != nil {
		t.Fatal(err)
	}
	checkMode0600(t, d.config)
	if r := run(t, d.env(), "profiles"); strings.Contains(r.err, "warning") {
		t.Errorf("still warned after the file became 0600:\n%s", r.err)
	}
}
