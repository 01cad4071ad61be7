package auth

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// TokenError is a failed token request, with the identity platform's error
// body parsed and, for known AADSTS codes, a cause and a next step.
type TokenError struct {
	Profile       string
	Status        int    // HTTP status of the token endpoint; 0 when it was not reached
	Code          int    // AADSTS code; 0 when the body had none
	OAuthError    string // OAuth error, e.g. invalid_client
	Description   string // error_description, first line only
	TraceID       string
	CorrelationID string
	Timestamp     string
	Cause         string
	NextStep      string
	// Federated is what a federated profile presented (its token's iss,
	// sub and aud), so AADSTS70021 can show what did not match.
	Federated *AssertionClaims
	// Err is the underlying transport or library error, already redacted.
	Err error
}

func (e *TokenError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "token request for profile %q failed", e.Profile)
	switch {
	case e.Code != 0:
		fmt.Fprintf(&b, ": AADSTS%d", e.Code)
		if e.OAuthError != "" {
			fmt.Fprintf(&b, " (%s)", e.OAuthError)
		}
	case e.OAuthError != "":
		fmt.Fprintf(&b, ": %s", e.OAuthError)
	case e.Err != nil:
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	if e.Cause != "" {
		fmt.Fprintf(&b, ": %s", e.Cause)
	}
	return b.String()
}

func (e *TokenError) Unwrap() error { return e.Err }

// identityError is the JSON error body of the identity platform's token
// endpoint.
type identityError struct {
	Error         string `json:"error"`
	Description   string `json:"error_description"`
	Codes         []int  `json:"error_codes"`
	Timestamp     string `json:"timestamp"`
	TraceID       string `json:"trace_id"`
	CorrelationID string `json:"correlation_id"`
}

var aadstsInText = regexp.MustCompile(`AADSTS(\d{5,8})`)

// parseTokenError reads an identity platform error body. A body that is not
// JSON (an HTML page from a proxy, say) still gives a TokenError with the
// status and a short printable excerpt.
func parseTokenError(profile string, status int, body []byte) *TokenError {
	te := &TokenError{Profile: profile, Status: status}
	var ie identityError
	if err := json.Unmarshal(body, &ie); err != nil || (ie.Error == "" && ie.Description == "") {
		te.Description = excerpt(htmlWords(body), 200)
		if te.Description == "" {
			te.Description = fmt.Sprintf("HTTP %d with an empty body", status)
		}
		te.Cause = fmt.Sprintf("the token endpoint answered HTTP %d without an identity platform error body", status)
		te.NextStep = "Check authority_host and any proxy between you and the identity platform; the body above came from something else."
		return te
	}
	te.OAuthError = ie.Error
	te.Description = firstLine(ie.Description)
	te.TraceID = ie.TraceID
	te.CorrelationID = ie.CorrelationID
	te.Timestamp = ie.Timestamp
	if len(ie.Codes) > 0 {
		te.Code = ie.Codes[0]
	} else if m := aadstsInText.FindStringSubmatch(ie.Description); m != nil {
		te.Code, _ = strconv.Atoi(m[1])
	}
	if ex, ok := explanations[te.Code]; ok {
		te.Cause, te.NextStep = ex.cause, ex.next
	} else {
		te.Cause = "the identity platform refused the request"
		te.NextStep = "Read the description above; look the code up with the trace and correlation IDs in the Entra sign-in logs (service principal sign-ins)."
	}
	return te
}

type explanation struct{ cause, next string }

// explanations turns the AADSTS codes app-only callers meet most into a
// cause and a next step, in our own words.
var explanations = map[int]explanation{
	7000215: {
		"the client secret is wrong",
		"Use the secret's Value, not its Secret ID: the value is shown only once, when the secret is created in Certificates & secrets. Create a new secret if you no longer have it and update the reference.",
	},
	7000222: {
		"the client secret has expired",
		"Create a new client secret under the app registration's Certificates & secrets and point client_secret at it.",
	},
	700016: {
		"no app with this client_id exists in the tenant",
		"Check client_id and tenant: a single-tenant app only exists in its home tenant; a multi-tenant app needs admin consent in this tenant first (graphtui consent-url).",
	},
	90002: {
		"the tenant does not exist",
		"Check tenant: use the directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com, and the right cloud.",
	},
	900023: {
		"the tenant identifier is not a valid GUID or domain name",
		"Set tenant to the directory (tenant) ID from the app's Overview page, or to a verified domain.",
	},
	1002012: {
		"client-credentials requests must ask for <resource>/.default",
		"Remove the scope override, or set scope to the resource followed by /.default (for Graph: https://graph.microsoft.com/.default).",
	},
	700027: {
		"the client assertion is signed by a key the app does not know",
		"Upload this certificate's public part to the app registration (Certificates & secrets), or point certificate at the one already uploaded; check the thumbprints match.",
	},
	700024: {
		"the client assertion is outside its validity window: the local clock is probably wrong",
		"Synchronise this machine's clock (NTP) and try again.",
	},
	7000218: {
		"no client credential was sent",
		"Give the profile a client_secret reference or a certificate; a confidential app must prove its identity.",
	},
	500011: {
		"the resource in the scope was not found in the tenant",
		"Check scope and the cloud: the Graph host must match the tenant's cloud (e.g. graph.microsoft.us for usgov), and the resource must exist in the tenant.",
	},
	7000112: {
		"the application is disabled",
		"An admin must enable the service principal (Enterprise applications > Properties > Enabled for users to sign in) before the app can get tokens.",
	},
	70021: {
		"no federated credential on the app matches the presented token's issuer, subject and audience",
		"Add a federated credential to the app registration (Certificates & secrets > Federated credentials) whose issuer, subject and audience are exactly those of the workload's token.",
	},
	700211: {
		"the app has no federated credential for the presented token's issuer",
		"Add a federated credential whose issuer is exactly the token's iss.",
	},
	50027: {
		"the client assertion is not a valid JWT",
		"Check the certificate or federated_token: the assertion must be a signed JWT.",
	},
	53003: {
		"a Conditional Access policy blocked the token request",
		"Ask an admin to check the Conditional Access policies for workload identities that apply to this service principal (the sign-in log entry for the trace ID names the policy).",
	},
}

// Explain returns the cause and next step graphtui knows for an AADSTS code.
func Explain(code int) (cause, next string, ok bool) {
	ex, ok := explanations[code]
	return ex.cause, ex.next, ok
}

func firstLine(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return strings.TrimSpace(s)
}

var (
	htmlHidden = regexp.MustCompile(`(?is)<head\b.*?</head\s*>|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->`)
	htmlTag    = regexp.MustCompile(`(?s)<[^>]*>`)
)

// htmlWords reduces an HTML page (a proxy's or gateway's error page) to its
// text, so the message says "502 Bad Gateway", not "<html><head>...". Other
// bodies are returned as they are.
func htmlWords(body []byte) []byte {
	head := strings.ToLower(strings.TrimSpace(string(body[:min(len(body), 512)])))
	if !strings.HasPrefix(head, "<!doctype html") && !strings.HasPrefix(head, "<html") && !strings.Contains(head, "<body") {
		return body
	}
	text := htmlHidden.ReplaceAll(body, []byte(" "))
	return []byte(html.UnescapeString(string(htmlTag.ReplaceAll(text, []byte(" ")))))
}

// excerpt returns up to n printable characters of a body, for messages.
func excerpt(body []byte, n int) string {
	var b strings.Builder
	for _, r := range termsafe.Strip(string(body)) {
		if b.Len() >= n {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
