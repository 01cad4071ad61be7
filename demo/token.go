package demo

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The token endpoint: the client credentials grant with a client secret or a
// certificate assertion, and the access tokens it issues.

// token implements the client credentials grant. The checks run in the
// order that makes each error reachable on its own: tenant, request shape,
// scope format, app, credential, resource, policy.
func (t *Tenant) token(w http.ResponseWriter, r *http.Request) {
	var clientID string
	succeeded := false
	defer func() { t.stats.token(clientID, succeeded) }()
	fail := func(e aadstsError) { t.writeAADSTS(w, r, e) }

	if r.Method != http.MethodPost {
		fail(errPostOnly())
		return
	}
	// The body is read first so that Stats can file even a request for an
	// unknown tenant under its client ID.
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	parseErr := r.ParseForm()
	form := r.PostForm
	clientID = form.Get("client_id")
	secret := form.Get("client_secret")
	if user, pass, ok := r.BasicAuth(); ok { // client_secret_basic
		user, _ = url.QueryUnescape(user)
		pass, _ = url.QueryUnescape(pass)
		if clientID == "" {
			clientID = user
		}
		if secret == "" {
			secret = pass
		}
	}
	if e := resolveTenant(r.PathValue("tenant")); e != nil {
		fail(*e)
		return
	}
	if parseErr != nil {
		// An unreadable body has no grant_type, which is what the real
		// service reports for it.
		fail(errMissingParameter("grant_type"))
		return
	}

	grant := form.Get("grant_type")
	switch {
	case grant == "":
		fail(errMissingParameter("grant_type"))
		return
	case grant != "client_credentials":
		fail(errUnsupportedGrant(grant))
		return
	case clientID == "":
		fail(errMissingParameter("client_id"))
		return
	}

	resourceName, e := parseScope(form.Get("scope"))
	if e != nil {
		fail(*e)
		return
	}

	a := t.apps.app(clientID)
	if a == nil {
		fail(errAppNotFound(clientID))
		return
	}
	if a.disabled {
		fail(errAppDisabled(a))
		return
	}

	viaCert := false
	switch assertion := form.Get("client_assertion"); {
	case assertion != "":
		if form.Get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" {
			fail(aadstsError{http.StatusBadRequest, "invalid_request", 50027,
				"client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer."})
			return
		}
		if p, err := parseJWT(assertion); err == nil && len(a.federated) > 0 && !strings.EqualFold(p.str("iss"), a.clientID) {
			// Another issuer's token: workload identity federation.
			if e := t.checkFederated(a, p); e != nil {
				fail(*e)
				return
			}
			break
		}
		if e := t.checkAssertion(a, assertion); e != nil {
			fail(*e)
			return
		}
		viaCert = true
	case secret != "":
		if e := t.checkSecret(a, secret); e != nil {
			fail(*e)
			return
		}
	default:
		fail(errNoCredential())
		return
	}

	res, aud := t.apps.resourceFor(resourceName)
	if res == nil {
		fail(errResourceNotFound(resourceName))
		return
	}
	if a.caBlocked {
		fail(errBlockedByCA())
		return
	}

	accessToken, err := t.issueToken(a, res, aud, viaCert)
	if err != nil {
		http.Error(w, "demo tenant: signing failed", http.StatusInternalServerError)
		return
	}
	secs := int(t.opts.TokenLifetime / time.Second)
	if secs > 1 {
		secs-- // the real service also answers 3599 for an hour
	}
	w.Header().Set("Cache-Control", "no-store, no-cache")
	w.Header().Set("Pragma", "no-cache")
	w.Header().Set("x-ms-request-id", randomGUID())
	if id := r.Header.Get("client-request-id"); id != "" {
		w.Header().Set("client-request-id", id)
	}
	writeJSON(w, http.StatusOK, "application/json; charset=utf-8", ordered{
		{"token_type", "Bearer"},
		{"expires_in", secs},
		{"ext_expires_in", secs},
		{"access_token", accessToken},
	})
	succeeded = true
}

// parseScope returns the resource of a client credentials scope. MSAL adds
// openid, profile and offline_access to every request; they are ignored.
func parseScope(scope string) (string, *aadstsError) {
	var rest []string
	for _, s := range strings.Fields(scope) {
		switch s {
		case "openid", "profile", "offline_access":
		default:
			rest = append(rest, s)
		}
	}
	switch {
	case len(rest) == 0:
		e := errMissingParameter("scope")
		return "", &e
	case len(rest) > 1:
		e := errScopeInvalid(strings.Join(rest, " "))
		return "", &e
	case !strings.HasSuffix(rest[0], "/.default"):
		e := errScopeNotDefault(rest[0])
		return "", &e
	}
	return strings.TrimSuffix(rest[0], "/.default"), nil
}

func (t *Tenant) checkSecret(a *app, sent string) *aadstsError {
	now := t.now()
	matchedExpired := false
	for _, s := range a.secrets {
		if subtle.ConstantTimeCompare([]byte(s.value), []byte(sent)) != 1 {
			continue
		}
		if now.Before(s.end) {
			return nil
		}
		matchedExpired = true
	}
	if matchedExpired {
		e := errSecretExpired(a)
		return &e
	}
	e := errWrongSecret(a)
	return &e
}

// checkAssertion verifies a certificate credential: a JWT signed by the
// key of a certificate registered on the app, naming it by thumbprint
// (x5t#S256 from MSAL, x5t from older libraries), for this token endpoint,
// within its validity window.
func (t *Tenant) checkAssertion(a *app, assertion string) *aadstsError {
	p, err := parseJWT(assertion)
	if err != nil {
		e := errAssertionMalformed(err.Error())
		return &e
	}
	var sent string
	var known bool
	switch {
	case p.header.X5tS256 != "":
		sent = p.header.X5tS256
		known = a.cert != nil && thumbprintIs(sent, a.cert.sha256[:])
	case p.header.X5t != "":
		sent = p.header.X5t
		known = a.cert != nil && thumbprintIs(sent, a.cert.sha1[:])
	default:
		e := errAssertionMalformed("its header names no certificate thumbprint (x5t#S256 or x5t)")
		return &e
	}
	if !known {
		e := errAssertionKeyUnknown(sent)
		return &e
	}
	if err := p.verify(&a.cert.key.PublicKey); err != nil {
		e := errAssertionSignature()
		return &e
	}
	if !strings.EqualFold(p.str("iss"), a.clientID) || !strings.EqualFold(p.str("sub"), a.clientID) {
		e := errAssertionMalformed("its iss and sub claims must both be the client ID")
		return &e
	}
	if !t.isTokenEndpoint(p.str("aud")) {
		e := errAssertionMalformed(fmt.Sprintf("its audience '%s' is not this tenant's token endpoint", p.str("aud")))
		return &e
	}
	return t.checkWindow(p, errAssertionTime)
}

// checkWindow is the validity check every assertion gets: no exp is
// malformed; a time outside nbf..exp, give or take clockSkew, is answered
// with outside's error (certificate and federated assertions word it
// differently, as the real service does).
func (t *Tenant) checkWindow(p *parsedJWT, outside func(now, nbf, exp time.Time) aadstsError) *aadstsError {
	exp, ok := p.unix("exp")
	if !ok {
		e := errAssertionMalformed("it has no exp claim")
		return &e
	}
	nbf, hasNbf := p.unix("nbf")
	now := t.now()
	if now.After(exp.Add(clockSkew)) || hasNbf && nbf.After(now.Add(clockSkew)) {
		e := outside(now, nbf, exp)
		return &e
	}
	return nil
}

func (t *Tenant) isTokenEndpoint(aud string) bool {
	for _, tenant := range []string{TenantGUID, TenantDomain, CompanyDomain} {
		for _, path := range []string{"/oauth2/v2.0/token", "/oauth2/token"} {
			if strings.EqualFold(aud, t.loginURL+"/"+tenant+path) {
				return true
			}
		}
	}
	return false
}

// thumbprintIs compares a thumbprint header, in any base64 flavour, with a digest.
func thumbprintIs(sent string, digest []byte) bool {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(sent); err == nil {
			return subtle.ConstantTimeCompare(b, digest) == 1
		}
	}
	return false
}

// issueToken makes a v1.0 app-only access token with the claims a real
// Graph token carries. roles is present only when roles were granted, which
// is exactly what Graph's "Either scp or roles" 401 is about.
func (t *Tenant) issueToken(a *app, res *resource, aud string, viaCert bool) (string, error) {
	now := t.now()
	acr := "1"
	if viaCert {
		acr = "2"
	}
	claims := ordered{
		{"aud", aud},
		{"iss", issuerV1()},
		{"iat", now.Unix()},
		{"nbf", now.Unix()},
		{"exp", now.Add(t.opts.TokenLifetime).Unix()},
		{"aio", randomB64(48)},
		{"app_displayname", a.displayName},
		{"appid", a.clientID},
		{"appidacr", acr},
		{"idp", issuerV1()},
		{"idtyp", "app"},
		{"oid", a.spID},
		{"rh", "0.A" + randomB64(36) + "AA."},
	}
	if granted := a.grantedRoles(); res.appID == GraphAppID && len(granted) > 0 {
		claims = append(claims, kv{"roles", granted})
	}
	claims = append(claims,
		kv{"sub", a.spID},
		kv{"tenant_region_scope", "EU"},
		kv{"tid", TenantGUID},
		kv{"uti", randomB64(16)},
		kv{"ver", "1.0"},
		// The default directory role template every service principal holds.
		kv{"wids", []string{"0997a1d0-0d1d-4acb-b408-d5ca73121e90"}},
		kv{"xms_tcdt", tenantCreated.Unix()},
	)
	return t.signer.sign(claims)
}

func randomB64(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return b64.EncodeToString(b)
}
