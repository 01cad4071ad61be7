package demo

import (
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// The demo company's data: Contoso, a small firm with ten named people (the
// story users), generated colleagues to make lists page, groups, the app
// registrations of apps.go, two mailboxes worth reading, SharePoint sites
// and a few sign-in records. IDs are stable from run to run.

var tenantCreated = time.Date(2019, 5, 13, 8, 0, 0, 0, time.UTC)

var (
	userType = &entityType{
		name: "user",
		props: []string{"businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
			"officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id",
			"accountEnabled", "city", "companyName", "country", "createdDateTime", "department",
			"employeeId", "mailNickname", "usageLocation", "userType"},
		// Graph's default user properties, when there is no $select.
		defaults: []string{"businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
			"officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"},
	}
	groupType = &entityType{
		name: "group",
		props: []string{"id", "createdDateTime", "description", "displayName", "groupTypes", "isAssignableToRole",
			"mail", "mailEnabled", "mailNickname", "securityEnabled", "visibility"},
	}
	applicationType = &entityType{
		name: "application",
		props: []string{"id", "appId", "createdDateTime", "description", "displayName", "identifierUris",
			"publisherDomain", "signInAudience", "keyCredentials", "passwordCredentials", "requiredResourceAccess"},
	}
	servicePrincipalType = &entityType{
		name: "servicePrincipal",
		props: []string{"id", "accountEnabled", "appDisplayName", "appId", "appOwnerOrganizationId",
			"appRoleAssignmentRequired", "displayName", "servicePrincipalNames", "servicePrincipalType", "tags"},
	}
	appRoleAssignmentType = &entityType{
		name: "appRoleAssignment",
		props: []string{"id", "appRoleId", "createdDateTime", "principalDisplayName", "principalId",
			"principalType", "resourceDisplayName", "resourceId"},
	}
	organizationType = &entityType{
		name: "organization",
		props: []string{"id", "businessPhones", "city", "country", "countryLetterCode", "createdDateTime",
			"displayName", "postalCode", "preferredLanguage", "state", "street", "tenantType",
			"technicalNotificationMails", "verifiedDomains"},
	}
	signInType = &entityType{
		name: "signIn",
		props: []string{"id", "createdDateTime", "userDisplayName", "userPrincipalName", "userId", "appId",
			"appDisplayName", "ipAddress", "clientAppUsed", "conditionalAccessStatus", "isInteractive",
			"resourceDisplayName", "status", "location"},
	}
)

// directory is everything Graph serves, built once per tenant; writes
// (writes.go) change it under mu.
type directory struct {
	mu        sync.RWMutex
	users     []record          // the story users; the generated ones follow them in lists
	gen       *generatedUsers   // made on demand from their index (generated.go)
	userByKey map[string]record // story users by lower-case id and userPrincipalName
	managerOf map[string]string // user id -> manager's user id
	groups    []record
	groupByID map[string]record
	members   map[string][]string // group id -> story user ids, in order
	memberOf  map[string][]string // story user id -> group ids
	// Generated users' memberships follow from their index: which groups
	// (in the order of groups) take generated user i, and each group's
	// generated members, in order, after its story members.
	genRules   []genRule
	genMembers map[string][]int32
	apps       []record
	sps        []record
	spByID     map[string]record
	assigned   map[string][]record // service principal id -> appRoleAssignments
	org        record
	mailboxes  map[string]*mailbox // user id -> mailbox
	sites      []record
	siteByID   map[string]record
	siteLists  map[string][]record
	signIns    []record
}

// Fixed IDs other files and tests refer to.
var (
	groupAllCompanyID = stableID("group/all-company")
	groupMailAccessID = stableID("group/mail-access-support")
)

// storyUser is one of the named people.
type storyUser struct {
	nick, given, surname, title, dept, office, mobile, manager string
	guest, shared                                              bool
}

var storyUsers = []storyUser{
	{nick: "ava.thompson", given: "Ava", surname: "Thompson", title: "Chief Executive Officer", dept: "Executive", office: "London HQ", mobile: "+44 20 7946 0101"},
	{nick: "ben.okafor", given: "Ben", surname: "Okafor", title: "Chief Financial Officer", dept: "Finance", office: "London HQ", manager: "ava.thompson"},
	{nick: "chloe.martin", given: "Chloe", surname: "Martin", title: "Head of Engineering", dept: "Engineering", office: "Lyon", manager: "ava.thompson"},
	{nick: "diego.alvarez", given: "Diego", surname: "Alvarez", title: "Software Engineer", dept: "Engineering", office: "Lyon", manager: "chloe.martin"},
	{nick: "emma.schultz", given: "Emma", surname: "Schultz", title: "Support Lead", dept: "Customer Support", office: "Berlin", manager: "ava.thompson"},
	{nick: "farah.haddad", given: "Farah", surname: "Haddad", title: "HR Manager", dept: "Human Resources", office: "London HQ", manager: "ava.thompson"},
	{nick: "george.lin", given: "George", surname: "Lin", title: "IT Administrator", dept: "IT", office: "Berlin", manager: "chloe.martin"},
	{nick: "hannah.novak", given: "Hannah", surname: "Novak", title: "Account Executive", dept: "Sales", office: "London HQ", manager: "ben.okafor"},
	{nick: "support", given: "", surname: "", title: "", dept: "Customer Support", shared: true},
	{nick: "isabel.rossi", given: "Isabel", surname: "Rossi", title: "Consultant", dept: "", guest: true},
}

var (
	generatedFirst = []string{"Liam", "Noah", "Olivia", "Mia", "Lucas", "Sofia", "Arjun", "Yuki", "Mateo", "Amara",
		"Jonas", "Leila", "Tomasz", "Ines", "Kwame", "Elif", "Rafael", "Nora", "Hugo", "Priya"}
	generatedLast = []string{"Garcia", "Muller", "Rossi", "Nakamura", "Kowalski", "Dubois", "Silva", "Jensen",
		"Haddad", "Okoro", "Larsen", "Moreau", "Novak", "Fischer", "Costa", "Ibrahim", "Weber", "Laine"}
	generatedDept = []struct{ dept, title string }{
		{"Engineering", "Software Engineer"}, {"Sales", "Account Executive"}, {"Customer Support", "Support Engineer"},
		{"Finance", "Accountant"}, {"Marketing", "Marketing Specialist"}, {"Engineering", "QA Engineer"},
		{"Human Resources", "HR Generalist"}, {"IT", "Systems Engineer"},
	}
	offices = []string{"London HQ", "Lyon", "Berlin"}
)

func newDirectory(reg *registry, generated int) *directory {
	d := &directory{
		userByKey:  map[string]record{},
		managerOf:  map[string]string{},
		groupByID:  map[string]record{},
		members:    map[string][]string{},
		memberOf:   map[string][]string{},
		genMembers: map[string][]int32{},
		spByID:     map[string]record{},
		assigned:   map[string][]record{},
		mailboxes:  map[string]*mailbox{},
		siteByID:   map[string]record{},
		siteLists:  map[string][]record{},
	}
	d.addUsers(generated)
	d.addGroups()
	d.addApps(reg)
	d.addOrganization()
	d.addMailboxes()
	d.addSites()
	d.addSignIns()
	return d
}

func iso(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func userIDOf(nick string) string { return stableID("user/" + nick) }

func (d *directory) addUser(u record) {
	d.users = append(d.users, u)
	d.userByKey[strings.ToLower(u["id"].(string))] = u
	d.userByKey[strings.ToLower(u["userPrincipalName"].(string))] = u
}

func (d *directory) addUsers(generated int) {
	for i, s := range storyUsers {
		upn := s.nick + "@" + CompanyDomain
		mail := any(upn)
		display := s.given + " " + s.surname
		userKind := "Member"
		if s.guest {
			upn = s.nick + "_fabrikam.com#EXT#@" + TenantDomain
			mail = s.nick + "@fabrikam.com"
			userKind = "Guest"
		}
		if s.shared {
			display = "Contoso Support"
		}
		u := record{
			"id": userIDOf(s.nick), "displayName": display, "userPrincipalName": upn, "mail": mail,
			"givenName": nullIfEmpty(s.given), "surname": nullIfEmpty(s.surname), "jobTitle": nullIfEmpty(s.title),
			"department": nullIfEmpty(s.dept), "officeLocation": nullIfEmpty(s.office), "mobilePhone": nullIfEmpty(s.mobile),
			"businessPhones": []string{}, "preferredLanguage": "en-GB", "accountEnabled": !s.shared,
			"city": nil, "country": nil, "companyName": "Contoso", "createdDateTime": iso(tenantCreated.Add(time.Duration(i) * 24 * time.Hour)),
			"employeeId": nil, "mailNickname": strings.ReplaceAll(s.nick, ".", ""), "usageLocation": "GB", "userType": userKind,
		}
		if !s.guest && !s.shared {
			u["employeeId"] = fmt.Sprintf("C%04d", 1001+i)
			u["businessPhones"] = []string{fmt.Sprintf("+44 20 7946 %04d", 200+i)}
			city, country := officeCity(s.office)
			u["city"], u["country"] = city, country
		}
		if s.guest {
			u["companyName"], u["preferredLanguage"], u["usageLocation"] = "Fabrikam", nil, nil
		}
		d.addUser(u)
		if s.manager != "" {
			d.managerOf[userIDOf(s.nick)] = userIDOf(s.manager)
		}
	}
	d.gen = &generatedUsers{n: generated}
}

func officeCity(office string) (any, any) {
	switch office {
	case "London HQ":
		return "London", "United Kingdom"
	case "Lyon":
		return "Lyon", "France"
	case "Berlin":
		return "Berlin", "Germany"
	}
	return nil, nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (d *directory) addGroups() {
	type spec struct {
		id, name, nick, description             string
		unified, security, mail, roleAssignable bool
		member                                  func(u record) bool
		generated                               func(i int) bool // nil: no generated user is a member
	}
	dept := func(name string) (func(record) bool, func(int) bool) {
		return func(u record) bool { return u["department"] == name },
			func(i int) bool { d, _ := generatedRole(i); return d == name }
	}
	engineering, engineeringGen := dept("Engineering")
	finance, financeGen := dept("Finance")
	sales, salesGen := dept("Sales")
	specs := []spec{
		{id: groupAllCompanyID, name: "All Company", nick: "allcompany", description: "Everyone at Contoso",
			unified: true, mail: true, member: func(u record) bool { return u["userType"] == "Member" && u["accountEnabled"] == true },
			generated: generatedEnabled},
		{id: stableID("group/engineering"), name: "Engineering", nick: "engineering", description: "Engineering department",
			security: true, member: engineering, generated: engineeringGen},
		{id: stableID("group/finance"), name: "Finance", nick: "finance", description: "Finance department",
			security: true, mail: true, member: finance, generated: financeGen},
		{id: stableID("group/sales"), name: "Sales", nick: "sales", description: "Sales team", security: true,
			member: sales, generated: salesGen},
		{id: groupMailAccessID, name: "Mail Access - Support", nick: "mailaccess-support",
			description: "Mailboxes the support triage app may read (application access policy scope)",
			security:    true, mail: true, member: func(u record) bool {
				return u["userPrincipalName"] == MailboxOpen || u["userPrincipalName"] == "emma.schultz@"+CompanyDomain
			}},
		{id: stableID("group/helpdesk-admins"), name: "Helpdesk Admins", nick: "helpdeskadmins",
			description: "Holders of the Helpdesk Administrator role", security: true, roleAssignable: true,
			member: func(u record) bool { return u["userPrincipalName"] == "george.lin@"+CompanyDomain }},
	}
	for i, s := range specs {
		groupTypes := []string{}
		if s.unified {
			groupTypes = []string{"Unified"}
		}
		var mail any
		if s.mail {
			mail = s.nick + "@" + CompanyDomain
		}
		visibility := any(nil)
		if s.unified {
			visibility = "Public"
		}
		g := record{
			"id": s.id, "createdDateTime": iso(tenantCreated.Add(time.Duration(2+i) * 24 * time.Hour)),
			"description": s.description, "displayName": s.name, "groupTypes": groupTypes,
			"isAssignableToRole": s.roleAssignable, "mail": mail, "mailEnabled": s.mail, "mailNickname": s.nick,
			"securityEnabled": s.security, "visibility": visibility,
		}
		d.groups = append(d.groups, g)
		d.groupByID[s.id] = g
		for _, u := range d.users {
			if s.member(u) {
				uid := u["id"].(string)
				d.members[s.id] = append(d.members[s.id], uid)
				d.memberOf[uid] = append(d.memberOf[uid], s.id)
			}
		}
		if s.generated != nil {
			d.genRules = append(d.genRules, genRule{s.id, s.generated})
			var idx []int32
			for i := range d.gen.n {
				if s.generated(i) {
					idx = append(idx, int32(i))
				}
			}
			d.genMembers[s.id] = idx
		}
	}
}

// genRule says which generated users a group has.
type genRule struct {
	groupID string
	member  func(i int) bool
}

func (d *directory) addApps(reg *registry) {
	msTenant := "f8cdef31-a31e-4b4a-93e4-5f571e91255a" // Microsoft's own tenant owns first-party apps
	graphSP := reg.resources[0]
	for _, a := range reg.apps {
		var passwords, keys []ordered
		for _, s := range a.secrets {
			passwords = append(passwords, ordered{
				{"customKeyIdentifier", nil}, {"displayName", s.displayName}, {"endDateTime", iso(s.end)},
				{"hint", s.value[:3]}, {"keyId", s.keyID}, {"secretText", nil}, {"startDateTime", iso(s.start)},
			})
		}
		if c := a.cert; c != nil {
			keys = append(keys, ordered{
				{"customKeyIdentifier", strings.ToUpper(hex.EncodeToString(c.sha1[:]))}, {"displayName", c.subject},
				{"endDateTime", iso(c.cert.NotAfter)}, {"key", nil}, {"keyId", c.keyID},
				{"startDateTime", iso(c.cert.NotBefore)}, {"type", "AsymmetricX509Cert"}, {"usage", "Verify"},
			})
		}
		var access []ordered
		for _, p := range a.requested {
			access = append(access, ordered{{"id", graphAppRoles[p]}, {"type", "Role"}})
		}
		spType, tags := "Application", []string{"WindowsAzureActiveDirectoryIntegratedApp"}
		if a.managed {
			// A managed identity has a service principal and no registration.
			spType, tags = "ManagedIdentity", []string{}
		} else {
			d.apps = append(d.apps, record{
				"id": a.objectID, "appId": a.clientID, "createdDateTime": iso(a.created), "description": nil,
				"displayName": a.displayName, "identifierUris": []string{}, "publisherDomain": CompanyDomain,
				"signInAudience": "AzureADMyOrg", "keyCredentials": emptyIfNil(keys), "passwordCredentials": emptyIfNil(passwords),
				"requiredResourceAccess": []ordered{{{"resourceAppId", GraphAppID}, {"resourceAccess", emptyIfNil(access)}}},
			})
		}
		d.addSP(record{
			"id": a.spID, "accountEnabled": !a.disabled, "appDisplayName": a.displayName, "appId": a.clientID,
			"appOwnerOrganizationId": TenantGUID, "appRoleAssignmentRequired": false, "displayName": a.displayName,
			"servicePrincipalNames": []string{a.clientID}, "servicePrincipalType": spType, "tags": tags,
		})
		for i, role := range a.granted {
			d.assigned[a.spID] = append(d.assigned[a.spID], record{
				"id": stableID("assignment/" + a.clientID + "/" + role), "appRoleId": graphAppRoles[role],
				"createdDateTime": iso(a.created.Add(time.Duration(i+1) * time.Hour)), "principalDisplayName": a.displayName,
				"principalId": a.spID, "principalType": "ServicePrincipal", "resourceDisplayName": graphSP.displayName,
				"resourceId": graphSP.spID,
			})
		}
	}
	for _, res := range reg.resources {
		owner := TenantGUID
		if res.appID == GraphAppID {
			owner = msTenant
		} else {
			d.apps = append(d.apps, record{
				"id": stableID("application/" + res.appID), "appId": res.appID, "createdDateTime": iso(tenantCreated.Add(90 * 24 * time.Hour)),
				"description": "Internal HR API", "displayName": res.displayName, "identifierUris": []string{HRAPIResource},
				"publisherDomain": CompanyDomain, "signInAudience": "AzureADMyOrg", "keyCredentials": []ordered{},
				"passwordCredentials": []ordered{}, "requiredResourceAccess": []ordered{},
			})
		}
		d.addSP(record{
			"id": res.spID, "accountEnabled": true, "appDisplayName": res.displayName, "appId": res.appID,
			"appOwnerOrganizationId": owner, "appRoleAssignmentRequired": false, "displayName": res.displayName,
			"servicePrincipalNames": res.names, "servicePrincipalType": "Application", "tags": []string{},
		})
	}
	sort.SliceStable(d.sps, func(i, j int) bool { return d.sps[i]["displayName"].(string) < d.sps[j]["displayName"].(string) })
}

func (d *directory) addSP(sp record) {
	d.sps = append(d.sps, sp)
	d.spByID[sp["id"].(string)] = sp
}

func emptyIfNil(s []ordered) []ordered {
	if s == nil {
		return []ordered{}
	}
	return s
}

func (d *directory) addOrganization() {
	d.org = record{
		"id": TenantGUID, "businessPhones": []string{"+44 20 7946 0000"}, "city": "London", "country": "United Kingdom",
		"countryLetterCode": "GB", "createdDateTime": iso(tenantCreated), "displayName": "Contoso (graphtui demo)",
		"postalCode": "EC1A 1AA", "preferredLanguage": "en", "state": nil, "street": "1 Demo Street", "tenantType": "AAD",
		"technicalNotificationMails": []string{"george.lin@" + CompanyDomain},
		"verifiedDomains": []ordered{
			{{"capabilities", "Email, OfficeCommunicationsOnline"}, {"isDefault", true}, {"isInitial", false}, {"name", CompanyDomain}, {"type", "Managed"}},
			{{"capabilities", "Email, OfficeCommunicationsOnline"}, {"isDefault", false}, {"isInitial", true}, {"name", TenantDomain}, {"type", "Managed"}},
		},
	}
}

func (d *directory) addSignIns() {
	type spec struct {
		nick, app, ip, client, ca string
		code                      int
		reason                    string
	}
	specs := []spec{
		{"ava.thompson", "Office 365 Exchange Online", "203.0.113.10", "Browser", "success", 0, ""},
		{"diego.alvarez", "Azure Portal", "203.0.113.24", "Browser", "success", 0, ""},
		{"hannah.novak", "Microsoft Teams", "198.51.100.7", "Mobile Apps and Desktop clients", "notApplied", 50126, "Invalid username or password."},
		{"george.lin", "Microsoft Graph PowerShell", "203.0.113.40", "Mobile Apps and Desktop clients", "success", 0, ""},
		{"emma.schultz", "Office 365 Exchange Online", "192.0.2.55", "Browser", "failure", 53003, "Blocked by Conditional Access."},
		{"chloe.martin", "Azure Portal", "203.0.113.24", "Browser", "success", 0, ""},
	}
	at := time.Date(2025, 6, 2, 7, 45, 0, 0, time.UTC)
	for i, s := range specs {
		u := d.userByKey[strings.ToLower(userIDOf(s.nick))]
		d.signIns = append(d.signIns, record{
			"id": stableID(fmt.Sprintf("signin/%d", i)), "createdDateTime": iso(at.Add(time.Duration(i) * 47 * time.Minute)),
			"userDisplayName": u["displayName"], "userPrincipalName": u["userPrincipalName"], "userId": u["id"],
			"appId": stableID("firstparty/" + s.app), "appDisplayName": s.app, "ipAddress": s.ip, "clientAppUsed": s.client,
			"conditionalAccessStatus": s.ca, "isInteractive": true, "resourceDisplayName": "Microsoft Graph",
			"status":   ordered{{"errorCode", s.code}, {"failureReason", nullIfEmpty(s.reason)}, {"additionalDetails", nil}},
			"location": ordered{{"city", "London"}, {"state", nil}, {"countryOrRegion", "GB"}},
		})
	}
}

// user finds a user by id or userPrincipalName, case-insensitively.
func (d *directory) user(key string) record {
	if u := d.userByKey[strings.ToLower(key)]; u != nil {
		return u
	}
	if i, ok := d.gen.indexOf(key); ok {
		return d.gen.user(i, nil)
	}
	return nil
}

func (d *directory) usersByID(ids []string) []record {
	out := make([]record, 0, len(ids))
	for _, id := range ids {
		out = append(out, d.userByKey[id])
	}
	return out
}

// allUsers is /users: the story users, then the generated ones.
func (d *directory) allUsers(ctx string) collection {
	col := directoryCollection(userType, ctx, d.users)
	col.more, col.moreLen = d.gen.user, d.gen.n
	return col
}

// groupMembers is a group's members: story users, then generated ones.
func (d *directory) groupMembers(groupID string) collection {
	col := directoryCollection(userType, "directoryObjects", d.usersByID(d.members[groupID]))
	idx := d.genMembers[groupID]
	col.more = func(k int, props []string) record { return d.gen.user(int(idx[k]), props) }
	col.moreLen = len(idx)
	col.withType = true
	return col
}

// groupsOf lists the ids of the groups a user (by id) belongs to.
func (d *directory) groupsOf(userID string) []string {
	if _, story := d.userByKey[strings.ToLower(userID)]; story {
		return d.memberOf[userID]
	}
	i, ok := d.gen.indexOf(userID)
	if !ok {
		return nil
	}
	var ids []string
	for _, r := range d.genRules {
		if r.member(i) {
			ids = append(ids, r.groupID)
		}
	}
	return ids
}

// isMember says whether a user belongs to a group.
func (d *directory) isMember(groupID, userID string) bool {
	return slices.Contains(d.groupsOf(userID), groupID)
}

func findByID(list []record, id string) record {
	for _, r := range list {
		if strings.EqualFold(r["id"].(string), id) {
			return r
		}
	}
	return nil
}
