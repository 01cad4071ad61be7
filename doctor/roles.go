package doctor

import (
	"fmt"
	"strings"
)

// The diagnoses about what the token may do: no roles at all, the wrong
// roles, or an endpoint that no role opens.

func (f *facts) noRoles() *Diagnosis {
	d := &Diagnosis{
		Kind:    KindNoRoles,
		Title:   "The token has no application permissions",
		Cause:   "the token carries no roles claim: none of the app's application permissions has admin consent in this tenant, or permissions were added after the last consent and never consented again.",
		Missing: f.least(),
	}
	if len(d.Missing) > 0 {
		d.Next = append(d.Next, fmt.Sprintf("Check that the app registration lists %s under API permissions as an Application permission of Microsoft Graph (not Delegated): %s needs it.", orList(d.Missing), f.endpoint()))
	}
	d.Next = append(d.Next, f.consentStep(), f.refreshStep()+"; the roles claim should now list the consented permissions.")
	return d
}

func (f *facts) missingRole() *Diagnosis {
	least := f.least()
	d := &Diagnosis{
		Kind:    KindMissingRole,
		Title:   "The token has no permission this endpoint accepts",
		Missing: least,
		Cause: fmt.Sprintf("the token's roles (%s) include none of the application permissions %s accepts; the least privileged one is %s.",
			listOrNone(f.roles()), f.endpoint(), orList(least)),
	}
	d.Next = f.grantSteps("permission " + orList(least))
	if len(f.match.Least) == 0 && len(f.required) > 0 {
		d.Next[0] += " Graph's error message names it."
	}
	return d
}

func (f *facts) notAppCallable() *Diagnosis {
	return &Diagnosis{
		Kind:  KindNotAppCallable,
		Title: "This endpoint cannot be called with app-only access",
		Cause: fmt.Sprintf("the permission reference lists no application permission for %s: only delegated permissions (a signed-in user) allow it, so no role and no consent will make an app-only call work.", f.endpoint()),
		Next: []string{
			"Call it with a delegated token (a user signs in), for example from Graph Explorer or an app using the authorization code flow.",
			"Or look for another endpoint that returns the same data and has application permissions (often the /users/{id}/... or /groups/{id}/... form of it).",
		},
	}
}

func (f *facts) meWithAppToken() *Diagnosis {
	k := 1
	if f.path.at(0) == "education" {
		k = 2
	}
	alt := "/" + strings.Join(append(f.path.segs[:k-1:k-1], "users", "{id or userPrincipalName}"), "/")
	if len(f.path.segs) > k {
		alt += "/" + strings.Join(f.path.segs[k:], "/")
	}

	return &Diagnosis{
		Kind:  KindMeWithAppToken,
		Title: "/me needs a signed-in user, and an app-only token has none",
		Cause: "/me stands for the signed-in user; a client-credentials token carries no user, so Graph cannot tell whose data is meant.",
		Next: []string{
			"Name the user instead: " + alt,
			"Find the user's id or userPrincipalName with: " + command(f.in.Profile.Name, "get", "/users", "-q", "'$select=id,userPrincipalName'"),
		},
	}
}

// unknown is a refusal graphtui has no rule for; the evidence still helps.
func (f *facts) unknown() *Diagnosis {
	what := fmt.Sprintf("HTTP %d", f.status)
	if code := f.errorCode(); code != "" {
		what += " " + code
	}
	cause := what + ": graphtui has no specific explanation for this refusal."
	if !f.known {
		cause += " The path is not in graphtui's permission reference, so the permissions it needs are not known here."
	}
	return &Diagnosis{
		Kind:  KindUnknown,
		Title: "Graph refused the request",
		Cause: cause,
		Next: []string{
			"Read Graph's message below and the Permissions section of the endpoint's documentation (application permissions).",
			"If it still fails, open a support case with the request-id and date below.",
		},
	}
}

// grantSteps are the next steps for an app that lacks perms ("permission
// A", "permissions A and B"): add them, consent, take a new token.
func (f *facts) grantSteps(perms string) []string {
	return []string{
		"Add the application " + perms + " of Microsoft Graph to the app registration (API permissions > Add a permission > Application permissions).",
		f.consentStep(),
		f.refreshStep() + ", then send the request again.",
	}
}

// consentStep points an admin at the consent page. Sentences that end in
// a URL get no full stop: it would be copied with the URL.
func (f *facts) consentStep() string {
	return "An admin of the tenant grants admin consent " + f.consentAt()
}

// consentAt says where consent is granted, to end a sentence.
func (f *facts) consentAt() string {
	if u := f.consentURL(); u != "" {
		return "at " + u
	}
	return "in the Entra admin center (App registrations > the app > API permissions > Grant admin consent)"
}

// orList writes "A", "A or B", "A, B or C".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return "(unknown)"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
