// Package doctor explains why an app-only Graph call failed: it reads the
// token's claims, the error body and the permission reference, names the
// cause in plain words and lists the next steps, with the evidence that led
// there. The CLI prints a Diagnosis; the TUI shows it in its Diagnosis tab.
package doctor

import (
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// Input is everything known about one failed call.
type Input struct {
	Profile    profiles.Profile  // cloud, GraphBase(), AdminConsentURL(), Name
	Method     string            // "GET", "POST", "PATCH", "PUT", "DELETE"; "" means GET
	URL        string            // the request URL as sent (absolute) or path
	Status     int               // 0 when no response (token failure)
	GraphError *graph.GraphError // parsed error body, nil if none
	Claims     *auth.Claims      // nil when there is no token
	TokenErr   error             // *auth.TokenError / *auth.CredentialError when the token failed
	Now        time.Time
}

// Evidence is one fact shown beside a diagnosis: a claim, the endpoint's
// permissions, a field of the error body.
type Evidence struct{ Label, Value string }

// Diagnosis is what graphtui makes of a failure.
type Diagnosis struct {
	Kind       Kind
	Title      string     // one line, e.g. "The token has no application permissions"
	Cause      string     // what is wrong, in plain words
	Next       []string   // numbered next steps, concrete (URLs, commands)
	Evidence   []Evidence // claims (aud, roles...), the endpoint's permissions, the error body (code/message/request-id)
	Missing    []string   // least-privileged permission(s) to add, when known
	Has        []string   // roles the token has
	Endpoint   *permissions.Match
	ConsentURL string
	// RoleAssignment replaces consent for a managed identity (see identity.go).
	RoleAssignment *RoleAssignment
}

// lookup is the permission reference; tests swap in hand-built matches so
// that each rule is pinned independently of the reference's contents.
var lookup = permissions.Lookup

// Diagnose classifies a failure. It returns nil for 2xx responses and when
// there is nothing to say (a 404, a 5xx, a 400 that is not about access).
func Diagnose(in Input) *Diagnosis {
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	if in.TokenErr != nil {
		return forIdentityKind(in, tokenFailure(in))
	}
	switch in.Status {
	case 400, 401, 403:
	default:
		return nil
	}
	f := gather(in)
	d := f.classify()
	if d == nil {
		return nil
	}
	if f.known {
		m := f.match
		d.Endpoint = &m
	}
	if f.claims != nil {
		d.Has = append([]string(nil), f.claims.Roles...)
	} else if len(f.onRequest) > 0 {
		d.Has = f.onRequest
	}
	d.ConsentURL = f.consentURL()
	d.Evidence = append(d.Evidence, f.evidence()...)
	f.forManagedIdentity(d)
	return d
}

// classify picks the one cause that best explains the failure. The order
// is the order in which fixing things matters: a token Graph cannot accept
// hides everything else, and an endpoint no app may call makes consent moot.
func (f *facts) classify() *Diagnosis {
	// Graph said in so many words what is wrong with the token.
	if d := f.claimsChallenge(); d != nil {
		return d
	}
	if d := f.fromGraphSaid(); d != nil {
		return d
	}
	if f.path.isMe() && f.appOnlyToken() {
		return f.meWithAppToken()
	}
	if f.status == 401 && f.claims != nil {
		if d := f.tokenValidity(); d != nil {
			return d
		}
	}
	if f.known && !f.match.AppOnly {
		return f.notAppCallable()
	}
	if f.status == 400 {
		return nil
	}
	if f.claims != nil && !f.claims.HasRoles() && !f.hasScope() {
		return f.noRoles()
	}
	if f.status == 401 {
		if f.claims != nil {
			return f.invalidToken()
		}
		return f.unknown()
	}
	return f.forbidden()
}

// forbidden explains a 403 from a token Graph accepted: either the token
// lacks a permission the endpoint accepts, or it has one and the resource
// itself fences the app off.
func (f *facts) forbidden() *Diagnosis {
	// Sites.Selected and its kin open nothing until a site is granted; the
	// reference lists them for few paths, so they are checked by name.
	if f.path.isSites() && len(selectedRoles(f.roles())) > 0 && len(withoutSelected(f.accepted)) == 0 {
		return f.sitesSelected()
	}
	if d := f.write(); d != nil {
		return d
	}
	if len(f.accepted) == 0 {
		switch {
		case f.path.isTeams() && len(rscPermissions(f.acceptable())) > 0:
			return f.teamsRSC()
		case len(f.acceptable()) > 0:
			return f.missingRole()
		case f.path.isMailbox() && f.errorCode() == "ErrorAccessDenied" && len(mailRoles(f.roles())) > 0:
			// The reference does not know the path, but the token reads
			// mail and Exchange said no: the mailbox is fenced off.
			return f.exchangePolicy()
		}
		return f.unknown()
	}
	switch {
	case f.path.isMailbox():
		return f.exchangePolicy()
	case f.path.isTeams():
		return f.teamsRSC()
	}
	return f.resourceScoped()
}
