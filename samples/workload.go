package samples

import "strings"

// workloads names the service behind a path's first segment, lower-cased.
var workloads = map[string]string{
	"users": "users", "groups": "groups",
	"groupsettings": "groups", "groupsettingtemplates": "groups", "grouplifecyclepolicies": "groups",
	"sites": "sites", "drives": "files", "drive": "files", "shares": "files", "storage": "files",
	"teams": "teams", "chats": "teams", "teamwork": "teams", "appcatalogs": "teams", "communications": "teams",
	"planner":  "tasks",
	"identity": "identity", "identitygovernance": "identity", "identityprotection": "identity",
	"identityproviders": "identity", "policies": "identity", "rolemanagement": "identity", "auditlogs": "identity",
	"applications": "applications", "serviceprincipals": "applications", "oauth2permissiongrants": "applications",
	"directory": "directory", "directoryobjects": "directory", "directoryroles": "directory",
	"directoryroletemplates": "directory", "domains": "directory", "organization": "directory",
	"subscribedskus": "directory", "schemaextensions": "directory", "contacts": "directory",
	"contracts": "directory", "tenantrelationships": "directory", "datapolicyoperations": "directory",
	"devicemanagement": "devices", "deviceappmanagement": "devices", "devices": "devices",
	"security": "security", "informationprotection": "security",
	"reports": "reports", "admin": "admin", "education": "education", "solutions": "solutions",
	"print": "print", "search": "search", "external": "search", "places": "places",
	"employeeexperience": "viva",
}

// underMember names the service of what a user or group holds, by the
// segment after its id: /users/{id}/messages is mail, not users.
var underMember = map[string]string{
	"messages": "mail", "mailfolders": "mail", "mailboxsettings": "mail", "outlook": "mail",
	"inferenceclassification": "mail",
	"events":                  "calendar", "calendar": "calendar", "calendars": "calendar", "calendarview": "calendar",
	"calendargroups": "calendar", "reminderview": "calendar",
	"contacts": "contacts", "contactfolders": "contacts",
	"drive": "files", "drives": "files",
	"onenote": "onenote", "todo": "tasks", "planner": "tasks",
	"onlinemeetings": "teams", "teamwork": "teams", "chats": "teams", "joinedteams": "teams", "presence": "teams",
	"authentication": "identity", "sites": "sites",
	"registereddevices": "devices", "owneddevices": "devices", "manageddevices": "devices",
	"conversations": "groups", "threads": "groups",
	"insights": "people", "people": "people",
	"employeeexperience": "viva",
}

// workloadOf is the service a sample's path is about: the first segment's,
// or for a user's or a group's own data (/users/{id}/X) X's; "other" when
// neither is known.
func workloadOf(path string) string {
	path, _, _ = strings.Cut(path, "?")
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	first := strings.ToLower(segs[0])
	first, _, _ = strings.Cut(first, "(") // applications(appId={appId})
	if (first == "users" || first == "groups") && len(segs) > 2 {
		sub, _, _ := strings.Cut(strings.ToLower(segs[2]), "(")
		if w, ok := underMember[sub]; ok {
			return w
		}
		if strings.HasPrefix(sub, "getmanaged") {
			return "devices"
		}
	}
	if w, ok := workloads[first]; ok {
		return w
	}
	return "other"
}
