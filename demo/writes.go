package demo

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/graphtui/graphtui/permissions"
)

// Writes: the demo Graph accepts a few in memory (send mail, create, patch
// and delete a user, add a group member), with the permission checks and
// error bodies of the real services, so that graphtui's write guard and
// write diagnoses can be shown offline. A restart resets everything.

// writeRoute is one write the demo accepts.
type writeRoute struct {
	method   string
	route    // pattern, workload, roles; handle is unused
	do       func(c *call, ids []string, body map[string]any)
	needBody bool
}

// writeRoutes' roles are the permissions reference's application
// permissions for the method and path (see loadWriteRoles), the way Graph
// documents them.
var writeRoutes = []writeRoute{
	{method: http.MethodPost, route: route{pattern: "users/{}/sendMail", workload: workloadMail}, do: sendMail, needBody: true},
	{method: http.MethodPost, route: route{pattern: "users"}, do: createUser, needBody: true},
	{method: http.MethodPatch, route: route{pattern: "users/{}"}, do: patchUser, needBody: true},
	{method: http.MethodDelete, route: route{pattern: "users/{}"}, do: deleteUser},
	{method: http.MethodPost, route: route{pattern: "groups/{}/members/$ref"}, do: addMember, needBody: true},
}

var writeRolesOnce sync.Once

// loadWriteRoles fills the routes' roles on the first write: loading the
// reference costs a few milliseconds that reads never pay.
func loadWriteRoles() {
	writeRolesOnce.Do(fillWriteRoles)
}

func fillWriteRoles() {
	for i := range writeRoutes {
		wr := &writeRoutes[i]
		m, ok := permissions.LookupMethod(wr.method, "/"+strings.ReplaceAll(wr.pattern, "{}", "id"))
		if !ok || len(m.All) == 0 {
			panic("demo: the permissions reference has no application permission for " + wr.method + " " + wr.pattern)
		}
		wr.roles = m.All
	}
}

// privilegedUsers hold a directory role: changing them, or anyone's
// password, needs the app to hold an admin role too, as in Entra.
var privilegedUsers = []string{"ava.thompson", "george.lin"}

func isWriteMethod(m string) bool {
	switch m {
	case http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// lockFor takes the directory's lock for a request: shared for reads,
// exclusive for writes.
func (d *directory) lockFor(method string) (unlock func()) {
	if isWriteMethod(method) {
		d.mu.Lock()
		return d.mu.Unlock
	}
	d.mu.RLock()
	return d.mu.RUnlock
}

// serveWrite answers a write after the token was validated: route,
// permissions, body, then the change.
func (c *call) serveWrite(segs []string) {
	loadWriteRoles()
	pathKnown := false
	for i := range writeRoutes {
		ids, ok := writeRoutes[i].match(segs)
		if !ok {
			continue
		}
		if writeRoutes[i].method == c.r.Method {
			c.write(&writeRoutes[i], ids)
			return
		}
		pathKnown = true
	}
	if _, _, gerr := matchRoute(segs); gerr != nil && !pathKnown {
		c.fail(*gerr)
		return
	}
	c.fail(errWriteNotSupported(c.r.Method))
}

func (c *call) write(wr *writeRoute, ids []string) {
	if gerr := c.authorize(&wr.route); gerr != nil {
		c.fail(*gerr)
		return
	}
	var body map[string]any
	if wr.needBody {
		raw, err := io.ReadAll(io.LimitReader(c.r.Body, 1<<20))
		if err != nil || json.Unmarshal(raw, &body) != nil || body == nil {
			c.fail(errBadPayload())
			return
		}
	}
	wr.do(c, ids, body)
}

func (c *call) noContent(status int) {
	c.w.Header().Set("Content-Length", "0")
	c.w.WriteHeader(status)
}

func sendMail(c *call, ids []string, body map[string]any) {
	msg, _ := body["message"].(map[string]any)
	if msg == nil {
		c.fail(errMailBadRequest("The 'message' property is required."))
		return
	}
	to, _ := msg["toRecipients"].([]any)
	if len(to) == 0 {
		c.fail(errMailBadRequest("At least one recipient is required, but none were found."))
		return
	}
	mb, ok := c.openMailbox(ids[0])
	if !ok {
		return
	}
	if save, set := body["saveToSentItems"].(bool); !set || save {
		sender := c.t.dir.user(ids[0])
		now := c.t.now().UTC()
		subject, _ := msg["subject"].(string)
		from := ordered{{"emailAddress", ordered{{"name", sender["displayName"]}, {"address", sender["mail"]}}}}
		id := mailID("AAMkAGRlbW8", fmt.Sprintf("sent/%s/%d/%d", sender["id"], now.UnixNano(), len(mb.messages)))
		m := record{
			"id": id, "createdDateTime": iso(now), "lastModifiedDateTime": iso(now), "receivedDateTime": iso(now), "sentDateTime": iso(now),
			"hasAttachments": false, "subject": subject, "bodyPreview": "", "importance": "normal",
			"parentFolderId": mb.folder("sentitems")["id"], "conversationId": mailID("AAQkAGRlbW8", id),
			"isRead": true, "isDraft": false, "webLink": "", "body": msg["body"], "sender": from, "from": from,
			"toRecipients": to, "ccRecipients": []any{},
		}
		mb.messages = append([]record{m}, mb.messages...) // newest first
	}
	c.noContent(http.StatusAccepted)
}

func createUser(c *call, _ []string, body map[string]any) {
	for _, p := range []string{"accountEnabled", "displayName", "mailNickname", "userPrincipalName", "passwordProfile"} {
		if _, ok := body[p]; !ok {
			c.fail(errPropertyMissing(p))
			return
		}
	}
	upn, _ := body["userPrincipalName"].(string)
	if upn == "" || !strings.Contains(upn, "@") {
		c.fail(errBadValue("userPrincipalName"))
		return
	}
	if c.t.dir.user(upn) != nil {
		c.fail(errAlreadyExists("userPrincipalName"))
		return
	}
	now := c.t.now().UTC()
	u := record{
		"id": stableID(fmt.Sprintf("user/created/%s/%d", strings.ToLower(upn), now.UnixNano())), "userPrincipalName": upn,
		"businessPhones": []string{}, "createdDateTime": iso(now), "userType": "Member", "companyName": nil,
		"preferredLanguage": nil, "usageLocation": nil, "employeeId": nil, "city": nil, "country": nil, "mail": nil,
	}
	for _, p := range userType.props {
		if v, ok := body[p]; ok && p != "id" {
			u[p] = v
		}
	}
	for _, p := range userType.props {
		if _, ok := u[p]; !ok {
			u[p] = nil
		}
	}
	c.t.dir.addUser(u)
	c.w.Header().Set("Location", c.t.graphURL+"/"+c.version+"/users/"+u["id"].(string))
	body2 := ordered{{"@odata.context", c.contextURL("users/$entity")}}
	writeJSON(c.w, http.StatusCreated, graphJSON, append(body2, userType.render(u, nil, false)...))
}

// writableUser finds a user the demo can change: the named ones and
// those created since it started (generated colleagues are computed, not
// stored). It answers the failure itself.
func (c *call) writableUser(key string) (record, bool) {
	u := c.t.dir.userByKey[strings.ToLower(key)]
	if u == nil {
		if c.t.dir.user(key) != nil {
			c.fail(errGeneratedReadOnly())
		} else {
			c.fail(errObjectNotFound(key))
		}
		return nil, false
	}
	return u, true
}

func isPrivileged(u record) bool {
	for _, nick := range privilegedUsers {
		if u["id"] == userIDOf(nick) {
			return true
		}
	}
	return false
}

func patchUser(c *call, ids []string, body map[string]any) {
	u, ok := c.writableUser(ids[0])
	if !ok {
		return
	}
	_, password := body["passwordProfile"]
	if isPrivileged(u) || password {
		c.fail(errInsufficientPrivileges()) // the app holds no directory role
		return
	}
	for k := range body {
		if k == "id" || !slices.Contains(userType.props, k) {
			c.fail(errUnknownProperty(k, userType))
			return
		}
	}
	for k, v := range body {
		u[k] = v
	}
	if upn, ok := body["userPrincipalName"].(string); ok {
		for key, rec := range c.t.dir.userByKey {
			if rec["id"] == u["id"] && key != strings.ToLower(u["id"].(string)) {
				delete(c.t.dir.userByKey, key)
			}
		}
		c.t.dir.userByKey[strings.ToLower(upn)] = u
	}
	c.noContent(http.StatusNoContent)
}

func deleteUser(c *call, ids []string, _ map[string]any) {
	u, ok := c.writableUser(ids[0])
	if !ok {
		return
	}
	if isPrivileged(u) {
		c.fail(errInsufficientPrivileges())
		return
	}
	d, id := c.t.dir, u["id"].(string)
	d.users = slices.DeleteFunc(slices.Clone(d.users), func(r record) bool { return r["id"] == id })
	for key, rec := range d.userByKey {
		if rec["id"] == id {
			delete(d.userByKey, key)
		}
	}
	for _, g := range d.memberOf[id] {
		d.members[g] = slices.DeleteFunc(slices.Clone(d.members[g]), func(m string) bool { return m == id })
	}
	delete(d.memberOf, id)
	delete(d.managerOf, id)
	delete(d.mailboxes, id)
	c.noContent(http.StatusNoContent)
}

func addMember(c *call, ids []string, body map[string]any) {
	d := c.t.dir
	g := d.groupByID[strings.ToLower(ids[0])]
	if g == nil {
		g = d.groupByID[ids[0]]
	}
	if !c.found(g, ids[0]) {
		return
	}
	ref, _ := body["@odata.id"].(string)
	i := strings.LastIndexByte(ref, '/')
	if ref == "" || i < 0 {
		c.fail(errBadValue("@odata.id"))
		return
	}
	key := strings.Trim(ref[i+1:], "{}'")
	if open := strings.IndexByte(key, '('); open >= 0 { // directoryObjects('id')
		key = strings.Trim(key[open+1:], "()'")
	}
	u, ok := c.writableUser(key)
	if !ok {
		return
	}
	gid, uid := g["id"].(string), u["id"].(string)
	if slices.Contains(d.members[gid], uid) {
		c.fail(errAlreadyExistsRef())
		return
	}
	d.members[gid] = append(slices.Clone(d.members[gid]), uid)
	d.memberOf[uid] = append(slices.Clone(d.memberOf[uid]), gid)
	c.noContent(http.StatusNoContent)
}

// Errors of writes, in the words of the services.

func errWriteNotSupported(method string) graphError {
	return graphError{http.StatusMethodNotAllowed, "Request_BadRequest", fmt.Sprintf(
		"The demo tenant does not support %s here; it accepts POST /users/{id}/sendMail, POST /users, PATCH and DELETE /users/{id}, and POST /groups/{id}/members/$ref.", method)}
}

// errBadPayload keeps Graph's own words for a body that is not JSON.
func errBadPayload() graphError {
	return graphError{http.StatusBadRequest, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."}
}

func errMailBadRequest(msg string) graphError {
	return graphError{http.StatusBadRequest, "ErrorInvalidRecipients", msg}
}

func errPropertyMissing(p string) graphError {
	return graphError{http.StatusBadRequest, "Request_BadRequest", fmt.Sprintf("A value is required for property '%s' of resource 'User'.", p)}
}

func errBadValue(p string) graphError {
	return graphError{http.StatusBadRequest, "Request_BadRequest", fmt.Sprintf("Invalid value specified for property '%s'.", p)}
}

func errAlreadyExists(p string) graphError {
	return graphError{http.StatusBadRequest, "Request_BadRequest", fmt.Sprintf("Another object with the same value for property %s already exists.", p)}
}

func errAlreadyExistsRef() graphError {
	return graphError{http.StatusBadRequest, "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'."}
}

func errGeneratedReadOnly() graphError {
	return graphError{http.StatusBadRequest, "Request_BadRequest", "The demo's generated colleagues cannot be changed; change one of the named users or one you created."}
}
