package demo

import (
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The identity side: what MSAL (or curl) talks to on the login listener.
//
//	GET  /{tenant}/v2.0/.well-known/openid-configuration   OIDC discovery
//	GET  /{tenant}/discovery/v2.0/keys                      JWKS (also /common/..., /discovery/...)
//	GET  /common/discovery/instance                         instance discovery
//	POST /{tenant}/oauth2/v2.0/token                        client credentials
//	GET  /{tenant}/adminconsent?client_id=...               where a consent URL lands
//	GET  /error?code=N                                      where error_uri points

// clockSkew is how far apart the client's and the tenant's clocks may be
// before an assertion or a token counts as not yet valid or expired.
const clockSkew = 5 * time.Minute

func (t *Tenant) identityHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{tenant}/v2.0/.well-known/openid-configuration", t.openIDConfiguration)
	mux.HandleFunc("GET /{tenant}/discovery/v2.0/keys", t.jwks)
	mux.HandleFunc("GET /discovery/v2.0/keys", t.jwks)
	mux.HandleFunc("GET /common/discovery/instance", t.instanceDiscovery)
	mux.HandleFunc("/{tenant}/oauth2/v2.0/token", t.token)
	mux.HandleFunc("GET /{tenant}/adminconsent", t.adminConsent)
	mux.HandleFunc("GET /error", t.errorPage)
	return mux
}

// resolveTenant accepts the tenant GUID and the tenant's domains, the way
// the real service accepts either in the authority.
func resolveTenant(s string) *aadstsError {
	switch {
	case strings.EqualFold(s, TenantGUID), strings.EqualFold(s, TenantDomain), strings.EqualFold(s, CompanyDomain):
		return nil
	case isGUID(s) || isDNSName(s):
		e := errUnknownTenant(s)
		return &e
	default:
		e := errMalformedTenant(s)
		return &e
	}
}

func isDNSName(s string) bool {
	labels := strings.Split(s, ".")
	if len(s) > 253 || len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range l {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// issuerV2 is the issuer of the discovery document. MSAL checks that its
// host is the authority's host.
func (t *Tenant) issuerV2() string { return t.loginURL + "/" + TenantGUID + "/v2.0" }

// issuerV1 is the issuer of v1.0 access tokens, which Graph tokens are.
func issuerV1() string { return "https://sts.windows.net/" + TenantGUID + "/" }

func (t *Tenant) openIDConfiguration(w http.ResponseWriter, r *http.Request) {
	t.stats.discovery()
	if e := resolveTenant(r.PathValue("tenant")); e != nil {
		t.writeAADSTS(w, r, *e)
		return
	}
	base := t.loginURL + "/" + TenantGUID
	doc := ordered{
		{"token_endpoint", base + "/oauth2/v2.0/token"},
		{"token_endpoint_auth_methods_supported", []string{"client_secret_post", "private_key_jwt", "client_secret_basic"}},
		{"jwks_uri", base + "/discovery/v2.0/keys"},
		{"response_modes_supported", []string{"query", "fragment", "form_post"}},
		{"subject_types_supported", []string{"pairwise"}},
		{"id_token_signing_alg_values_supported", []string{"RS256"}},
		{"response_types_supported", []string{"code", "id_token", "code id_token", "id_token token"}},
		{"scopes_supported", []string{"openid", "profile", "email", "offline_access"}},
		{"issuer", t.issuerV2()},
		{"request_uri_parameter_supported", false},
		{"userinfo_endpoint", t.graphURL + "/oidc/userinfo"},
		{"authorization_endpoint", base + "/oauth2/v2.0/authorize"},
		{"device_authorization_endpoint", base + "/oauth2/v2.0/devicecode"},
		{"http_logout_supported", true},
		{"frontchannel_logout_supported", true},
		{"end_session_endpoint", base + "/oauth2/v2.0/logout"},
		{"claims_supported", []string{"sub", "iss", "aud", "exp", "iat", "nbf", "tid", "oid", "ver"}},
		{"tenant_region_scope", "EU"},
		{"cloud_instance_name", "graphtui.demo"},
		{"msgraph_host", strings.TrimPrefix(t.graphURL, "https://")},
	}
	writeJSON(w, http.StatusOK, "application/json; charset=utf-8", doc)
}

func (t *Tenant) jwks(w http.ResponseWriter, r *http.Request) {
	pub := t.signer.key.PublicKey
	key := ordered{
		{"kty", "RSA"},
		{"use", "sig"},
		{"kid", t.signer.kid},
		{"x5t", t.signer.kid},
		{"n", b64.EncodeToString(pub.N.Bytes())},
		{"e", b64.EncodeToString(big.NewInt(int64(pub.E)).Bytes())},
		{"x5c", []string{t.signer.certB64}},
		{"issuer", t.issuerV2()},
	}
	writeJSON(w, http.StatusOK, "application/json; charset=utf-8", ordered{{"keys", []ordered{key}}})
}

// instanceDiscovery answers as the real service does for a host it knows:
// the host is its own only alias. MSAL only asks when instance discovery is
// left on, which it should not be for a custom authority host.
func (t *Tenant) instanceDiscovery(w http.ResponseWriter, r *http.Request) {
	t.stats.discovery()
	tenant := "common"
	if u, err := url.Parse(r.URL.Query().Get("authorization_endpoint")); err == nil {
		if seg := strings.Split(strings.Trim(u.Path, "/"), "/"); seg[0] != "" {
			tenant = seg[0]
		}
	}
	host := strings.TrimPrefix(t.loginURL, "https://")
	doc := ordered{
		{"tenant_discovery_endpoint", t.loginURL + "/" + tenant + "/v2.0/.well-known/openid-configuration"},
		{"api-version", "1.1"},
		{"metadata", []ordered{{
			{"preferred_network", host},
			{"preferred_cache", host},
			{"aliases", []string{host}},
		}}},
	}
	writeJSON(w, http.StatusOK, "application/json; charset=utf-8", doc)
}

func (t *Tenant) adminConsent(w http.ResponseWriter, r *http.Request) {
	clientID := r.URL.Query().Get("client_id")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	a := t.apps.app(clientID)
	if a == nil {
		fmt.Fprintf(w, "graphtui demo tenant: no app with client ID %q is registered here.\n", clientID)
		return
	}
	// Visiting the page plays the admin clicking Accept: in a real tenant
	// this is where the configured permissions get consented.
	before := a.grantedRoles()
	t.GrantConsent(a.clientID)
	fmt.Fprintf(w, "graphtui demo tenant: admin consent granted for %s (%s)\n\nPermissions configured: %s\nGranted before:         %s\nGranted now:            %s\n\n"+
		"Tokens issued from now on carry these roles. In graphtui press R (or run 'graphtui token --refresh') to get one.\n",
		a.displayName, a.clientID, listOrNone(a.requested), listOrNone(before), listOrNone(a.grantedRoles()))
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return strings.Join(s, ", ")
}

func (t *Tenant) errorPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "graphtui demo tenant: error AADSTS%s.\nThe error description in the token response says what went wrong; graphtui explains the cause and the next step.\n",
		strings.TrimPrefix(r.URL.Query().Get("code"), "AADSTS"))
}
