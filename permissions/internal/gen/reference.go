package main

import (
	"strings"

	"github.com/graphtui/graphtui/internal/refdata"
)

// reference is what the index is made of: permissions.json, and the app
// role ids provisioningInfo.json deploys.
type reference struct {
	Permissions map[string]refdata.Permission
	// appRoles are the names provisioningInfo.json deploys as application
	// roles in some cloud, with the app role id ("" when it gives none).
	appRoles map[string]string
}

// pathSet is a permission's path set, as the index reads its flags.
type pathSet refdata.PathSet

const application = "Application"

func newReference(perms map[string]refdata.Permission, deployments map[string][]refdata.Deployment) *reference {
	return &reference{Permissions: perms, appRoles: refdata.AppRoleIDs(deployments)}
}

// phantom reports an Application scheme that is not an application
// permission: no display name, no privilege level, and no app role
// deployed for it (Calendars.ReadBasic, whose role is
// Calendars.ReadBasic.All; typos such as EduRoster.WriteWrite.All). A named
// permission with a level is real even when provisioningInfo.json lacks it
// (Place.ReadWrite.All), so the deployment list alone does not decide.
func (ref *reference) phantom(name string) bool {
	s, ok := ref.Permissions[name].Schemes[application]
	return ok && strings.TrimSpace(s.AdminDisplayName) == "" && s.PrivilegeLevel == 0 && !ref.isAppRole(name)
}

// standsFor is the app role a phantom's paths belong to, when the reference
// filed them under a short name: Calendars.ReadBasic.All is an app role
// with no paths of its own, and its paths are listed for the phantom
// Calendars.ReadBasic's Application scheme. Other phantoms have no such
// twin, and their paths stay delegated only.
func (ref *reference) standsFor(phantom string) (string, bool) {
	twin := phantom + ".All"
	p, ok := ref.Permissions[twin]
	if _, app := p.Schemes[application]; !ok || !app || !ref.isAppRole(twin) {
		return "", false
	}
	for _, ps := range p.PathSets {
		if pathSet(ps).forApplication() {
			return "", false
		}
	}
	return twin, true
}

func (ref *reference) isAppRole(name string) bool {
	_, ok := ref.appRoles[name]
	return ok
}

func (ps pathSet) has(list []string, want string) bool {
	for _, s := range list {
		if strings.EqualFold(s, want) {
			return true
		}
	}
	return false
}

// methods are the HTTP methods the index knows, in its order.
var methods = []string{"GET", "POST", "PATCH", "PUT", "DELETE"}

// methodLetters mark a method's group on a path line of the index.
var methodLetters = map[string]byte{"GET": 'G', "POST": 'P', "PATCH": 'M', "PUT": 'U', "DELETE": 'D'}

func (ps pathSet) allows(method string) bool { return ps.has(ps.Methods, method) }

// only: the pathSet lists one method, so its least= flags are about it.
func (ps pathSet) only() bool { return len(ps.Methods) == 1 }

// flagAbout reports whether a least= flag on this pathSet is about method
// for the named permission. One method: yes. A mixed pathSet with GET
// flags a read-only name for GET and a writing one for the other methods
// (a [GET, POST] pathSet flagging User.ReadWrite.All is about POST). A
// mixed pathSet without GET: about each of its methods.
func (ps pathSet) flagAbout(method, name string) bool {
	if ps.only() || !ps.allows("GET") {
		return true
	}
	return (method == "GET") == readOnly(name)
}

func (ps pathSet) forApplication() bool { return ps.has(ps.SchemeKeys, application) }

// alsoRequires parses the AlsoRequires flag: permissions any one of which
// is needed together with the one listing the path.
func alsoRequires(flags string) []string {
	for _, part := range strings.Split(flags, ";") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(part), "AlsoRequires="); ok && v != "" {
			return strings.Split(v, ",")
		}
	}
	return nil
}

// leastSchemes parses a path's flags, e.g.
// "least=DelegatedWork,Application;AlsoRequires=Policy.Read.All".
func leastSchemes(flags string) []string {
	for _, part := range strings.Split(flags, ";") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(part), "least="); ok {
			return strings.Split(v, ",")
		}
	}
	return nil
}

// readOnly reports whether a permission's operation (the part after the
// resource, e.g. "ReadBasic" in User.ReadBasic.All) only reads. Anything
// else (ReadWrite, Manage, Send, Create, FullControl, Selected...) may change
// data or is scoped differently, so it ranks after read-only names for GET.
func readOnly(name string) bool {
	parts := strings.Split(name, ".")
	if len(parts) < 2 {
		return false
	}
	op := parts[1]
	return strings.HasPrefix(op, "Read") && !strings.Contains(op, "Write")
}

// level is the application privilege level of a permission (0: none).
func (ref *reference) level(name string) int {
	return ref.Permissions[name].Schemes[application].PrivilegeLevel
}
