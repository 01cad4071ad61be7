package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

type diagnosis struct{ cause, next string }

// diagnose explains the common app-only failures from the token's claims
// and the error body. The 403 doctor builds on this with the permission
// reference; these are the cases that need no reference at all.
func diagnose(r *graph.Response, tok *auth.Token, p profiles.Profile) diagnosis {
	e := r.Error
	if e == nil || tok == nil {
		return diagnosis{}
	}
	c := tok.Claims
	path := strings.ToLower(r.URL)
	switch {
	case strings.Contains(path, "/me/") || strings.HasSuffix(path, "/me") || strings.Contains(path, "/me?"):
		return diagnosis{
			"/me means the signed-in user, and an app-only token has no user.",
			"Name the user instead: /users/{id or userPrincipalName}/...",
		}
	case r.Status == 401 && !c.HasRoles():
		return diagnosis{
			"the token carries no roles claim: none of the app's application permissions has admin consent in this tenant (or permissions were added without consenting again).",
			fmt.Sprintf("An admin grants consent at %s , then run 'graphtui token --refresh -p %s' and check that roles are listed.", p.AdminConsentURL(), p.Name),
		}
	case r.Status == 401 && !c.ExpiresAt.IsZero() && time.Now().After(c.ExpiresAt):
		return diagnosis{"the token has expired.", "Run 'graphtui token --refresh' and send the request again."}
	case r.Status == 401:
		return diagnosis{
			fmt.Sprintf("Graph rejected the token itself (audience %q, tenant %s).", c.Audience, c.TenantID),
			fmt.Sprintf("Check that scope is %s/.default and that the profile's cloud matches the Graph host.", p.GraphBase()),
		}
	case r.Status == 403 && strings.EqualFold(e.Code, "ErrorAccessDenied") && c.HasRoles():
		return diagnosis{
			"the token has roles (" + strings.Join(c.Roles, ", ") + ") but Exchange refused this mailbox: an application access policy or RBAC for Applications limits which mailboxes the app may read.",
			"Ask an Exchange admin to add this mailbox to the policy's group, and check with Test-ServicePrincipalAuthorization / Test-ApplicationAccessPolicy.",
		}
	case r.Status == 403 && c.HasRoles():
		return diagnosis{
			"the token's roles (" + strings.Join(c.Roles, ", ") + ") do not include one this endpoint accepts.",
			"Add the application permission the endpoint needs (see its Permissions section in the Graph docs), grant admin consent, then 'graphtui token --refresh'.",
		}
	case r.Status == 403:
		return diagnosis{
			"the token carries no roles claim: no application permission has admin consent.",
			fmt.Sprintf("An admin grants consent at %s , then run 'graphtui token --refresh -p %s'.", p.AdminConsentURL(), p.Name),
		}
	}
	return diagnosis{}
}
