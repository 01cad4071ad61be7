package doctor

import (
	"strings"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/permissions"
)

// facts is what Diagnose works from, gathered once.
type facts struct {
	in        Input
	method    string // upper-case, GET when the input names none
	status    int
	path      requestPath
	match     permissions.Match
	known     bool // the reference has a pattern for the path
	claims    *auth.Claims
	required  []string // permissions the error message says the API wants
	onRequest []string // roles the error message says the token carried
	accepted  []string // the token's roles that the endpoint accepts
}

func gather(in Input) *facts {
	f := &facts{in: in, method: methodOf(in), status: in.Status, path: parsePath(in.URL), claims: in.Claims}
	f.match, f.known = lookupFor(f.method, stripOrigin(strings.TrimSpace(in.URL)))
	if in.GraphError != nil {
		f.required, f.onRequest = requiredRoles(in.GraphError.Message)
	}
	f.accepted = intersect(f.roles(), f.acceptable())
	return f
}

// roles the token carries: its claims, else what the error message reported.
func (f *facts) roles() []string {
	if f.claims != nil {
		return f.claims.Roles
	}
	return f.onRequest
}

// acceptable are the permissions that allow the call: the reference's, and
// any the error message names (services know their own rules best).
func (f *facts) acceptable() []string {
	return union(f.match.All, f.required)
}

// least is what to add: the reference's least-privileged choice, else what
// the error message asks for.
func (f *facts) least() []string {
	switch {
	case len(f.match.Least) > 0:
		return f.match.Least
	case len(f.required) > 0:
		return f.required
	case len(f.match.All) > 0:
		return f.match.All[:1]
	}
	return nil
}

// hasScope reports a delegated token: it has an scp claim (a user signed in).
func (f *facts) hasScope() bool {
	if f.claims == nil {
		return false
	}
	for _, c := range f.claims.Other {
		if c.Name == "scp" && strings.TrimSpace(c.Value) != "" {
			return true
		}
	}
	return false
}

// appOnlyToken is true unless the token clearly belongs to a signed-in user.
func (f *facts) appOnlyToken() bool {
	return f.claims == nil || f.claims.IDType == "app" || !f.hasScope()
}

func (f *facts) errorCode() string {
	if f.in.GraphError == nil {
		return ""
	}
	return f.in.GraphError.Code
}

func (f *facts) consentURL() string {
	p := f.in.Profile
	if p.Tenant == "" || p.ClientID == "" {
		return ""
	}
	return p.AdminConsentURL()
}

// endpoint names the call for sentences: "GET /users/{id}/messages".
func (f *facts) endpoint() string {
	if f.known && f.match.Pattern != "" {
		return f.method + " " + f.match.Pattern
	}
	return f.method + " " + f.path.String()
}

// refreshStep is the command that fetches a token with the new roles.
func (f *facts) refreshStep() string {
	return "Get a fresh token and check its roles: " + command(f.in.Profile.Name, "token", "--refresh")
}

// command spells a graphtui command line for the profile.
func command(profile string, args ...string) string {
	s := "graphtui " + strings.Join(args, " ")
	if profile != "" {
		s += " -p " + profile
	}
	return s
}

func intersect(have, want []string) []string {
	return keep(have, func(h string) bool { return containsFold(want, h) })
}

func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, x := range b {
		if !containsFold(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
