// Package auth gets app-only access tokens for profiles through MSAL Go,
// caches them, decodes their claims for display and explains failures.
package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"

	"github.com/graphtui/graphtui/profiles"
)

// RefreshMargin is how long before expiry a cached token stops being used.
const RefreshMargin = 5 * time.Minute

// DefaultTimeout bounds one token request (discovery and token call) when
// Options.Timeout is 0. It matches MSAL's own default for a call.
const DefaultTimeout = 30 * time.Second

// Source says where a token came from.
type Source int

const (
	SourceIdentityProvider Source = iota
	// SourceCache is this process's memory.
	SourceCache
	// SourceDiskCache is the persistent token cache file.
	SourceDiskCache
	// SourceReference is an access_token reference (a token brought from
	// elsewhere).
	SourceReference
)

// SourceMemoryCache is SourceCache under the name that tells it from the
// disk.
const SourceMemoryCache = SourceCache

// String is the short form; SourceCache keeps its historical "cache".
func (s Source) String() string {
	switch s {
	case SourceCache:
		return "cache"
	case SourceDiskCache:
		return "cache (disk)"
	case SourceReference:
		return "access_token reference"
	}
	return "identity provider"
}

// Label is the form the Trace tab and `graphtui token` show: "cache
// (disk)", "cache (memory)", "identity provider" or "access_token
// reference".
func (s Source) Label() string {
	if s == SourceCache {
		return "cache (memory)"
	}
	return s.String()
}

// DelegatedLabel is shown beside a token with an scp claim.
const DelegatedLabel = "delegated token: the doctor's app-only advice may not apply"

// Token is an access token with what graphtui shows about it. The raw value
// sits behind an unexported pointer and Token formats itself, so printing a
// Token, or any struct holding one, with %v, %+v, %#v or as JSON never
// shows it.
type Token struct {
	raw       *string
	Profile   string
	Kind      string // the profile's kind (profiles.Profile.Kind)
	ExpiresOn time.Time
	Source    Source
	Took      time.Duration // time spent acquiring (or looking up) this token
	Claims    Claims
	// ClaimsErr says why Claims is empty: the identity platform issued
	// something that is not a JWT, so nothing can be said about its roles.
	ClaimsErr error
	// Federated holds the iss, sub and aud of the federated token last sent
	// as the client assertion (federated profiles only; never the token).
	Federated *AssertionClaims
	// Delegated is true for a token with an scp claim: a user's token,
	// which an access_token reference may bring (see DelegatedLabel).
	Delegated bool
}

// Raw is the bearer token itself. Call it only to send the token to the
// profile's Graph host or when the user explicitly asked for it.
func (t *Token) Raw() string {
	if t == nil || t.raw == nil {
		return ""
	}
	return *t.raw
}

// String never includes the token.
func (t Token) String() string {
	return fmt.Sprintf("token for %s (from %s, expires %s)", t.Profile, t.Source, t.ExpiresOn.Format(time.RFC3339))
}

// Format makes every fmt verb print String, %#v included.
func (t Token) Format(f fmt.State, _ rune) { fmt.Fprint(f, t.String()) }

// Options configure a Manager. Zero values pick sensible defaults.
type Options struct {
	Secrets profiles.Secrets
	// HTTPClient builds the client for a profile's login host.
	HTTPClient func(profiles.Profile) (*http.Client, error)
	Now        func() time.Time
	// Timeout bounds each request to the identity platform; 0 means
	// DefaultTimeout. Resolving the secret is not included: a cmd: or
	// keyring: reference has its own bound.
	Timeout time.Duration
	// Cache keeps tokens between runs; nil keeps them in memory only.
	Cache *Cache
	// ManagedIdentityProbe bounds the first answer from IMDS, which on a
	// machine that is not an Azure VM never comes; 0 means
	// DefaultManagedIdentityProbe.
	ManagedIdentityProbe time.Duration
}

// Manager holds one MSAL confidential client and one cached token per
// profile. It is safe for concurrent use; concurrent callers for the same
// profile share one token request.
type Manager struct {
	opts Options

	mu       sync.Mutex
	entries  map[string]*entry
	redactor Redactor
}

type entry struct {
	// lock serialises acquisition for one profile. It is a channel so that
	// a caller waiting behind a slow acquisition can give up when its
	// context ends (the TUI's esc) instead of waiting for the other one.
	lock   chan struct{}
	config profiles.Profile
	client *confidential.Client
	slot   *cacheSlot // the client's persistent cache entry; nil without one

	mi     *managedIdentity // managed identity profiles
	fed    *assertionSource // federated profiles
	bypass bool             // the next token must not come from any cache (after a logout)

	mu    sync.Mutex // guards token alone, so Cached never waits for IO
	token *Token
}

func (e *entry) cached() *Token {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.token
}

func (e *entry) setToken(t *Token) {
	e.mu.Lock()
	e.token = t
	e.mu.Unlock()
}

// NewManager returns a Manager with no tokens yet.
func NewManager(opts Options) *Manager {
	if opts.HTTPClient == nil {
		opts.HTTPClient = profiles.HTTPClient
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Manager{opts: opts, entries: map[string]*entry{}}
}

// Token returns a token for p, from the cache while it is valid for more
// than RefreshMargin, else from the identity platform.
func (m *Manager) Token(ctx context.Context, p profiles.Profile) (*Token, error) {
	return m.token(ctx, p, false)
}

// Refresh forces a new token from the identity platform, dropping the
// cached one (after an admin grants consent, the old token lacks the roles).
func (m *Manager) Refresh(ctx context.Context, p profiles.Profile) (*Token, error) {
	return m.token(ctx, p, true)
}

// Cached returns the cached token for a profile without any IO, or nil.
func (m *Manager) Cached(name string) *Token {
	m.mu.Lock()
	e := m.entries[name]
	m.mu.Unlock()
	if e == nil {
		return nil
	}
	return e.cached()
}

// Forget drops everything held for a profile (it was edited or removed).
func (m *Manager) Forget(name string) {
	m.mu.Lock()
	delete(m.entries, name)
	m.mu.Unlock()
}

// Redact scrubs every secret and token this manager has seen from s.
func (m *Manager) Redact(s string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.redactor.Redact(s)
}

func (m *Manager) entryFor(p profiles.Profile) *entry {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.entries[p.Name]
	if e == nil || e.config != p {
		// A changed profile gets a fresh MSAL client and no cached token.
		e = &entry{config: p, lock: make(chan struct{}, 1)}
		m.entries[p.Name] = e
	}
	return e
}

func (e *entry) acquire(ctx context.Context) error {
	select {
	case e.lock <- struct{}{}:
		return nil
	default:
	}
	select {
	case e.lock <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (e *entry) release() { <-e.lock }

func (m *Manager) timeout() time.Duration {
	if m.opts.Timeout > 0 {
		return m.opts.Timeout
	}
	return DefaultTimeout
}

func (m *Manager) token(ctx context.Context, p profiles.Profile, force bool) (*Token, error) {
	start := time.Now()
	e := m.entryFor(p)
	if err := e.acquire(ctx); err != nil {
		return nil, &TokenError{Profile: p.Name, Cause: "cancelled", Err: err}
	}
	defer e.release()

	if cached := e.cached(); !force && cached != nil && m.opts.Now().Before(cached.ExpiresOn.Add(-RefreshMargin)) {
		t := *cached
		t.Source = SourceCache
		t.Took = time.Since(start)
		return &t, nil
	}
	force = force || e.bypass
	var (
		t   *Token
		err error
	)
	switch p.Kind() {
	case profiles.KindAccessToken:
		t, err = m.broughtToken(ctx, p)
	case profiles.KindManagedIdentity:
		t, err = m.managedToken(ctx, e, p, force)
	default:
		t, err = m.appToken(ctx, e, p, force)
	}
	if err != nil {
		e.setToken(nil)
		return nil, err
	}
	e.bypass = false
	t.Profile, t.Kind, t.Took = p.Name, p.Kind(), time.Since(start)
	e.setToken(t)
	out := *t
	return &out, nil
}

// newToken wraps an access token with its decoded claims, and registers it
// for redaction.
func (m *Manager) newToken(raw string, expires time.Time, src Source) *Token {
	m.mu.Lock()
	m.redactor.Add(raw)
	m.mu.Unlock()
	t := &Token{raw: &raw, ExpiresOn: expires, Source: src}
	if c, err := DecodeClaims(raw); err == nil {
		t.Claims = c
		t.Delegated = c.Delegated()
	} else {
		t.ClaimsErr = fmt.Errorf("the access token is not a readable JWT (%v), so its claims and roles cannot be shown", err)
	}
	return t
}

// appToken gets a token for an app registration (secret, certificate or
// federated token) through MSAL's confidential client.
func (m *Manager) appToken(ctx context.Context, e *entry, p profiles.Profile, force bool) (*Token, error) {
	if force || e.client == nil {
		// A new MSAL client means a new, empty MSAL cache: the only way to
		// make MSAL skip a token it still considers valid.
		c, slot, err := m.newClient(ctx, e, p)
		if err != nil {
			return nil, err
		}
		e.client, e.slot = c, slot
	}
	if e.slot != nil {
		// A forced refresh must not load the file's token either; the new
		// one replaces it there.
		e.slot.setBypass(force)
		defer e.slot.setBypass(false)
	}
	actx, cancel := context.WithTimeout(ctx, m.timeout())
	res, err := e.client.AcquireTokenByCredential(actx, []string{p.EffectiveScope()})
	timedOut := errors.Is(actx.Err(), context.DeadlineExceeded)
	cancel()
	if err != nil {
		if e.fed != nil {
			if ferr := e.fed.takeErr(); ferr != nil {
				return nil, &CredentialError{Profile: p.Name, Err: ferr}
			}
		}
		switch {
		case ctx.Err() != nil:
			err = ctx.Err() // the caller gave up: not the identity platform's fault
		case timedOut && !errors.Is(err, context.DeadlineExceeded):
			// MSAL sometimes reports a cut-off answer as a bad one
			// ("response is missing access_token"); the deadline is the cause.
			err = fmt.Errorf("%w: %v", context.DeadlineExceeded, err)
		}
		te := m.tokenError(p, err)
		if e.fed != nil {
			federationError(te, e.fed.last())
		}
		return nil, te
	}
	src := SourceIdentityProvider
	if res.Metadata.TokenSource == confidential.TokenSourceCache {
		src = SourceCache
		if e.slot != nil && e.slot.fromFile() {
			src = SourceDiskCache
		}
	}
	t := m.newToken(res.AccessToken, res.ExpiresOn, src)
	if e.fed != nil {
		t.Federated = e.fed.last()
	}
	return t, nil
}

func (m *Manager) newClient(ctx context.Context, e *entry, p profiles.Profile) (*confidential.Client, *cacheSlot, error) {
	cred, fp, err := m.credential(ctx, e, p)
	if err != nil {
		return nil, nil, err
	}
	hc, err := m.opts.HTTPClient(p)
	if err != nil {
		return nil, nil, err
	}
	hc, err = identityClient(hc, p.LoginBase())
	if err != nil {
		return nil, nil, &TokenError{Profile: p.Name, Cause: "the identity platform's address is not acceptable", NextStep: "Set authority_host to an https:// URL (plain http only for localhost or 127.0.0.1), or remove it to use the cloud's login host.", Err: err}
	}
	// Instance discovery is off for every profile: a custom host (sovereign
	// override, the demo) cannot be validated by the public cloud, and for
	// the clouds' own hosts, which MSAL trusts as they are, it would cost a
	// request to login.microsoftonline.com on every run, cache hit or not.
	opts := []confidential.Option{confidential.WithHTTPClient(hc), confidential.WithInstanceDiscovery(false)}
	var slot *cacheSlot
	if m.opts.Cache.Persistent() {
		slot = &cacheSlot{cache: m.opts.Cache, profile: p.Name,
			key: identityKey(p.Kind(), lower(p.LoginBase()), lower(p.Tenant), lower(p.ClientID), fp, p.EffectiveScope())}
		opts = append(opts, confidential.WithCache(slot))
	}
	c, err := confidential.New(p.Authority(), p.ClientID, cred, opts...)
	if err != nil {
		return nil, nil, &TokenError{Profile: p.Name, Cause: "MSAL rejected the profile's authority or client id", NextStep: "Check tenant, client_id and authority_host in the profile.", Err: errors.New(m.Redact(err.Error()))}
	}
	return &c, slot, nil
}

// credential resolves the profile's secret reference, certificate or
// federated token reference, with the fingerprint that keys its cache entry.
func (m *Manager) credential(ctx context.Context, e *entry, p profiles.Profile) (confidential.Credential, string, error) {
	switch {
	case p.FederatedToken != "":
		e.fed = &assertionSource{ref: p.FederatedToken, secrets: m.opts.Secrets, redact: m.addSecret}
		// The reference, not the token: the token rotates, the identity stays.
		return confidential.NewCredFromAssertionCallback(e.fed.assertion), fingerprint("federated", []byte(p.FederatedToken)), nil
	case p.Certificate != "":
		certs, key, err := profiles.LoadCertificate(ctx, p, m.opts.Secrets)
		if err != nil {
			return confidential.Credential{}, "", &CredentialError{Profile: p.Name, Err: err}
		}
		if err := profiles.CheckValidity(p, certs[0], m.opts.Now()); err != nil {
			return confidential.Credential{}, "", &CredentialError{Profile: p.Name, Err: err}
		}
		cred, err := confidential.NewCredFromCert(certs, key)
		if err != nil {
			return confidential.Credential{}, "", &CredentialError{Profile: p.Name, Err: err}
		}
		return cred, fingerprint("certificate", certs[0].Raw), nil
	}
	if p.ClientSecret == "" {
		// Let the identity platform say AADSTS7000218 would be odd for a
		// config we can check ourselves.
		return confidential.Credential{}, "", &CredentialError{Profile: p.Name, Err: errors.New("no client_secret or certificate configured")}
	}
	secret, err := m.opts.Secrets.Resolve(ctx, p.ClientSecret)
	if err != nil {
		return confidential.Credential{}, "", &CredentialError{Profile: p.Name, Err: err}
	}
	m.addSecret(secret)
	cred, err := confidential.NewCredFromSecret(secret)
	return cred, fingerprint("secret", []byte(secret)), err
}

func (m *Manager) addSecret(s string) {
	m.mu.Lock()
	m.redactor.Add(s)
	m.mu.Unlock()
}

// CredentialError means the profile's credential could not be loaded
// locally: nothing was sent to the identity platform.
type CredentialError struct {
	Profile string
	Err     error
}

func (e *CredentialError) Error() string {
	return fmt.Sprintf("profile %q: credential: %v", e.Profile, e.Err)
}

func (e *CredentialError) Unwrap() error { return e.Err }

// tokenError turns an MSAL failure into a TokenError, reading the identity
// platform's error body when there is one. Every text it keeps is redacted
// and flattened to one line: MSAL's messages carry URLs and whole bodies.
func (m *Manager) tokenError(p profiles.Profile, err error) error {
	if te := originTokenError(p, err); te != nil {
		return te
	}
	var call msalerrors.CallErr
	if errors.As(err, &call) && call.Resp != nil {
		var body []byte
		if call.Resp.Body != nil {
			body, _ = io.ReadAll(io.LimitReader(call.Resp.Body, 64<<10))
		}
		// Scrub before excerpting: a cut could leave half a secret unmatched.
		return parseTokenError(p.Name, call.Resp.StatusCode, []byte(m.Redact(string(body))))
	}
	te := &TokenError{Profile: p.Name}
	first, rest, _ := strings.Cut(err.Error(), "\n")
	var badJSON msalerrors.InvalidJsonErr
	switch {
	case errors.Is(err, context.Canceled):
		te.Cause = "cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		te.Cause = fmt.Sprintf("the identity platform did not answer within %s", m.timeout())
		te.NextStep = "Check the network path to " + p.LoginBase() + " (proxy, VPN, firewall) and try again."
	case errors.As(err, &badJSON):
		// MSAL puts the body it could not decode after the first line.
		_, body, _ := strings.Cut(rest, ": ")
		te.Description = excerpt(htmlWords([]byte(m.Redact(body))), 200)
		te.Cause = "the token endpoint answered with something that is not a token response (an HTML page or broken JSON)"
		te.NextStep = "Check authority_host/cloud (" + p.LoginBase() + "): a proxy, captive portal or wrong host answered instead of the identity platform."
		rest = ""
	case isTransportError(err):
		te.Cause = "the identity platform could not be reached"
		te.NextStep = "Check authority_host/cloud (" + p.LoginBase() + ") and the network path to it (proxy, VPN, firewall)."
	default:
		te.Cause = "the identity platform gave an unusable answer"
		te.NextStep = "Check authority_host/cloud (" + p.LoginBase() + "): it must point at a Microsoft identity platform."
	}
	te.Err = errors.New(strings.Join(strings.Fields(m.Redact(first+" "+rest)), " "))
	return te
}

// isTransportError reports a failure to connect or to read an answer, as
// opposed to an answer MSAL did not like.
func isTransportError(err error) bool {
	var ue *url.Error
	var ne net.Error
	return errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF)
}
