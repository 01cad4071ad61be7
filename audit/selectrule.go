package audit

import (
	"net/url"
	"slices"
	"strings"

	"github.com/graphtui/graphtui/permissions"
)

// The $select rule. The reference names User.ReadBasic.All as least
// privileged for reading users (GET /users, /users/{id}), but that
// permission reads only the basic profile: the properties in
// basicUserProperties (Microsoft's list for User.ReadBasic.All). So, on a
// call that User.ReadBasic.All allows:
//   - $select naming only basic properties: User.ReadBasic.All is enough;
//   - $select naming any other property (signInActivity, employeeId,
//     department...), or any $expand (manager, memberOf): it is not, and
//     User.Read.All becomes the least privileged choice;
//   - no $select: the reference's answer stands (User.ReadBasic.All), with
//     a note, since Graph's default set has properties (jobTitle,
//     officeLocation) that the basic profile leaves out.
const (
	userReadBasic = "User.ReadBasic.All"
	userReadAll   = "User.Read.All"
)

// basicUserProperties are the user properties User.ReadBasic.All reads,
// lower-case.
var basicUserProperties = []string{"displayname", "givenname", "id", "mail", "photo", "securityidentifier", "surname", "userprincipalname"}

// NoteNoSelect is the note on a user read without $select.
const NoteNoSelect = "no $select: User.ReadBasic.All reads only the basic profile (id, displayName, givenName, surname, mail, userPrincipalName); if the app uses other properties, put them in $select and audit again"

// NoteBeyondBasic is the note on a user read that selects or expands more
// than the basic profile.
const NoteBeyondBasic = "$select or $expand asks for more than the basic profile, so User.ReadBasic.All cannot serve it"

// queryOptions returns the $select properties (lower-case) of a path or
// URL, whether it had $select, and whether it had $expand. Graph also
// takes the options without the $.
func queryOptions(pathOrURL string) (sel []string, hasSelect, hasExpand bool) {
	base := permissions.TrimQuery(pathOrURL)
	if len(base) >= len(pathOrURL) || pathOrURL[len(base)] != '?' {
		return nil, false, false
	}
	for _, kv := range strings.Split(pathOrURL[len(base)+1:], "&") {
		k, v, _ := strings.Cut(kv, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		switch strings.ToLower(strings.TrimPrefix(k, "$")) {
		case "select":
			hasSelect = true
			for _, p := range strings.Split(v, ",") {
				if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
					sel = append(sel, p)
				}
			}
		case "expand":
			hasExpand = hasExpand || strings.TrimSpace(v) != ""
		}
	}
	return sel, hasSelect, hasExpand
}

// applySelect narrows m for the call's $select and $expand (see the rule
// above) and returns the note to show, if any.
func applySelect(m permissions.Match, pathOrURL string) (permissions.Match, string) {
	if m.Method != "GET" || !containsFold(m.All, userReadBasic) {
		return m, ""
	}
	sel, hasSelect, hasExpand := queryOptions(pathOrURL)
	beyond := hasExpand
	for _, p := range sel {
		beyond = beyond || !slices.Contains(basicUserProperties, p)
	}
	if !beyond {
		if !hasSelect && containsFold(m.Least, userReadBasic) {
			return m, NoteNoSelect
		}
		return m, ""
	}
	drop := func(list []string) []string {
		return slices.DeleteFunc(slices.Clone(list), func(s string) bool { return strings.EqualFold(s, userReadBasic) })
	}
	m.All, m.Least, m.CoLeast = drop(m.All), drop(m.Least), nil
	if len(m.Least) == 0 {
		switch {
		case containsFold(m.All, userReadAll):
			m.Least = []string{userReadAll}
		case len(m.All) > 0:
			m.Least = m.All[:1]
		}
	}
	if len(m.Least) > 1 {
		m.CoLeast = m.Least[1:]
	}
	return m, NoteBeyondBasic
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}
