package demo

import (
	"strconv"
	"strings"
	"time"
)

// Handlers of the demo Graph's routes. Page sizes and $top limits follow
// Graph's: 100 / 999 for directory objects, 10 / 1000 for mail.

// found reports whether the object r was found; if not, the call fails
// with Graph's 404 for id.
func (c *call) found(r record, id string) bool {
	if r == nil {
		c.fail(errObjectNotFound(id))
	}
	return r != nil
}

func directoryCollection(t *entityType, ctx string, items []record) collection {
	return collection{typ: t, context: ctx, items: items, pageSize: 100, maxTop: 999, eventualCount: true}
}

func mailCollection(t *entityType, ctx string, items []record) collection {
	return collection{typ: t, context: ctx, items: items, pageSize: 10, maxTop: 1000, paging: pageBySkip}
}

func listUsers(c *call, _ []string) {
	c.list(c.t.dir.allUsers("users"))
}

func countUsers(c *call, _ []string) {
	c.count(c.t.dir.allUsers("users"))
}

// deltaUsers is /users/delta as a first sync sees it: every user, page by
// page, and a deltaLink on the last page. Calling the deltaLink answers
// that nothing changed since (the demo directory never changes).
func deltaUsers(c *call, _ []string) {
	if queryValue(c.r, "$deltatoken") != "" {
		c.ok(ordered{
			{"@odata.context", c.contextURL("users")},
			{"@odata.deltaLink", c.deltaLink()},
			{"value", []ordered{}},
		})
		return
	}
	c.listPage(c.t.dir.allUsers("users"), &kv{"@odata.deltaLink", c.deltaLink()})
}

func getUser(c *call, ids []string) {
	if u := c.t.dir.user(ids[0]); c.found(u, ids[0]) {
		c.single(userType, "users", u, false)
	}
}

func getManager(c *call, ids []string) {
	u := c.t.dir.user(ids[0])
	if !c.found(u, ids[0]) {
		return
	}
	m := c.t.dir.user(c.t.dir.managerOf[u["id"].(string)])
	if !c.found(m, "manager") {
		return
	}
	c.single(userType, "directoryObjects", m, true)
}

func listMemberOf(c *call, ids []string) {
	u := c.t.dir.user(ids[0])
	if !c.found(u, ids[0]) {
		return
	}
	var groups []record
	for _, id := range c.t.dir.groupsOf(u["id"].(string)) {
		groups = append(groups, c.t.dir.groupByID[id])
	}
	col := directoryCollection(groupType, "directoryObjects", groups)
	col.withType = true
	c.list(col)
}

func listGroups(c *call, _ []string) {
	c.list(directoryCollection(groupType, "groups", c.t.dir.groups))
}

func countGroups(c *call, _ []string) {
	c.count(directoryCollection(groupType, "groups", c.t.dir.groups))
}

func getGroup(c *call, ids []string) {
	if g := findByID(c.t.dir.groups, ids[0]); c.found(g, ids[0]) {
		c.single(groupType, "groups", g, false)
	}
}

func groupMembers(c *call, id string) (collection, bool) {
	g := findByID(c.t.dir.groups, id)
	if !c.found(g, id) {
		return collection{}, false
	}
	return c.t.dir.groupMembers(g["id"].(string)), true
}

func listMembers(c *call, ids []string) {
	if col, ok := groupMembers(c, ids[0]); ok {
		c.list(col)
	}
}

func countMembers(c *call, ids []string) {
	if col, ok := groupMembers(c, ids[0]); ok {
		c.count(col)
	}
}

func listApplications(c *call, _ []string) {
	c.list(directoryCollection(applicationType, "applications", c.t.dir.apps))
}

// byIDOrAppID finds an application or service principal by object ID, or by
// appId when the path used applications(appId='...').
func byIDOrAppID(list []record, key string) record {
	if appID, ok := strings.CutPrefix(key, "appId="); ok {
		for _, r := range list {
			if strings.EqualFold(r["appId"].(string), appID) {
				return r
			}
		}
		return nil
	}
	return findByID(list, key)
}

func getApplication(c *call, ids []string) {
	if a := byIDOrAppID(c.t.dir.apps, ids[0]); c.found(a, ids[0]) {
		c.single(applicationType, "applications", a, false)
	}
}

func listServicePrincipals(c *call, _ []string) {
	c.list(directoryCollection(servicePrincipalType, "servicePrincipals", c.t.dir.sps))
}

func getServicePrincipal(c *call, ids []string) {
	if sp := byIDOrAppID(c.t.dir.sps, ids[0]); c.found(sp, ids[0]) {
		c.single(servicePrincipalType, "servicePrincipals", sp, false)
	}
}

func listAppRoleAssignments(c *call, ids []string) {
	sp := byIDOrAppID(c.t.dir.sps, ids[0])
	if !c.found(sp, ids[0]) {
		return
	}
	spID := sp["id"].(string)
	c.list(directoryCollection(appRoleAssignmentType, "servicePrincipals('"+spID+"')/appRoleAssignments", c.t.dir.assigned[spID]))
}

func listOrganization(c *call, _ []string) {
	c.list(directoryCollection(organizationType, "organization", []record{c.t.dir.org}))
}

func getOrganization(c *call, ids []string) {
	if !strings.EqualFold(ids[0], TenantGUID) {
		c.fail(errObjectNotFound(ids[0]))
		return
	}
	c.single(organizationType, "organization", c.t.dir.org, false)
}

// openMailbox resolves the mailbox of a user as Exchange does, applying the
// caller's application access policy.
func (c *call) openMailbox(key string) (*mailbox, bool) {
	u := c.t.dir.user(key)
	if u == nil {
		c.fail(errInvalidUser(key))
		return nil, false
	}
	userID := u["id"].(string)
	if a := c.token.app; a != nil && a.mailScopeGroup != "" && !c.t.dir.isMember(a.mailScopeGroup, userID) {
		c.fail(errMailboxPolicy())
		return nil, false
	}
	mb := c.t.dir.mailboxes[userID]
	if mb == nil {
		c.fail(errMailboxNotEnabled())
		return nil, false
	}
	return mb, true
}

func listMessages(c *call, ids []string) {
	if mb, ok := c.openMailbox(ids[0]); ok {
		c.list(mailCollection(messageType, "users('"+ids[0]+"')/messages", mb.messages))
	}
}

func getMessage(c *call, ids []string) {
	mb, ok := c.openMailbox(ids[0])
	if !ok {
		return
	}
	m := findByID(mb.messages, ids[1])
	if m == nil {
		c.fail(errMailItemNotFound())
		return
	}
	c.single(messageType, "users('"+ids[0]+"')/messages", m, false)
}

func listMailFolders(c *call, ids []string) {
	if mb, ok := c.openMailbox(ids[0]); ok {
		c.list(mailCollection(mailFolderType, "users('"+ids[0]+"')/mailFolders", mb.folders))
	}
}

// openFolder opens the mailbox of user ids[0] and its folder ids[1], by
// ID or well-known name.
func (c *call) openFolder(ids []string) (*mailbox, record, bool) {
	mb, ok := c.openMailbox(ids[0])
	if !ok {
		return nil, nil, false
	}
	f := mb.folder(ids[1])
	if f == nil {
		c.fail(errMailItemNotFound())
		return nil, nil, false
	}
	return mb, f, true
}

func getMailFolder(c *call, ids []string) {
	if _, f, ok := c.openFolder(ids); ok {
		c.single(mailFolderType, "users('"+ids[0]+"')/mailFolders", f, false)
	}
}

func listFolderMessages(c *call, ids []string) {
	mb, f, ok := c.openFolder(ids)
	if !ok {
		return
	}
	ctx := "users('" + ids[0] + "')/mailFolders('" + ids[1] + "')/messages"
	c.list(mailCollection(messageType, ctx, mb.inFolder(f["id"].(string))))
}

// canOpenSite applies Sites.Selected: an app holding only that permission
// may open the sites granted to it and no other.
func (c *call) canOpenSite(siteID string) bool {
	if c.token.has(rolesSites...) {
		return true
	}
	if a := c.token.app; a != nil {
		for _, id := range a.selectedSites {
			if strings.EqualFold(id, siteID) {
				return true
			}
		}
	}
	c.fail(errSiteAccessDenied())
	return false
}

func listSites(c *call, _ []string) {
	c.list(directoryCollection(siteType, "sites", c.t.dir.sites))
}

func getRootSite(c *call, _ []string) {
	if c.canOpenSite(SiteIDRoot) {
		c.single(siteType, "sites", c.t.dir.siteByID[SiteIDRoot], false)
	}
}

func (c *call) findSite(id string) (record, bool) {
	if strings.EqualFold(id, "root") {
		id = SiteIDRoot
	}
	s := findByID(c.t.dir.sites, id)
	if s == nil {
		c.fail(errSiteNotFound())
		return nil, false
	}
	return s, c.canOpenSite(s["id"].(string))
}

func getSite(c *call, ids []string) {
	if s, ok := c.findSite(ids[0]); ok {
		c.single(siteType, "sites", s, false)
	}
}

func listSiteLists(c *call, ids []string) {
	s, ok := c.findSite(ids[0])
	if !ok {
		return
	}
	id := s["id"].(string)
	col := directoryCollection(listType, "sites('"+id+"')/lists", c.t.dir.siteLists[id])
	col.eventualCount = false
	c.list(col)
}

func listSignIns(c *call, _ []string) {
	if c.throttled() {
		return
	}
	col := directoryCollection(signInType, "auditLogs/signIns", c.t.dir.signIns)
	col.pageSize, col.maxTop = 1000, 1000
	col.eventualCount = false
	c.list(col)
}

// throttled counts calls to the throttling path per app and refuses every
// other one, starting with the first, so a client's retry always succeeds.
func (c *call) throttled() bool {
	c.t.throttleMu.Lock()
	c.t.throttle[c.token.appID]++
	n := c.t.throttle[c.token.appID]
	c.t.throttleMu.Unlock()
	if n%2 == 0 {
		return false
	}
	c.w.Header().Set("Retry-After", strconv.Itoa(int(c.t.opts.ThrottleRetryAfter/time.Second)))
	c.fail(errThrottled())
	return true
}
