package auth

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"

	"github.com/graphtui/graphtui/profiles"
)

// AssertionClaims are what a federated credential is matched on: the
// issuer, subject and audience of the token another issuer (GitHub
// Actions, AKS, GitLab...) gave the workload. The token itself is never
// kept.
type AssertionClaims struct {
	Issuer   string
	Subject  string
	Audience string
}

// assertionSource reads the federated token reference afresh for every
// token request (the files rotate) and remembers the claims it sent.
type assertionSource struct {
	ref     string
	secrets profiles.Secrets
	redact  func(string)

	mu     sync.Mutex
	claims *AssertionClaims
	err    error // why the last read failed
}

func (a *assertionSource) assertion(ctx context.Context, _ confidential.AssertionRequestOptions) (string, error) {
	tok, err := a.secrets.Resolve(ctx, a.ref)
	a.mu.Lock()
	defer a.mu.Unlock()
	if err != nil {
		a.err = fmt.Errorf("federated_token: %w", err)
		return "", a.err
	}
	tok = strings.TrimSpace(tok)
	a.redact(tok)
	a.err = nil
	// Not a JWT is the identity platform's to say (AADSTS50027); the
	// claims are kept only when they can be read.
	a.claims = nil
	if c, err := DecodeClaims(tok); err == nil {
		a.claims = &AssertionClaims{Issuer: c.Issuer, Subject: claimValue(c, "sub"), Audience: c.Audience}
	}
	return tok, nil
}

func (a *assertionSource) last() *AssertionClaims {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.claims == nil {
		return nil
	}
	c := *a.claims
	return &c
}

// takeErr returns and clears the last read failure.
func (a *assertionSource) takeErr() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	err := a.err
	a.err = nil
	return err
}

func claimValue(c Claims, name string) string {
	for _, o := range c.Other {
		if o.Name == name {
			return o.Value
		}
	}
	return ""
}

// federationExplanations replace the table's words for codes that mean
// something else when the assertion is another issuer's token.
var federationExplanations = map[int]explanation{
	70021: {
		"no federated credential on the app matches the presented token's issuer, subject and audience",
		"Add a federated credential to the app registration (Certificates & secrets > Federated credentials) with exactly the issuer, subject and audience shown, or fix the workload so its token carries the ones already configured.",
	},
	700211: {
		"the app has no federated credential for the presented token's issuer",
		"Add a federated credential whose issuer is exactly the token's iss (scheme, host and path, no trailing slash unless the issuer has one).",
	},
	700024: {
		"the federated token has expired: the file (or command) behind federated_token was not refreshed",
		"Check what writes the token (the AKS workload identity webhook, the CI job's OIDC step): these tokens live minutes, and graphtui reads the reference afresh for each token request.",
	},
	50027: {
		"the federated token is not a valid JWT",
		"Point federated_token at the OIDC token itself (three base64url parts separated by dots), not at a file holding JSON, a path or an empty value.",
	},
}

// federationError rewrites a federated profile's token error with the
// federation meaning of its code and, for AADSTS70021, the values to
// register.
func federationError(err error, presented *AssertionClaims) {
	te, ok := err.(*TokenError)
	if !ok {
		return
	}
	te.Federated = presented
	ex, ok := federationExplanations[te.Code]
	if !ok {
		return
	}
	te.Cause, te.NextStep = ex.cause, ex.next
	if te.Code == 70021 && presented != nil {
		te.NextStep = fmt.Sprintf("Add a federated credential to the app registration (Certificates & secrets > Federated credentials) with exactly issuer %q, subject %q and audience %q, or fix the workload so its token carries the values already configured.",
			safeText(presented.Issuer), safeText(presented.Subject), safeText(presented.Audience))
	}
}
