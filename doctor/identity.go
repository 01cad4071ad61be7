package doctor

import (
	"errors"
	"fmt"
	"strings"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// RoleAssignment is the request that grants a managed identity an
// application permission: a managed identity has no app registration and
// no consent page, only an app role assignment on its service principal.
type RoleAssignment struct {
	Permission string // e.g. User.Read.All
	AppRoleID  string // its app role id on Microsoft Graph
	// PrincipalID is the identity's service principal object id (the
	// token's oid); "" when no token was seen.
	PrincipalID string
	// Request is the method and URL of the assignment, Body its JSON body,
	// AzRest and PowerShell the same as ready command lines.
	Request, Body, AzRest, PowerShell string
}

// graphSPLookup stands for Microsoft Graph's service principal id, which
// differs in every tenant.
const graphSPLookup = "GRAPH_SP_ID"

// forManagedIdentity turns the consent advice of a managed identity's
// no-roles or missing-role diagnosis into an app role assignment.
func (f *facts) forManagedIdentity(d *Diagnosis) {
	p := f.in.Profile
	if p.Kind() != profiles.KindManagedIdentity || (d.Kind != KindNoRoles && d.Kind != KindMissingRole) {
		return
	}
	perm := "the permission"
	if len(d.Missing) > 0 {
		perm = d.Missing[0]
	}
	oid := ""
	if f.claims != nil {
		oid = claimOf(*f.claims, "oid")
	}
	ra := newRoleAssignment(p.GraphBase(), perm, oid)
	d.ConsentURL = ""
	if d.Kind == KindNoRoles {
		d.Cause = "the token carries no roles claim: the managed identity has no app role assignment on Microsoft Graph (a managed identity gets application permissions only that way, never by consent)."
	}
	principal := "its service principal"
	if oid != "" {
		principal = "its service principal (object id " + oid + ")"
	}
	role := perm
	if ra.AppRoleID != "" {
		role = fmt.Sprintf("%s (app role id %s)", perm, ra.AppRoleID)
	}
	d.Next = []string{
		fmt.Sprintf("A managed identity has no app registration to consent to: an admin (Privileged Role Administrator or Global Administrator) grants %s by assigning %s to %s of Microsoft Graph.", role, principal, perm),
		fmt.Sprintf("The request: %s with body %s, where %s is Microsoft Graph's service principal id in the tenant (GET %s/v1.0/servicePrincipals(appId='%s')?$select=id).",
			ra.Request, ra.Body, graphSPLookup, p.GraphBase(), permissions.GraphAppID),
		"Azure CLI: " + ra.AzRest,
		"PowerShell: " + ra.PowerShell,
		"Then " + strings.ToLower(f.refreshStep()[:1]) + f.refreshStep()[1:] + "; the host's identity endpoint may serve its cached token for a while (up to 24 hours) before the new role shows.",
	}
	d.RoleAssignment = ra
	if oid != "" {
		d.Evidence = append(d.Evidence, Evidence{"service principal (oid)", oid})
	}
	if ra.AppRoleID != "" {
		d.Evidence = append(d.Evidence, Evidence{"app role id of " + perm, ra.AppRoleID})
	}
}

func newRoleAssignment(graphBase, perm, oid string) *RoleAssignment {
	id, _ := permissions.AppRoleID(perm)
	ra := &RoleAssignment{Permission: perm, AppRoleID: id, PrincipalID: oid}
	principal, role := oid, id
	if principal == "" {
		principal = "PRINCIPAL_ID"
	}
	if role == "" {
		role = "APP_ROLE_ID"
	}
	url := fmt.Sprintf("%s/v1.0/servicePrincipals/%s/appRoleAssignments", graphBase, principal)
	ra.Request = "POST " + url
	ra.Body = fmt.Sprintf(`{"principalId":"%s","resourceId":"%s","appRoleId":"%s"}`, principal, graphSPLookup, role)
	ra.AzRest = fmt.Sprintf(`az rest --method POST --uri %s --body "{\"principalId\":\"%s\",\"resourceId\":\"$(az ad sp show --id %s --query id -o tsv)\",\"appRoleId\":\"%s\"}"`,
		url, principal, permissions.GraphAppID, role)
	ra.PowerShell = fmt.Sprintf(`New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId %s -PrincipalId %s -ResourceId (Get-MgServicePrincipal -Filter "appId eq '%s'").Id -AppRoleId %s`,
		principal, principal, permissions.GraphAppID, role)
	return ra
}

func claimOf(c auth.Claims, name string) string {
	for _, o := range c.Other {
		if o.Name == name {
			return o.Value
		}
	}
	return ""
}

// forIdentityKind adjusts a token failure to the profile's kind: what a
// federated profile presented, and words that fit credentials other than
// a secret or certificate.
func forIdentityKind(in Input, d *Diagnosis) *Diagnosis {
	if d == nil {
		return nil
	}
	p := in.Profile
	var te *auth.TokenError
	if errors.As(in.TokenErr, &te) && te.Federated != nil {
		d.Evidence = append(d.Evidence,
			Evidence{"presented issuer", te.Federated.Issuer},
			Evidence{"presented subject", te.Federated.Subject},
			Evidence{"presented audience", te.Federated.Audience})
	}
	var ce *auth.CredentialError
	switch p.Kind() {
	case profiles.KindManagedIdentity:
		// No authority or client id was involved: the host's endpoint was.
		d.Evidence = without(d.Evidence, "authority", "client_id")
		d.ConsentURL = ""
	case profiles.KindFederated, profiles.KindAccessToken:
		if errors.As(in.TokenErr, &ce) {
			key := "federated_token"
			if p.Kind() == profiles.KindAccessToken {
				key = "access_token"
				d.Evidence = without(d.Evidence, "authority", "client_id")
			}
			d.Title = "The profile's " + key + " reference could not be used"
			d.Cause = fmt.Sprintf("%v; nothing was sent to the identity platform.", ce.Err)
			d.Next = []string{
				fmt.Sprintf("Fix profile %q: its %s reference (file:, env:, cmd:, keyring:) must yield a current token on this machine.", p.Name, key),
				"Then check it: " + command(p.Name, "token"),
			}
		}
	}
	return d
}

func without(ev []Evidence, labels ...string) []Evidence {
	var out []Evidence
	for _, e := range ev {
		drop := false
		for _, l := range labels {
			drop = drop || e.Label == l
		}
		if !drop {
			out = append(out, e)
		}
	}
	return out
}
