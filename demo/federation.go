package demo

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Workload identity federation: an app trusts tokens of another issuer (a
// CI system here) whose issuer, subject and audience match one of its
// federated credentials. The demo plays that issuer too: it signs the
// tokens the federated profiles read from their files.

// The CI issuer the demo's federated app trusts, and what it trusts.
const (
	FederatedIssuer   = "https://token.actions.githubusercontent.com"
	FederatedSubject  = "repo:contoso/hr-sync:environment:production"
	FederatedAudience = "api://AzureADTokenExchange"
	// FederatedWrongSubject is a token from a feature branch, which no
	// federated credential names.
	FederatedWrongSubject = "repo:contoso/hr-sync:ref:refs/heads/feature/new-export"
)

// federatedTokenLifetime is how long the tokens written beside the config
// stay valid: real ones live minutes and are rewritten, but the demo's
// file is written once per run.
const federatedTokenLifetime = 12 * time.Hour

// federatedCredential is one trust relationship on an app.
type federatedCredential struct {
	name, issuer, subject, audience string
}

// IssueFederatedToken signs a token as the demo's CI issuer would (with
// any iss, sub and aud, so tests can present what no credential matches),
// valid until exp.
func (t *Tenant) IssueFederatedToken(iss, sub, aud string, exp time.Time) (string, error) {
	key, err := processKey("federated-issuer")
	if err != nil {
		return "", err
	}
	iat := exp.Add(-federatedTokenLifetime)
	if now := t.now(); iat.After(now) {
		iat = now
	}
	claims := ordered{
		{"jti", randomGUID()},
		{"sub", sub},
		{"aud", aud},
		{"ref", "refs/heads/main"},
		{"repository", "contoso/hr-sync"},
		{"iss", iss},
		{"nbf", iat.Unix()},
		{"exp", exp.Unix()},
		{"iat", iat.Unix()},
	}
	return signRS256(key, ordered{{"typ", "JWT"}, {"alg", "RS256"}, {"kid", "demo-ci"}}, claims)
}

// checkFederated verifies a federated assertion for a: a JWT from a
// trusted issuer, in its validity window, whose issuer, subject and
// audience match one of the app's federated credentials.
func (t *Tenant) checkFederated(a *app, p *parsedJWT) *aadstsError {
	if e := t.checkWindow(p, func(now, _, exp time.Time) aadstsError { return errFederatedExpired(now, exp) }); e != nil {
		return e
	}
	iss, sub, aud := p.str("iss"), p.str("sub"), p.str("aud")
	if len(p.strings("aud")) > 0 {
		aud = strings.Join(p.strings("aud"), " ")
	}
	knownIssuer := false
	for _, fc := range a.federated {
		if fc.issuer == iss {
			knownIssuer = true
		}
	}
	if !knownIssuer {
		e := errFederatedIssuer(iss)
		return &e
	}
	key, err := processKey("federated-issuer")
	if err != nil || p.verify(&key.PublicKey) != nil {
		e := errAssertionSignature()
		return &e
	}
	for _, fc := range a.federated {
		if fc.issuer == iss && fc.subject == sub && fc.audience == aud {
			return nil
		}
	}
	e := errFederatedNoMatch(iss, sub, aud)
	return &e
}

func errFederatedNoMatch(iss, sub, aud string) aadstsError {
	return aadstsError{http.StatusBadRequest, "invalid_request", 70021, fmt.Sprintf(
		"No matching federated identity record found for presented assertion. Assertion Issuer: '%s'. Assertion Subject: '%s'. Assertion Audience: '%s'.", iss, sub, aud)}
}

func errFederatedIssuer(iss string) aadstsError {
	return aadstsError{http.StatusBadRequest, "invalid_request", 700211, fmt.Sprintf(
		"No matching federated identity record found for presented assertion issuer '%s'.", iss)}
}

func errFederatedExpired(now, exp time.Time) aadstsError {
	return aadstsError{http.StatusBadRequest, "invalid_client", 700024, fmt.Sprintf(
		"Client assertion is not within its valid time range. Current time: %s, assertion valid to: %s.", stsTime(now), stsTime(exp))}
}
