package demo

import (
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// The managed identity endpoint, as App Service, Functions and Container
// Apps serve it to their apps: plain http on loopback, at the address in
// IDENTITY_ENDPOINT, answering only requests that carry IDENTITY_HEADER.
// The demo host has a system-assigned identity (mi-reader) and one
// user-assigned identity (mi-missing-role).
//
//	GET /msi/token?api-version=2019-08-01&resource=R[&client_id=ID|&mi_res_id=ARM]

// MIResourceIDUser is the ARM resource id of the demo's user-assigned identity.
const MIResourceIDUser = "/subscriptions/6f1c1a3e-2b1d-4c55-9a0e-3b7d3f9e0c21/resourceGroups/contoso-hr/providers/Microsoft.ManagedIdentity/userAssignedIdentities/contoso-hr-reports-mi"

func (t *Tenant) listenManagedIdentity() (net.Listener, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo tenant: listen on loopback: %w", err)
	}
	return ln, nil
}

func (t *Tenant) managedIdentityHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /msi/token", t.managedIdentityToken)
	return mux
}

// ManagedIdentityEndpoint is the value for IDENTITY_ENDPOINT.
func (t *Tenant) ManagedIdentityEndpoint() string { return t.miURL + "/msi/token" }

// ManagedIdentityEnv is what an App Service host sets for its app:
// IDENTITY_ENDPOINT and IDENTITY_HEADER, pointing at the demo host.
func (t *Tenant) ManagedIdentityEnv() map[string]string {
	return map[string]string{"IDENTITY_ENDPOINT": t.ManagedIdentityEndpoint(), "IDENTITY_HEADER": t.miHeader}
}

// ManagedIdentityObjectID is the service principal object id (the token's
// oid) of the demo managed identity a profile uses.
func (t *Tenant) ManagedIdentityObjectID(profile string) string {
	if a := t.apps.appByProfile(profile); a != nil && a.managed {
		return a.spID
	}
	return ""
}

// GraphServicePrincipalID is Microsoft Graph's service principal object id
// in the demo tenant: the resourceId of an app role assignment.
func (t *Tenant) GraphServicePrincipalID() string { return t.apps.resources[0].spID }

// managedIdentityToken answers as App Service does: a token for the host's
// identity, or {"statusCode":400,"message":...} when it has none that fits.
func (t *Tenant) managedIdentityToken(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	clientID := q.Get("client_id")
	succeeded := false
	defer func() {
		if clientID == "" {
			clientID = ClientIDMISystem
		}
		t.stats.token(clientID, succeeded)
	}()
	fail := func(status int, msg string) {
		writeJSON(w, status, "application/json; charset=utf-8", ordered{
			{"statusCode", status}, {"message", msg}, {"correlationId", randomGUID()},
		})
	}
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-IDENTITY-HEADER")), []byte(t.miHeader)) != 1 {
		fail(http.StatusUnauthorized, "The X-IDENTITY-HEADER header is missing or does not match this host's identity header.")
		return
	}
	if q.Get("api-version") == "" {
		fail(http.StatusBadRequest, "The api-version query parameter is required.")
		return
	}
	var a *app
	switch resID := q.Get("mi_res_id"); {
	case clientID != "":
		if x := t.apps.app(clientID); x != nil && x.managed {
			a = x
		}
	case resID != "":
		if strings.EqualFold(resID, MIResourceIDUser) {
			a = t.apps.app(ClientIDMIUser)
		}
	default:
		a = t.apps.app(ClientIDMISystem)
	}
	if a == nil {
		fail(http.StatusBadRequest, "No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.")
		return
	}
	res, aud := t.apps.resourceFor(q.Get("resource"))
	if res == nil {
		fail(http.StatusBadRequest, fmt.Sprintf("AADSTS500011: The resource principal named %s was not found in the tenant.", q.Get("resource")))
		return
	}
	accessToken, err := t.issueToken(a, res, aud, false)
	if err != nil {
		http.Error(w, "demo tenant: signing failed", http.StatusInternalServerError)
		return
	}
	expires := t.now().Add(t.opts.TokenLifetime)
	writeJSON(w, http.StatusOK, "application/json; charset=utf-8", ordered{
		{"access_token", accessToken},
		{"expires_on", strconv.FormatInt(expires.Unix(), 10)},
		{"resource", aud},
		{"token_type", "Bearer"},
		{"client_id", a.clientID},
	})
	succeeded = true
}
