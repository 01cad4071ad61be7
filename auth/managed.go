package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"

	"github.com/graphtui/graphtui/profiles"
)

// DefaultManagedIdentityProbe bounds the wait for IMDS's first answer. On
// an Azure VM it answers in milliseconds; elsewhere 169.254.169.254 drops
// the connection attempt and MSAL would wait (and retry) for minutes.
const DefaultManagedIdentityProbe = 3 * time.Second

// imdsAddress is where MSAL asks when no variable names an endpoint.
const imdsAddress = "http://169.254.169.254/metadata/identity/oauth2/token"

// managedIdentityVars are the variables MSAL reads to pick the source, in
// the order the message lists them.
var managedIdentityVars = []string{"IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "IMDS_ENDPOINT", "MSI_ENDPOINT", "MSI_SECRET"}

// managedIdentity is one profile's MSAL managed identity client. MSAL reads
// the environment itself, when the client is made.
type managedIdentity struct {
	client   managedidentity.Client
	source   managedidentity.Source
	endpoint string // where the requests go, for messages
	reached  *atomic.Bool
}

// managedToken gets a managed identity's token: from the persistent cache,
// else from the host's endpoint through MSAL (whose own cache lives in the
// process).
func (m *Manager) managedToken(ctx context.Context, e *entry, p profiles.Profile, force bool) (*Token, error) {
	if e.mi == nil {
		mi, err := m.newManagedIdentity(p)
		if err != nil {
			return nil, err
		}
		e.mi = mi
	}
	mi := e.mi
	key := identityKey(p.Kind(), string(mi.source), lower(mi.endpoint), p.ManagedIdentityBy(), lower(p.ManagedIdentity), p.EffectiveScope())
	if !force {
		if ce, ok := m.opts.Cache.get(key); ok && ce.Token != "" && m.opts.Now().Before(ce.Expires.Add(-RefreshMargin)) {
			return m.newToken(ce.Token, ce.Expires, SourceDiskCache), nil
		}
	}

	actx, cancel := context.WithTimeout(ctx, m.timeout())
	defer cancel()
	call := &miCall{cancel: cancel}
	actx = context.WithValue(actx, miCallKey{}, call)
	var opts []managedidentity.AcquireTokenOption
	if force {
		// MSAL keeps managed identity tokens in a cache shared by the whole
		// process and skips it only for a claims challenge; asking for a
		// token issued from now on is one, and says what a refresh wants.
		opts = append(opts, managedidentity.WithClaims(fmt.Sprintf(`{"access_token":{"nbf":{"essential":true,"value":"%d"}}}`, m.opts.Now().Unix())))
	}
	res, err := mi.client.AcquireToken(actx, p.EffectiveScope(), opts...)
	if err != nil {
		if ctx.Err() != nil {
			return nil, m.tokenError(p, ctx.Err())
		}
		return nil, m.managedError(p, mi, call, err)
	}
	src := SourceIdentityProvider
	if res.Metadata.TokenSource == managedidentity.TokenSourceCache {
		src = SourceCache
	} else {
		m.opts.Cache.put(key, p.Name, cacheEntry{Token: res.AccessToken, Expires: res.ExpiresOn})
	}
	return m.newToken(res.AccessToken, res.ExpiresOn, src), nil
}

func (m *Manager) newManagedIdentity(p profiles.Profile) (*managedIdentity, error) {
	var id managedidentity.ID
	switch p.ManagedIdentityBy() {
	case profiles.ManagedIdentityBySystem:
		id = managedidentity.SystemAssigned()
	case profiles.ManagedIdentityByClientID:
		id = managedidentity.UserAssignedClientID(p.ManagedIdentity)
	case profiles.ManagedIdentityByResourceID:
		id = managedidentity.UserAssignedResourceID(p.ManagedIdentity)
	default:
		return nil, &CredentialError{Profile: p.Name, Err: errors.New(`managed_identity must be "system", a client id or a resource id`)}
	}
	source, err := managedidentity.GetSource()
	if err != nil {
		return nil, &TokenError{Profile: p.Name, Cause: "MSAL could not tell which managed identity source this host offers", Err: err}
	}
	endpoint := managedEndpoint(source)
	if u, err := url.Parse(endpoint); err != nil || !localAddress(u.Hostname()) {
		return nil, &TokenError{Profile: p.Name,
			Cause: fmt.Sprintf("the managed identity endpoint %s is not an address on this host or its network; nothing was sent there", safeText(endpoint)),
			NextStep: "A managed identity endpoint is always local (localhost, 127.0.0.1, 169.254.169.254 or a private address). " +
				"Check IDENTITY_ENDPOINT / MSI_ENDPOINT: outside the Azure host they should be unset."}
	}
	if h := os.Getenv("IDENTITY_HEADER"); h != "" {
		m.addSecret(h)
	}
	if h := os.Getenv("MSI_SECRET"); h != "" {
		m.addSecret(h)
	}
	hc, err := m.opts.HTTPClient(p)
	if err != nil {
		return nil, err
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	mi := &managedIdentity{source: source, endpoint: endpoint, reached: &atomic.Bool{}}
	probe := m.opts.ManagedIdentityProbe
	if probe <= 0 {
		probe = DefaultManagedIdentityProbe
	}
	cp := *hc
	cp.Transport = &miTransport{next: next, imds: source == managedidentity.DefaultToIMDS, probe: probe, reached: mi.reached}
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		return fmt.Errorf("the managed identity endpoint redirected to %s; not followed", safeText(redirectTarget(req.URL)))
	}
	mi.client, err = managedidentity.New(id, managedidentity.WithHTTPClient(&cp))
	if err != nil {
		return nil, &TokenError{Profile: p.Name, Cause: "MSAL cannot use this managed identity here: " + safeText(err.Error()),
			NextStep: fmt.Sprintf("This host's managed identity source is %s; name the identity the way it supports (or use \"system\").", source)}
	}
	return mi, nil
}

// managedEndpoint is where MSAL will send the request for source.
func managedEndpoint(source managedidentity.Source) string {
	switch source {
	case managedidentity.AppService, managedidentity.ServiceFabric:
		return os.Getenv("IDENTITY_ENDPOINT")
	case managedidentity.CloudShell, managedidentity.AzureML:
		return os.Getenv("MSI_ENDPOINT")
	case managedidentity.AzureArc:
		if e := os.Getenv("IDENTITY_ENDPOINT"); e != "" {
			return e
		}
		return "http://127.0.0.1:40342/metadata/identity/oauth2/token"
	}
	return imdsAddress
}

// localAddress accepts the places a managed identity endpoint lives:
// loopback (App Service, Functions, Arc, Cloud Shell), link-local (IMDS)
// and private addresses (a Service Fabric node).
func localAddress(host string) bool {
	if profiles.IsLoopback(host) {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLinkLocalUnicast() || ip.IsPrivate())
}

type miCallKey struct{}

// miCall is one token request's state: the transport cancels it on the
// first failure to reach the endpoint, so MSAL's retries (meant for an
// endpoint that answers "busy") do not turn "nothing here" into a wait.
type miCall struct {
	cancel context.CancelFunc
	mu     sync.Mutex
	failed error
}

func (c *miCall) fail(err error) {
	c.mu.Lock()
	if c.failed == nil {
		c.failed = err
	}
	c.mu.Unlock()
	c.cancel()
}

func (c *miCall) unreachable() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failed
}

var errIMDSSilent = errors.New("no answer")

// miTransport sends only to local addresses, and stops the call at the
// first connection failure. For IMDS, which never refuses but may simply
// not answer, the first answer is awaited for probe at most.
type miTransport struct {
	next    http.RoundTripper
	imds    bool
	probe   time.Duration
	reached *atomic.Bool
}

func (t *miTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !localAddress(req.URL.Hostname()) {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, fmt.Errorf("request to %s refused: not a local address", safeText(originOf(req.URL).String()))
	}
	call, _ := req.Context().Value(miCallKey{}).(*miCall)
	var timer *time.Timer
	if call != nil && t.imds && !t.reached.Load() {
		timer = time.AfterFunc(t.probe, func() { call.fail(errIMDSSilent) })
	}
	resp, err := t.next.RoundTrip(req)
	if timer != nil {
		timer.Stop()
	}
	if err != nil {
		if call != nil {
			call.fail(err)
		}
		return nil, err
	}
	t.reached.Store(true)
	return resp, nil
}

func (t *miTransport) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// managedError explains a failed managed identity request.
func (m *Manager) managedError(p profiles.Profile, mi *managedIdentity, call *miCall, err error) *TokenError {
	te := &TokenError{Profile: p.Name}
	if failed := call.unreachable(); failed != nil {
		te.Cause = "no managed identity is available on this machine"
		how := "could not be reached"
		if errors.Is(failed, errIMDSSilent) {
			how = fmt.Sprintf("did not answer within %s", m.managedProbe())
		}
		te.NextStep = fmt.Sprintf("graphtui looked at %s; so it asked %s, which %s. "+
			"Run graphtui on an Azure host with a managed identity (App Service, Functions, Container Apps, a VM, Arc), or use a profile with client_secret, certificate or federated_token.",
			describeVars(), describeSource(mi), how)
		if !errors.Is(failed, errIMDSSilent) {
			te.Err = errors.New(m.Redact(safeText(failed.Error())))
		}
		return te
	}
	var call2 msalerrors.CallErr
	if errors.As(err, &call2) && call2.Resp != nil {
		// MSAL has read the body already and put it after the error's
		// first line.
		_, body, _ := strings.Cut(call2.Error(), "\n")
		if len(body) > 64<<10 {
			body = body[:64<<10]
		}
		return managedStatusError(te, p, mi, call2.Resp.StatusCode, []byte(m.Redact(body)))
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		te.Cause = fmt.Sprintf("the managed identity endpoint (%s) did not answer within %s", describeSource(mi), m.timeout())
		te.NextStep = "Try again; if it persists, the host's identity service is unwell (restart the app, or check the VM's IMDS)."
	default:
		te.Cause = "the managed identity endpoint gave an unusable answer"
		te.NextStep = "Check that " + describeSource(mi) + " is the host's identity endpoint."
	}
	te.Err = errors.New(strings.Join(strings.Fields(m.Redact(err.Error())), " "))
	return te
}

func (m *Manager) managedProbe() time.Duration {
	if m.opts.ManagedIdentityProbe > 0 {
		return m.opts.ManagedIdentityProbe
	}
	return DefaultManagedIdentityProbe
}

// managedStatusError reads an endpoint's refusal. App Service answers
// {"statusCode":400,"message":"..."}, IMDS {"error":"...","error_description":"..."}.
func managedStatusError(te *TokenError, p profiles.Profile, mi *managedIdentity, status int, body []byte) *TokenError {
	te.Status = status
	var b struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
		Message     string `json:"message"`
		MessageCap  string `json:"Message"`
	}
	_ = json.Unmarshal(body, &b)
	msg := firstNonEmpty(b.Description, b.Message, b.MessageCap)
	if msg == "" {
		msg = string(htmlWords(body))
	}
	te.OAuthError = b.Error
	te.Description = excerpt([]byte(firstLine(msg)), 200)
	lowerMsg := strings.ToLower(msg)
	switch {
	case status == http.StatusBadRequest && (strings.Contains(lowerMsg, "identity not found") || strings.Contains(lowerMsg, "no managed identity") ||
		strings.Contains(lowerMsg, "no user assigned")):
		if p.ManagedIdentityBy() == profiles.ManagedIdentityBySystem {
			te.Cause = "this host has no system-assigned managed identity"
			te.NextStep = "Turn it on (the resource's Identity page > System assigned > On), or set managed_identity to the client id of a user-assigned identity the host has."
		} else {
			te.Cause = fmt.Sprintf("no user-assigned managed identity %q is assigned to this host", safeText(p.ManagedIdentity))
			te.NextStep = "Check managed_identity against the identity's Client ID (Managed Identities > NAME > Overview), and that the identity is added to this app or VM (Identity > User assigned > Add)."
		}
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		te.Cause = "the managed identity endpoint refused the request's identity header"
		te.NextStep = "IDENTITY_HEADER (MSI_SECRET) must be the value the host set for this process; it changes when the app restarts, so do not copy it from elsewhere."
	default:
		te.Cause = fmt.Sprintf("the managed identity endpoint (%s) answered HTTP %d", describeSource(mi), status)
		te.NextStep = "Read the description above; if it persists, restart the app or check the host's identity service."
	}
	return te
}

// describeVars lists the variables MSAL looked at and whether each is set;
// endpoints are shown, the header secrets only as "set".
func describeVars() string {
	var parts []string
	for _, v := range managedIdentityVars {
		val := os.Getenv(v)
		switch {
		case val == "":
			parts = append(parts, v+" (unset)")
		case strings.HasSuffix(v, "ENDPOINT"):
			parts = append(parts, fmt.Sprintf("%s=%s", v, safeText(val)))
		default:
			parts = append(parts, v+" (set)")
		}
	}
	return strings.Join(parts, ", ")
}

func describeSource(mi *managedIdentity) string {
	if mi.source == managedidentity.DefaultToIMDS {
		return "IMDS at 169.254.169.254"
	}
	return fmt.Sprintf("the %s endpoint %s", mi.source, safeText(mi.endpoint))
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
