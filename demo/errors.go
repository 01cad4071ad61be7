package demo

import (
	"fmt"
	"net/http"
)

// graphError is a Graph error response. Codes and statuses are the ones the
// real workloads use (directory, Exchange, SharePoint each have their own
// style); messages are the demo's own wording except where the exact text
// is what users search for.
type graphError struct {
	status  int
	code    string
	message string
}

const codeInvalidToken = "InvalidAuthenticationToken"

func errNoToken() graphError {
	return graphError{http.StatusUnauthorized, codeInvalidToken, "No access token was sent. Add an Authorization: Bearer header."}
}

func errTokenMalformed(why string) graphError {
	return graphError{http.StatusUnauthorized, codeInvalidToken, "The access token is not a well-formed JWT: " + why + "."}
}

func errTokenSignature() graphError {
	return graphError{http.StatusUnauthorized, codeInvalidToken, "The access token's signature does not verify with any key of the issuing tenant."}
}

func errTokenExpired() graphError {
	return graphError{http.StatusUnauthorized, codeInvalidToken, "The access token has expired or is not valid yet."}
}

func errTokenAudience(aud, want string) graphError {
	return graphError{http.StatusUnauthorized, codeInvalidToken, fmt.Sprintf(
		"The access token was issued for the audience '%s', not for this API ('%s').", aud, want)}
}

func errTokenIssuer() graphError {
	return graphError{http.StatusUnauthorized, codeInvalidToken, "The access token was not issued by this tenant."}
}

// errNoRoles keeps Graph's exact message: it is the string people search
// for when an app was never granted admin consent.
func errNoRoles() graphError {
	return graphError{http.StatusUnauthorized, codeInvalidToken, "Either scp or roles claim need to be present in the token."}
}

func errInsufficientPrivileges() graphError {
	return graphError{http.StatusForbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."}
}

func errMailNoPermission() graphError {
	return graphError{http.StatusForbidden, "ErrorAccessDenied", "Access to mailboxes is denied: the token has no mail permission."}
}

func errMailboxPolicy() graphError {
	return graphError{http.StatusForbidden, "ErrorAccessDenied",
		"Access to this mailbox is denied by an application access policy the tenant set for this app."}
}

func errSiteAccessDenied() graphError {
	return graphError{http.StatusForbidden, "accessDenied", "Access denied: the app has no permission on this site."}
}

func errMeWithAppToken() graphError {
	return graphError{http.StatusBadRequest, "BadRequest",
		"/me needs a signed-in user (delegated authentication flow); an app-only token has none. Use /users/{id or userPrincipalName}."}
}

func errObjectNotFound(id string) graphError {
	return graphError{http.StatusNotFound, "Request_ResourceNotFound", fmt.Sprintf(
		"The object '%s' does not exist in this directory, or one of the objects it refers to is missing.", id)}
}

func errInvalidUser(id string) graphError {
	return graphError{http.StatusNotFound, "ErrorInvalidUser", fmt.Sprintf("No mailbox user '%s' exists.", id)}
}

func errMailboxNotEnabled() graphError {
	return graphError{http.StatusNotFound, "MailboxNotEnabledForRESTAPI",
		"This user has no mailbox in Exchange Online (not licensed, inactive, or hosted on-premises)."}
}

func errMailItemNotFound() graphError {
	return graphError{http.StatusNotFound, "ErrorItemNotFound", "The mail item was not found in the mailbox."}
}

func errSiteNotFound() graphError {
	return graphError{http.StatusNotFound, "itemNotFound", "The site was not found."}
}

func errUnknownSegment(seg string) graphError {
	return graphError{http.StatusBadRequest, "BadRequest", fmt.Sprintf("No resource matches the segment '%s' of the request path.", seg)}
}

func errUnknownVersion(v string) graphError {
	return graphError{http.StatusBadRequest, "BadRequest", fmt.Sprintf("Unknown API version '%s'; use v1.0 or beta.", v)}
}

func errMethodNotAllowed(method string) graphError {
	return graphError{http.StatusMethodNotAllowed, "Request_BadRequest", fmt.Sprintf("The demo tenant does not support %s; it answers GET and a few writes (POST, PATCH, DELETE).", method)}
}

func errBadQuery(message string) graphError {
	return graphError{http.StatusBadRequest, "Request_BadRequest", message}
}

func errUnsupportedQuery(message string) graphError {
	return graphError{http.StatusBadRequest, "Request_UnsupportedQuery", message}
}

func errUnknownProperty(prop string, t *entityType) graphError {
	return graphError{http.StatusBadRequest, "BadRequest", fmt.Sprintf("The type 'microsoft.graph.%s' has no property named '%s'.", t.name, prop)}
}

func errThrottled() graphError {
	return graphError{http.StatusTooManyRequests, "TooManyRequests", "Too many requests from this app; wait for the time in Retry-After, then retry."}
}

// fail sends e in Graph's error envelope.
func (c *call) fail(e graphError) {
	if e.status == http.StatusUnauthorized {
		c.w.Header().Set("WWW-Authenticate", fmt.Sprintf(
			`Bearer realm="", authorization_uri="%s/common/oauth2/authorize", client_id="%s"`, c.t.loginURL, GraphAppID))
	}
	body := ordered{{"error", ordered{
		{"code", e.code},
		{"message", e.message},
		{"innerError", ordered{
			{"date", c.t.now().UTC().Format("2006-01-02T15:04:05")},
			{"request-id", c.requestID},
			{"client-request-id", c.clientRequestID},
		}},
	}}}
	writeJSON(c.w, e.status, "application/json", body)
}

// writeJSON sends v as the whole response body.
func writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	body, err := marshalNoEscape(v)
	if err != nil {
		http.Error(w, "demo tenant: cannot encode response", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(body) //nolint:errcheck // the client went away; nothing to do
}
