// Package demo is graphtui's built-in demo tenant: a fake Microsoft identity
// platform and a fake Microsoft Graph, served in-process on loopback TLS.
//
// It exists so that a new user can try every graphtui feature without an
// Azure account, and so that every integration test runs offline against
// realistic answers: real claim shapes in tokens, real AADSTS error bodies,
// real Graph error bodies, paging, throttling.
//
// The tenant is a small fictional company (see directory.go) with a handful of
// app registrations that each tell one story (see apps.go): an app that works,
// one without admin consent, one with the wrong role, one fenced off a mailbox,
// one with a wrong secret, plus extra apps that trigger the app-specific
// AADSTS errors.
package demo

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"time"
)

// The demo tenant's identity. The GUID is fixed so that README examples and
// golden files stay valid from run to run.
const (
	TenantGUID   = "b03b09d7-5f35-4001-9f99-2578e865f845"
	TenantDomain = "contoso.onmicrosoft.com"
	// CompanyDomain is the verified custom domain used in user principal names.
	CompanyDomain = "contoso.com"
)

// Options tunes a demo tenant. The zero value is what `graphtui demo` uses.
type Options struct {
	// Now is the tenant's clock: token lifetimes, assertion checks and Graph
	// token validation all read it, so a test can move it forward to make a
	// token or a client assertion look expired. Default time.Now.
	Now func() time.Time
	// TokenLifetime of issued access tokens. Default 1h.
	TokenLifetime time.Duration
	// ThrottleRetryAfter is the Retry-After sent by the throttling path
	// (/auditLogs/signIns). Default 1s; it is sent in whole seconds, rounded
	// down, so anything under a second is sent as "0".
	ThrottleRetryAfter time.Duration
	// Users is the number of generated users added to the ~10 story users.
	// Default 120, so that /users needs two pages at Graph's default page
	// size of 100. A negative value generates none. `graphtui demo` asks
	// for LargeDirectoryUsers; they are made on demand, so it starts as fast.
	Users int
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.TokenLifetime <= 0 {
		o.TokenLifetime = time.Hour
	}
	if o.ThrottleRetryAfter <= 0 {
		o.ThrottleRetryAfter = time.Second
	}
	switch {
	case o.Users == 0:
		o.Users = 120
	case o.Users < 0:
		o.Users = 0
	}
	return o
}

// Tenant is a running demo tenant: a login server and a Graph server, each on
// its own loopback TLS listener, and a managed identity endpoint on plain
// http loopback, as App Service has.
type Tenant struct {
	opts Options

	ca       *certAuthority
	signer   *tokenSigner
	apps     *registry
	profiles []demoProfile
	dir      *directory
	stats    *statsRecorder
	started  time.Time

	loginURL  string
	graphURL  string
	miURL     string // the managed identity endpoint's base (plain http, loopback)
	miHeader  string // IDENTITY_HEADER: the secret the endpoint requires
	servers   []*http.Server
	transport *http.Transport // shared by HTTPClient's clients

	throttleMu sync.Mutex
	throttle   map[string]int // calls to the throttling path, per app id

	large largePages // the last page made for the large-page path
}

// Start runs a new demo tenant on two fresh loopback ports with a freshly
// generated certificate authority. Close it when done.
func Start(opts Options) (*Tenant, error) {
	opts = opts.withDefaults()
	ca, err := newCertAuthority()
	if err != nil {
		return nil, fmt.Errorf("demo tenant: TLS certificates: %w", err)
	}
	signer, err := newTokenSigner()
	if err != nil {
		return nil, fmt.Errorf("demo tenant: token signing key: %w", err)
	}
	t := &Tenant{
		opts:      opts,
		ca:        ca,
		signer:    signer,
		stats:     newStatsRecorder(),
		started:   opts.Now(),
		throttle:  map[string]int{},
		transport: ca.clientTransport(),
	}

	loginLn, err := t.listen()
	if err != nil {
		return nil, err
	}
	graphLn, err := t.listen()
	if err != nil {
		loginLn.Close()
		return nil, err
	}
	miLn, err := t.listenManagedIdentity()
	if err != nil {
		loginLn.Close()
		graphLn.Close()
		return nil, err
	}
	t.loginURL = "https://" + loginLn.Addr().String()
	t.graphURL = "https://" + graphLn.Addr().String()
	t.miURL = "http://" + miLn.Addr().String()
	t.miHeader = randomB64(24)

	// The registry and the directory depend on the Graph URL (it is the
	// resource the apps request tokens for), so they are built after listening.
	if t.apps, err = newRegistry(t.started, t.graphURL); err != nil {
		loginLn.Close()
		graphLn.Close()
		miLn.Close()
		return nil, fmt.Errorf("demo tenant: app registrations: %w", err)
	}
	if t.profiles, err = buildProfiles(t); err != nil {
		loginLn.Close()
		graphLn.Close()
		miLn.Close()
		return nil, fmt.Errorf("demo tenant: profiles: %w", err)
	}
	t.dir = newDirectory(t.apps, opts.Users)

	t.serve(loginLn, t.identityHandler())
	t.serve(graphLn, t.graphHandler())
	t.serve(miLn, t.managedIdentityHandler())
	return t, nil
}

func (t *Tenant) listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo tenant: listen on loopback: %w", err)
	}
	return tls.NewListener(ln, t.ca.serverConfig()), nil
}

func (t *Tenant) serve(ln net.Listener, h http.Handler) {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		// Handshake failures (a client that does not trust the demo CA) would
		// otherwise be printed over the TUI.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	t.servers = append(t.servers, srv)
	go srv.Serve(ln) //nolint:errcheck // returns ErrServerClosed on Close
}

// Close stops both servers and drops open connections.
func (t *Tenant) Close() error {
	t.transport.CloseIdleConnections()
	var errs []error
	for _, srv := range t.servers {
		if err := srv.Close(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// LoginURL is the identity platform's base URL (the profile's authority_host).
func (t *Tenant) LoginURL() string { return t.loginURL }

// GraphURL is Graph's base URL (the profile's graph_host). It is also the
// resource: tokens are requested with the scope GraphURL()+"/.default".
func (t *Tenant) GraphURL() string { return t.graphURL }

// TenantID is the directory (tenant) ID, the same for every run.
func (t *Tenant) TenantID() string { return TenantGUID }

// TokenEndpoint is the v2.0 token endpoint for the tenant GUID.
func (t *Tenant) TokenEndpoint() string {
	return t.loginURL + "/" + TenantGUID + "/oauth2/v2.0/token"
}

// CAPEM is the PEM of the certificate authority that signed both servers'
// certificate. Trust exactly this to talk to the tenant.
func (t *Tenant) CAPEM() []byte { return t.ca.certPEM }

// HTTPClient returns a client that trusts the demo CA and nothing else, and
// never goes through a proxy. Each call returns a new client (callers may
// change its timeout); they share one connection pool.
func (t *Tenant) HTTPClient() *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: t.transport}
}

func (t *Tenant) now() time.Time { return t.opts.Now() }

// Stats returns a snapshot of what the tenant has been asked so far.
func (t *Tenant) Stats() Stats { return t.stats.snapshot() }
