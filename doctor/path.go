package doctor

import (
	"net/url"
	"strings"

	"github.com/graphtui/graphtui/permissions"
)

// requestPath is the request's path below the API version, split into
// segments, with OData key syntax unwrapped: users('a@b.c')/messages becomes
// users, a@b.c, messages. The permission reference does its own matching;
// this is only for recognising the workload behind a path.
type requestPath struct {
	segs  []string // unescaped, as written
	lower []string
}

func parsePath(raw string) requestPath {
	rest := permissions.TrimQuery(stripOrigin(strings.TrimSpace(raw)))
	var p requestPath
	for i, s := range strings.Split(rest, "/") {
		if s == "" {
			continue
		}
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
		if len(p.segs) == 0 && i <= 1 && (strings.EqualFold(s, "v1.0") || strings.EqualFold(s, "beta")) {
			continue
		}
		for _, part := range keySegments(s) {
			p.segs = append(p.segs, part)
			p.lower = append(p.lower, strings.ToLower(part))
		}
	}
	return p
}

// stripOrigin removes scheme and host from an absolute URL.
func stripOrigin(s string) string {
	i := strings.Index(s, "://")
	if i < 0 {
		return s
	}
	rest := s[i+3:]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		return rest[j:]
	}
	return "/"
}

// keySegments turns users('x') or users(userPrincipalName='x') into users
// and x. Function calls (delta(), getByIds(a=1,b=2), microsoft.graph.x())
// keep only their name.
func keySegments(s string) []string {
	open := strings.IndexByte(s, '(')
	if open <= 0 || !strings.HasSuffix(s, ")") {
		return []string{s}
	}
	name, inner := s[:open], s[open+1:len(s)-1]
	if inner == "" || strings.Contains(name, ".") || strings.Contains(inner, ",") {
		return []string{name}
	}
	if _, v, ok := strings.Cut(inner, "="); ok {
		inner = v
	}
	inner = strings.Trim(inner, `'"`)
	if inner == "" {
		return []string{name}
	}
	return []string{name, inner}
}

func (p requestPath) String() string { return "/" + strings.Join(p.segs, "/") }

func (p requestPath) at(i int) string {
	if i < len(p.lower) {
		return p.lower[i]
	}
	return ""
}

// isMe: /me and /education/me stand for the signed-in user.
func (p requestPath) isMe() bool {
	return p.at(0) == "me" || p.at(0) == "education" && p.at(1) == "me"
}

// mailSegments are the parts of a user that live in the Exchange mailbox,
// where application access policies and RBAC for Applications apply.
var mailSegments = map[string]bool{
	"messages": true, "mailfolders": true, "events": true, "calendar": true, "calendars": true,
	"calendarview": true, "calendargroups": true, "contacts": true, "contactfolders": true,
	"mailboxsettings": true, "inferenceclassification": true, "outlook": true,
	"sendmail": true,
}

func (p requestPath) isMailbox() bool {
	return p.at(0) == "users" && mailSegments[p.at(2)]
}

// mailbox is the user whose mailbox the path opens, as written.
func (p requestPath) mailbox() string {
	if p.isMailbox() {
		return p.segs[1]
	}
	return ""
}

// isSites covers SharePoint and OneDrive, where Sites.Selected and the
// other *.Selected permissions need a grant per site, list or file.
func (p requestPath) isSites() bool {
	switch p.at(0) {
	case "sites", "drives":
		return true
	case "groups":
		return p.at(2) == "sites" || p.at(2) == "drive" || p.at(2) == "drives"
	}
	return false
}

// isTeams covers teams, channels and chats, where resource-specific
// consent grants an app access one team or chat at a time.
func (p requestPath) isTeams() bool {
	switch p.at(0) {
	case "teams", "chats":
		return true
	case "users":
		return p.at(2) == "chats"
	case "groups":
		return p.at(2) == "team"
	}
	return false
}

func (p requestPath) isOnlineMeetings() bool {
	return p.at(0) == "users" && p.at(2) == "onlinemeetings"
}
