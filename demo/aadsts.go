package demo

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"
)

// aadstsError is an identity platform error: an OAuth error code, an AADSTS
// number and a description. The descriptions are the demo's own wording;
// the codes, the "error" values and the HTTP statuses are the real ones.
type aadstsError struct {
	status int    // 400, or 401 when the client failed to authenticate
	oauth  string // the OAuth "error" field
	code   int    // the AADSTS number
	desc   string // the sentence after "AADSTSnnnn: "
}

func errUnknownTenant(tenant string) aadstsError {
	return aadstsError{http.StatusBadRequest, "invalid_tenant", 90002, fmt.Sprintf(
		"No tenant '%s' exists. Check the tenant ID or domain name, and that you are signing in to the right cloud.", tenant)}
}

func errMalformedTenant(tenant string) aadstsError {
	return aadstsError{http.StatusBadRequest, "invalid_request", 900023, fmt.Sprintf(
		"The tenant identifier '%s' is neither a GUID nor a valid DNS domain name.", tenant)}
}

func errMissingParameter(name string) aadstsError {
	return aadstsError{http.StatusBadRequest, "invalid_request", 900144, fmt.Sprintf(
		"The request body has no '%s' parameter, which this request requires.", name)}
}

func errUnsupportedGrant(grant string) aadstsError {
	return aadstsError{http.StatusBadRequest, "unsupported_grant_type", 70003, fmt.Sprintf(
		"The grant type '%s' is not supported by the demo tenant; use client_credentials.", grant)}
}

func errPostOnly() aadstsError {
	return aadstsError{http.StatusMethodNotAllowed, "invalid_request", 900561, "The token endpoint only accepts POST requests."}
}

func errScopeNotDefault(scope string) aadstsError {
	return aadstsError{http.StatusBadRequest, "invalid_scope", 1002012, fmt.Sprintf(
		"The scope '%s' is not valid for the client credentials flow, which needs a resource identifier followed by /.default (for example https://graph.microsoft.com/.default).", scope)}
}

func errScopeInvalid(scope string) aadstsError {
	return aadstsError{http.StatusBadRequest, "invalid_scope", 70011, fmt.Sprintf(
		"The scope '%s' is not valid: request exactly one resource's /.default scope.", scope)}
}

func errAppNotFound(clientID string) aadstsError {
	return aadstsError{http.StatusBadRequest, "unauthorized_client", 700016, fmt.Sprintf(
		"No application with client ID '%s' is registered in the directory '%s'. The app may be registered in another tenant, or the client ID may be mistyped.", clientID, TenantGUID)}
}

func errAppDisabled(a *app) aadstsError {
	return aadstsError{http.StatusBadRequest, "unauthorized_client", 7000112, fmt.Sprintf(
		"The application '%s' (%s) is disabled in this tenant.", a.clientID, a.displayName)}
}

func errNoCredential() aadstsError {
	return aadstsError{http.StatusUnauthorized, "invalid_client", 7000218, "The request body must carry a client credential: 'client_secret' or 'client_assertion'."}
}

func errWrongSecret(a *app) aadstsError {
	return aadstsError{http.StatusUnauthorized, "invalid_client", 7000215, fmt.Sprintf(
		"The client secret sent for app '%s' does not match any of its secrets. Send the secret's value, not its secret ID.", a.clientID)}
}

func errSecretExpired(a *app) aadstsError {
	return aadstsError{http.StatusUnauthorized, "invalid_client", 7000222, fmt.Sprintf(
		"Every client secret of app '%s' (%s) has expired.", a.clientID, a.displayName)}
}

func errAssertionKeyUnknown(thumbprint string) aadstsError {
	return aadstsError{http.StatusUnauthorized, "invalid_client", 700027, fmt.Sprintf(
		"The client assertion signature could not be verified: no certificate registered on the app matches it (thumbprint sent: '%s').", thumbprint)}
}

func errAssertionSignature() aadstsError {
	return aadstsError{http.StatusUnauthorized, "invalid_client", 700027, "The client assertion has an invalid signature for the certificate it names."}
}

func errAssertionMalformed(why string) aadstsError {
	return aadstsError{http.StatusUnauthorized, "invalid_client", 50027, "The client assertion is not a valid JWT: " + why + "."}
}

func errAssertionTime(now, nbf, exp time.Time) aadstsError {
	return aadstsError{http.StatusUnauthorized, "invalid_client", 700024, fmt.Sprintf(
		"The client assertion is outside its validity window. Server time: %s, assertion valid from %s to %s. Check the client's clock.",
		stsTime(now), stsTime(nbf), stsTime(exp))}
}

func errResourceNotFound(resource string) aadstsError {
	return aadstsError{http.StatusBadRequest, "invalid_resource", 500011, fmt.Sprintf(
		"No resource principal named '%s' exists in the tenant '%s'. The API may not be installed here, or the scope may name the wrong resource.", resource, TenantDomain)}
}

func errBlockedByCA() aadstsError {
	return aadstsError{http.StatusBadRequest, "invalid_grant", 53003, "A Conditional Access policy blocked this sign-in, so no token was issued."}
}

// stsTime formats a time the way the identity platform does in error bodies.
func stsTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05Z") }

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func isGUID(s string) bool { return guidPattern.MatchString(s) }

// writeAADSTS sends e with the body layout of the real identity platform:
// the description ends with trace ID, correlation ID and timestamp lines,
// which are also given as separate fields.
func (t *Tenant) writeAADSTS(w http.ResponseWriter, r *http.Request, e aadstsError) {
	traceID := randomGUID()
	correlationID := r.Header.Get("client-request-id")
	if !isGUID(correlationID) {
		correlationID = randomGUID()
	}
	ts := stsTime(t.now())
	body := ordered{
		{"error", e.oauth},
		{"error_description", fmt.Sprintf("AADSTS%d: %s\r\nTrace ID: %s\r\nCorrelation ID: %s\r\nTimestamp: %s",
			e.code, e.desc, traceID, correlationID, ts)},
		{"error_codes", []int{e.code}},
		{"timestamp", ts},
		{"trace_id", traceID},
		{"correlation_id", correlationID},
		{"error_uri", t.loginURL + "/error?code=" + strconv.Itoa(e.code)},
	}
	w.Header().Set("x-ms-request-id", traceID)
	w.Header().Set("client-request-id", correlationID)
	writeJSON(w, e.status, "application/json; charset=utf-8", body)
}
