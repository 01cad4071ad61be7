package doctor

import (
	"errors"
	"fmt"

	"github.com/graphtui/graphtui/auth"
)

// consentCodes are AADSTS errors that admin consent resolves or that call
// for the consent page: the app is unknown in the tenant (a multi-tenant app
// not yet consented), consent is required, or the resource is not among the
// consented permissions.
var consentCodes = map[int]bool{700016: true, 65001: true, 650057: true}

// tokenFailure explains a token that could not be had, from what auth
// already worked out (cause and next step per AADSTS code).
func tokenFailure(in Input) *Diagnosis {
	p := in.Profile
	var ce *auth.CredentialError
	var te *auth.TokenError
	d := &Diagnosis{Kind: KindTokenError}
	switch {
	case errors.As(in.TokenErr, &ce):
		d.Title = "The profile's credential could not be loaded"
		d.Cause = fmt.Sprintf("graphtui could not load the client secret or certificate (%v); nothing was sent to the identity platform.", ce.Err)
		d.Next = []string{
			fmt.Sprintf("Fix profile %q: its client_secret reference (env:, file:, cmd:, keyring:) or certificate must resolve on this machine.", p.Name),
			"Then check it: " + command(p.Name, "token"),
		}
	case errors.As(in.TokenErr, &te):
		d.Title = "The token request failed"
		if te.Code != 0 {
			d.Title = fmt.Sprintf("The identity platform refused the token request (AADSTS%d)", te.Code)
		}
		d.Cause = te.Cause
		if d.Cause == "" {
			d.Cause = te.Error()
		}
		if te.NextStep != "" {
			d.Next = append(d.Next, te.NextStep)
		}
		if consentCodes[te.Code] && p.Tenant != "" && p.ClientID != "" {
			d.ConsentURL = p.AdminConsentURL()
			d.Next = append(d.Next, "Admin consent URL (an admin of the tenant opens it): "+d.ConsentURL)
		}
		d.Evidence = tokenEvidence(te)
	default:
		d.Title = "The token request failed"
		d.Cause = in.TokenErr.Error()
		d.Next = []string{"Try again: " + command(p.Name, "token", "--refresh")}
	}
	add := func(label, value string) {
		if value != "" {
			d.Evidence = append(d.Evidence, Evidence{label, value})
		}
	}
	add("authority", p.Authority())
	add("client_id", p.ClientID)
	return d
}

// tokenEvidence is the identity platform's answer, for the sign-in logs
// and support: codes, description and the IDs that find the request.
func tokenEvidence(te *auth.TokenError) []Evidence {
	var ev []Evidence
	add := func(label, value string) {
		if value != "" {
			ev = append(ev, Evidence{label, value})
		}
	}
	switch {
	case te.Code != 0:
		add("error", fmt.Sprintf("AADSTS%d %s", te.Code, te.OAuthError))
	case te.OAuthError != "":
		add("error", te.OAuthError)
	}
	if te.Status != 0 {
		add("HTTP status", fmt.Sprint(te.Status))
	}
	add("description", te.Description)
	if te.Err != nil {
		add("detail", te.Err.Error())
	}
	add("trace id", te.TraceID)
	add("correlation id", te.CorrelationID)
	add("timestamp", te.Timestamp)
	return ev
}
