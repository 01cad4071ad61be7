package doctor

import (
	"fmt"
	"strings"
)

// Resource-level scoping: the token holds a permission the endpoint
// accepts, and the resource behind it still says no, because the service
// grants apps access per mailbox, per site or per team.

func (f *facts) exchangePolicy() *Diagnosis {
	mailbox := f.path.mailbox()
	if mailbox == "" {
		mailbox = "<mailbox>"
	}
	app := f.appID()
	has := f.accepted
	if len(has) == 0 {
		has = mailRoles(f.roles())
	}
	return &Diagnosis{
		Kind:  KindExchangePolicy,
		Title: "Exchange Online refused this mailbox to the app",
		Cause: fmt.Sprintf("the token has %s, which %s accepts, yet Exchange refused: an application access policy or an RBAC for Applications management scope limits which mailboxes this app may open, and %s is outside it.",
			strings.Join(has, ", "), f.endpoint(), mailbox),
		Next: []string{
			fmt.Sprintf("In Exchange Online PowerShell, see what RBAC for Applications grants the app on this mailbox: Test-ServicePrincipalAuthorization -Identity %s -Resource %s", app, mailbox),
			fmt.Sprintf("Check the older application access policies: Test-ApplicationAccessPolicy -Identity %s -AppId %s", mailbox, app),
			"If the app should use this mailbox, an Exchange admin adds it to the policy's group or management scope; changes can take an hour or two to reach Graph.",
		},
	}
}

func (f *facts) sitesSelected() *Diagnosis {
	held := selectedRoles(f.roles())
	site := f.siteRef()
	d := &Diagnosis{
		Kind:  KindSitesSelected,
		Title: held[0] + " needs a grant on this site",
		Cause: fmt.Sprintf("the token has %s, which opens only what an admin granted to this app one site (or list, or file) at a time; %s has no grant for this app, or one with too low a role. The token has none of the tenant-wide permissions either.",
			strings.Join(held, ", "), site.describe),
	}
	if !site.isID {
		d.Next = append(d.Next, fmt.Sprintf("Find the site's id (as an admin, or with an app that has Sites.Read.All): GET %s?$select=id", site.lookupPath))
	}
	d.Next = append(d.Next,
		fmt.Sprintf(`An app with Sites.FullControl.All (or a SharePoint admin) grants this app on the site: POST /sites/%s/permissions with {"roles":["read"],"grantedToIdentities":[{"application":{"id":"%s","displayName":"%s"}}]}`,
			site.id, f.appID(), f.appName()),
		"No new token is needed: a site grant applies from the next request.",
	)
	if wide := withoutSelected(f.acceptable()); len(wide) > 0 {
		d.Next = append(d.Next, fmt.Sprintf("Or, if the app must read every site, add %s (application) and run %s once an admin has granted consent %s", wide[0], command(f.in.Profile.Name, "token", "--refresh"), f.consentAt()))
	}
	return d
}

func (f *facts) teamsRSC() *Diagnosis {
	rsc := rscPermissions(f.acceptable())
	wide := withoutRSC(f.acceptable())
	where := "team"
	if f.path.at(0) == "chats" || f.path.at(2) == "chats" {
		where = "chat"
	}
	if len(f.accepted) > 0 {
		next := []string{"If this is a protected Teams API (channel or chat messages and their content), request access for the app at https://aka.ms/teamsgraph/requestaccess; until Microsoft approves it, the permission alone is not enough."}
		if len(rsc) > 0 {
			next = append(next, fmt.Sprintf("Otherwise install the app in this %s with the resource-specific permission %s in its manifest.", where, orList(rsc)))
		}
		return &Diagnosis{
			Kind:  KindTeamsRSC,
			Title: "Teams refused this " + where + " although the token has an accepted permission",
			Cause: fmt.Sprintf("the token has %s, which %s accepts, yet Teams refused: some Teams APIs are protected and need Microsoft's approval for the app, and access to a %s can also hinge on resource-specific consent, granted by installing the app in it.",
				strings.Join(f.accepted, ", "), f.endpoint(), where),
			Next: next,
		}
	}
	d := &Diagnosis{
		Kind:    KindTeamsRSC,
		Title:   fmt.Sprintf("This %s needs resource-specific consent or a tenant-wide permission", where),
		Missing: f.least(),
		Cause: fmt.Sprintf("the token has none of the tenant-wide permissions %s accepts (%s), and Teams found no resource-specific consent (%s) for this app in this %s.",
			f.endpoint(), listOrNone(wide), orList(rsc), where),
		Next: []string{fmt.Sprintf("Resource-specific consent: declare %s in the Teams app manifest (authorization.permissions.resourceSpecific, type Application) and have an owner install the app in this %s; the grant covers that %s only.", orList(rsc), where, where)},
	}
	if len(wide) > 0 {
		d.Next = append(d.Next,
			fmt.Sprintf("Or add the tenant-wide application permission %s instead, and have an admin grant consent %s", wide[0], f.consentAt()),
			f.refreshStep()+".")
	}
	return d
}

func (f *facts) resourceScoped() *Diagnosis {
	if f.path.isOnlineMeetings() {
		user := f.path.segs[1]
		return &Diagnosis{
			Kind:  KindResourceScoped,
			Title: "Online meetings need a Teams application access policy for this user",
			Cause: fmt.Sprintf("the token has %s, which %s accepts, but app-only access to a user's online meetings also needs a Teams application access policy that names the app and applies to %s.",
				strings.Join(f.accepted, ", "), f.endpoint(), user),
			Next: []string{
				fmt.Sprintf("In Teams PowerShell: New-CsApplicationAccessPolicy -Identity graphtui-meetings -AppIds %s", f.appID()),
				fmt.Sprintf("Grant-CsApplicationAccessPolicy -PolicyName graphtui-meetings -Identity %s (or -Global); it can take up to 30 minutes to apply.", user),
			},
		}
	}
	return &Diagnosis{
		Kind:  KindResourceScoped,
		Title: "The token has an accepted permission, but the resource refused the app",
		Cause: fmt.Sprintf("the token has %s, which %s accepts, yet Graph answered 403: the object itself limits the app, for example an administrative unit with restricted management, a permission set on the object, or a policy of the service behind it.",
			strings.Join(f.accepted, ", "), f.endpoint()),
		Next: []string{
			"Read Graph's message below: it usually names the object or the rule.",
			"If it does not, open a support case with the request-id and date below.",
		},
	}
}

// siteTarget describes the site a path opens, for the grant instructions.
type siteTarget struct {
	id         string // a site id, or {site-id} when the path does not give one
	isID       bool
	describe   string
	lookupPath string
}

func (f *facts) siteRef() siteTarget {
	if f.path.at(0) != "sites" || len(f.path.segs) < 2 {
		return siteTarget{id: "{site-id}", describe: "this site", lookupPath: "/sites/{hostname}:/sites/{name}"}
	}
	s := f.path.segs[1]
	switch {
	case strings.EqualFold(s, "root"):
		return siteTarget{id: "{site-id}", describe: "the root site", lookupPath: "/sites/root"}
	case strings.Contains(s, ":"):
		return siteTarget{id: "{site-id}", describe: "site " + s, lookupPath: "/sites/" + s}
	}
	return siteTarget{id: s, isID: true, describe: "site " + s}
}

func (f *facts) appID() string {
	if f.claims != nil && f.claims.AppID != "" {
		return f.claims.AppID
	}
	if f.in.Profile.ClientID != "" {
		return f.in.Profile.ClientID
	}
	return "<app-id>"
}

func (f *facts) appName() string {
	if f.claims != nil && f.claims.AppDisplayName != "" {
		return f.claims.AppDisplayName
	}
	return f.in.Profile.Name
}

// selectedRoles are the SharePoint and OneDrive permissions that work only
// on what was granted item by item.
func selectedRoles(roles []string) []string { return keep(roles, isSelected) }

func isSelected(r string) bool {
	if !strings.HasSuffix(r, ".Selected") {
		return false
	}
	for _, p := range []string{"Sites.", "Files.", "Lists.", "ListItems."} {
		if strings.HasPrefix(r, p) {
			return true
		}
	}
	return false
}

func withoutSelected(roles []string) []string {
	return keep(roles, func(r string) bool { return !isSelected(r) })
}

// rscPermissions are Teams resource-specific consent permissions: they end
// in .Group (a team) or .Chat and are granted by installing the app.
func rscPermissions(perms []string) []string { return keep(perms, isRSC) }

func isRSC(p string) bool { return strings.HasSuffix(p, ".Group") || strings.HasSuffix(p, ".Chat") }

func withoutRSC(perms []string) []string {
	return keep(perms, func(p string) bool { return !isRSC(p) })
}

// mailRoles are the roles that open mailbox content.
func mailRoles(roles []string) []string {
	return keep(roles, func(r string) bool {
		for _, p := range []string{"Mail.", "Calendars.", "Contacts.", "MailboxSettings.", "MailboxFolder.", "MailboxItem."} {
			if strings.HasPrefix(r, p) {
				return true
			}
		}
		return false
	})
}

// keep returns the names ok says yes to, in order; nil when none.
func keep(names []string, ok func(string) bool) []string {
	var out []string
	for _, n := range names {
		if ok(n) {
			out = append(out, n)
		}
	}
	return out
}
