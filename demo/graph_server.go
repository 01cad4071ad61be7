package demo

import (
	"net/http"
	"regexp"
	"strings"
)

// The Graph side: one handler that checks the bearer token, finds the route,
// checks the token's roles against the route's, and answers. The order of
// checks is the one Graph users see: token problems (401) first, then /me,
// then the path (400), then permissions (403), then the object (404).

// graphJSON is the content type of Graph's JSON success responses.
const graphJSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

// diagnostic imitates the x-ms-ags-diagnostic header that says which Graph
// front end answered.
const diagnostic = `{"ServerInfo":{"DataCenter":"Loopback","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"GRAPHTUI-DEMO"}}`

// call is one Graph request being answered.
type call struct {
	t               *Tenant
	w               http.ResponseWriter
	r               *http.Request
	requestID       string
	clientRequestID string
	version         string // "v1.0" or "beta"
	token           *appToken
}

// appToken is what Graph knows about the caller after validating its token.
type appToken struct {
	appID string
	roles []string
	app   *app // nil when the token is for an app this tenant does not know
}

func (tok *appToken) has(roles ...string) bool {
	for _, want := range roles {
		for _, r := range tok.roles {
			if r == want {
				return true
			}
		}
	}
	return false
}

func (t *Tenant) graphHandler() http.Handler { return http.HandlerFunc(t.serveGraph) }

func (t *Tenant) serveGraph(w http.ResponseWriter, r *http.Request) {
	c := &call{t: t, w: w, r: r, requestID: randomGUID(), clientRequestID: r.Header.Get("client-request-id")}
	if c.clientRequestID == "" {
		c.clientRequestID = c.requestID
	}
	h := w.Header()
	h.Set("request-id", c.requestID)
	h.Set("client-request-id", c.clientRequestID)
	h.Set("x-ms-ags-diagnostic", diagnostic)
	h.Set("Strict-Transport-Security", "max-age=31536000")
	h.Set("Cache-Control", "no-cache")
	h.Set("OData-Version", "4.0")
	t.stats.graph(r.URL.Path)

	if r.Method != http.MethodGet && r.Method != http.MethodHead && !isWriteMethod(r.Method) {
		c.fail(errMethodNotAllowed(r.Method))
		return
	}
	defer t.dir.lockFor(r.Method)() // writes change the directory (writes.go)
	segs := splitGraphPath(r.URL.Path)
	if len(segs) == 0 {
		c.fail(errUnknownSegment(""))
		return
	}
	switch v := strings.ToLower(segs[0]); v {
	case "v1.0", "beta":
		c.version = v
	default:
		c.fail(errUnknownVersion(segs[0]))
		return
	}
	tok, gerr := t.validateBearer(r)
	if gerr != nil {
		c.fail(*gerr)
		return
	}
	c.token = tok

	rest := segs[1:]
	if len(rest) > 0 && strings.EqualFold(rest[0], "me") {
		c.fail(errMeWithAppToken())
		return
	}
	if isWriteMethod(r.Method) {
		c.serveWrite(rest)
		return
	}
	rt, ids, gerr := matchRoute(rest)
	if gerr != nil {
		c.fail(*gerr)
		return
	}
	if gerr := c.authorize(rt); gerr != nil {
		c.fail(*gerr)
		return
	}
	rt.handle(c, ids)
}

// keySegment matches OData key syntax: users('id'), applications(appId='id').
var keySegment = regexp.MustCompile(`^([A-Za-z$]+)\((?:([A-Za-z]+)=)?'?([^')]*)'?\)$`)

// splitGraphPath splits a path into segments, turning key syntax into a
// plain segment: users('x') becomes users, x; a named key such as
// applications(appId='x') becomes applications, appId=x.
func splitGraphPath(path string) []string {
	var segs []string
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		if s == "" {
			continue
		}
		if m := keySegment.FindStringSubmatch(s); m != nil {
			if m[2] == "" && m[3] == "" { // a function call without parameters: delta()
				segs = append(segs, m[1])
				continue
			}
			key := m[3]
			if m[2] != "" {
				key = m[2] + "=" + m[3]
			}
			segs = append(segs, m[1], key)
			continue
		}
		segs = append(segs, s)
	}
	return segs
}

// validateBearer checks the access token as Graph does: signature by the
// tenant's key, issuer, audience, lifetime, and that it carries roles.
func (t *Tenant) validateBearer(r *http.Request) (*appToken, *graphError) {
	fail := func(e graphError) (*appToken, *graphError) { return nil, &e }
	auth := r.Header.Get("Authorization")
	scheme, raw, _ := strings.Cut(auth, " ")
	raw = strings.TrimSpace(raw)
	if !strings.EqualFold(scheme, "Bearer") || raw == "" {
		return fail(errNoToken())
	}
	p, err := parseJWT(raw)
	if err != nil {
		return fail(errTokenMalformed(err.Error()))
	}
	if p.header.Alg != "RS256" || p.header.Kid != t.signer.kid || p.verify(&t.signer.key.PublicKey) != nil {
		return fail(errTokenSignature())
	}
	if p.str("iss") != issuerV1() || p.str("tid") != TenantGUID {
		return fail(errTokenIssuer())
	}
	switch aud := p.str("aud"); aud {
	case t.graphURL, t.graphURL + "/", GraphAppID:
	default:
		return fail(errTokenAudience(aud, t.graphURL))
	}
	now := t.now()
	exp, okExp := p.unix("exp")
	nbf, okNbf := p.unix("nbf")
	if !okExp || now.After(exp.Add(clockSkew)) || okNbf && nbf.After(now.Add(clockSkew)) {
		return fail(errTokenExpired())
	}
	roles := p.strings("roles")
	if len(roles) == 0 && p.str("scp") == "" {
		return fail(errNoRoles())
	}
	appID := p.str("appid")
	return &appToken{appID: appID, roles: roles, app: t.apps.app(appID)}, nil
}

// workload decides the style of a permission failure: each Microsoft 365
// service behind Graph words its 403 differently.
type workload int

const (
	workloadDirectory workload = iota
	workloadMail
	workloadSites
	workloadTeams
)

type route struct {
	pattern  string // segments; "{}" stands for an ID
	workload workload
	roles    []string // the token needs at least one
	// sitesSelected lets Sites.Selected through the gate; the handler then
	// checks the site was granted to the app.
	sitesSelected bool
	handle        func(c *call, ids []string)
}

// Application permissions accepted per area: at least every permission the
// Graph permissions reference lists for the paths (permissions_test.go
// checks), plus a few it omits that the service accepts in practice.
var (
	rolesUsers    = []string{"User.Read.All", "User.ReadBasic.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
	rolesManager  = []string{"User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
	rolesGroups   = []string{"Group.Read.All", "Group.ReadBasic.All", "Group.ReadWrite.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
	rolesMembers  = []string{"GroupMember.Read.All", "GroupMember.ReadBasic.All", "GroupMember.ReadWrite.All", "Group.Read.All", "Group.ReadBasic.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
	rolesApps     = []string{"Application.Read.All", "Application.ReadWrite.All", "Application.ReadWrite.OwnedBy", "Directory.Read.All", "Directory.ReadWrite.All"}
	rolesOrg      = []string{"Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "User.Read.All"}
	rolesMail     = []string{"Mail.Read", "Mail.ReadWrite", "Mail.ReadBasic.All"}
	rolesSites    = []string{"Sites.Read.All", "Sites.ReadWrite.All", "Sites.Manage.All", "Sites.FullControl.All"}
	rolesAuditLog = []string{"AuditLog.Read.All"}
)

// routes is the API surface of the demo Graph. Literal segments come before
// IDs where both could match (users/$count before users/{}).
var routes = []route{
	{pattern: "users", roles: rolesUsers, handle: listUsers},
	{pattern: "users/$count", roles: rolesUsers, handle: countUsers},
	{pattern: "users/delta", roles: rolesUsers, handle: deltaUsers},
	{pattern: "users/{}", roles: rolesUsers, handle: getUser},
	{pattern: "users/{}/manager", roles: rolesManager, handle: getManager},
	{pattern: "users/{}/memberOf", roles: rolesMembers, handle: listMemberOf},
	{pattern: "users/{}/messages", workload: workloadMail, roles: rolesMail, handle: listMessages},
	{pattern: "users/{}/messages/{}", workload: workloadMail, roles: rolesMail, handle: getMessage},
	{pattern: "users/{}/mailFolders", workload: workloadMail, roles: rolesMail, handle: listMailFolders},
	{pattern: "users/{}/mailFolders/{}", workload: workloadMail, roles: rolesMail, handle: getMailFolder},
	{pattern: "users/{}/mailFolders/{}/messages", workload: workloadMail, roles: rolesMail, handle: listFolderMessages},
	{pattern: "groups", roles: rolesGroups, handle: listGroups},
	{pattern: "groups/$count", roles: rolesGroups, handle: countGroups},
	{pattern: "groups/{}", roles: rolesGroups, handle: getGroup},
	{pattern: "groups/{}/members", roles: rolesMembers, handle: listMembers},
	{pattern: "groups/{}/members/$count", roles: rolesMembers, handle: countMembers},
	{pattern: "applications", roles: rolesApps, handle: listApplications},
	{pattern: "applications/{}", roles: rolesApps, handle: getApplication},
	{pattern: "servicePrincipals", roles: rolesApps, handle: listServicePrincipals},
	{pattern: "servicePrincipals/{}", roles: rolesApps, handle: getServicePrincipal},
	{pattern: "servicePrincipals/{}/appRoleAssignments", roles: rolesApps, handle: listAppRoleAssignments},
	{pattern: "organization", roles: rolesOrg, handle: listOrganization},
	{pattern: "organization/{}", roles: rolesOrg, handle: getOrganization},
	{pattern: "sites", workload: workloadSites, roles: rolesSites, handle: listSites},
	{pattern: "sites/root", workload: workloadSites, roles: rolesSites, sitesSelected: true, handle: getRootSite},
	{pattern: "sites/{}", workload: workloadSites, roles: rolesSites, sitesSelected: true, handle: getSite},
	{pattern: "sites/{}/lists", workload: workloadSites, roles: rolesSites, sitesSelected: true, handle: listSiteLists},
	{pattern: "auditLogs/signIns", roles: rolesAuditLog, handle: listSignIns},
	{pattern: "teams/{}", workload: workloadTeams, roles: rolesTeam, handle: getTeam},
	{pattern: "teams/{}/channels", workload: workloadTeams, roles: rolesChannels, handle: listChannels},
	{pattern: "demo/largePage", roles: rolesUsers, handle: getLargePage},    // not Graph: see large_page.go
	{pattern: "demo/stats", roles: rolesUsers, handle: getStats},            // not Graph: see stats_route.go
	{pattern: "demo/errors/{}", roles: rolesUsers, handle: serveErrorRoute}, // not Graph: see error_routes.go
}

// matchRoute finds the route for the segments after the version, and the
// IDs in it. With no match, it names the first segment no route accepts.
func matchRoute(segs []string) (*route, []string, *graphError) {
	for i := range routes {
		if ids, ok := routes[i].match(segs); ok {
			return &routes[i], ids, nil
		}
	}
	for n := 1; n <= len(segs); n++ {
		if !anyRouteStartsWith(segs[:n]) {
			e := errUnknownSegment(segs[n-1])
			return nil, nil, &e
		}
	}
	e := errUnknownSegment(strings.Join(segs, "/"))
	return nil, nil, &e
}

func (rt *route) match(segs []string) ([]string, bool) {
	pat := strings.Split(rt.pattern, "/")
	if len(pat) != len(segs) {
		return nil, false
	}
	return matchSegments(pat, segs)
}

func matchSegments(pat, segs []string) ([]string, bool) {
	var ids []string
	for i, p := range pat {
		switch {
		case p == "{}":
			ids = append(ids, segs[i])
		case !strings.EqualFold(p, segs[i]):
			return nil, false
		}
	}
	return ids, true
}

func anyRouteStartsWith(prefix []string) bool {
	for _, rt := range routes {
		pat := strings.Split(rt.pattern, "/")
		if len(pat) >= len(prefix) {
			if _, ok := matchSegments(pat[:len(prefix)], prefix); ok {
				return true
			}
		}
	}
	return false
}

// authorize checks the token has one of the route's roles and answers in
// the style of the workload behind the route when it does not.
func (c *call) authorize(rt *route) *graphError {
	if c.token.has(rt.roles...) || rt.sitesSelected && c.token.has("Sites.Selected") {
		return nil
	}
	var e graphError
	switch rt.workload {
	case workloadMail:
		e = errMailNoPermission()
	case workloadSites:
		e = errSiteAccessDenied()
	case workloadTeams:
		e = errTeamsMissingRole(rt.roles, c.token.roles)
	default:
		e = errInsufficientPrivileges()
	}
	return &e
}
