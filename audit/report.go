package audit

import (
	"sort"
	"strings"

	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// Input is what an audit works from.
type Input struct {
	Profile profiles.Profile
	// Granted are the roles in the app's token.
	Granted []string
	// PrincipalID is the app's service principal object id (the token's
	// oid claim); "" leaves a placeholder in the requests.
	PrincipalID string
	Calls       []Call
}

// Report is an audit's outcome. Its JSON form is part of the CLI's
// interface: scripts read it.
type Report struct {
	Profile string   `json:"profile"`
	Kind    string   `json:"kind"`    // the profile's kind: secret, certificate, managed-identity...
	Granted []string `json:"granted"` // the token's roles, by name
	Needed  []string `json:"needed"`  // the least privileged permissions that allow every known call
	Remove  []Change `json:"remove"`  // granted, not needed
	Add     []Change `json:"add"`     // needed, not granted
	Calls   []Result `json:"calls"`   // every call the reference knows, in input order
	Unknown []Call   `json:"unknown"` // calls the reference does not have: nothing is guessed for them
	// Privilege is the app's highest privilege level now (granted) and
	// after the change (needed), by the reference's levels.
	Privilege Privilege `json:"privilege"`
	// ConsentURL is the admin-consent page to visit after changing the app
	// registration; "" for a managed identity, which has none.
	ConsentURL string `json:"consent_url"`
	// Assign are the app role assignments that add the permissions to a
	// managed identity; Revoke the requests that take granted ones back
	// (any kind of app: consent never revokes).
	Assign []Assignment `json:"assign"`
	Revoke []Revocation `json:"revoke"`
	// Steps say what to do, in order, as sentences.
	Steps []string `json:"steps"`
}

// Change is one permission to add or remove.
type Change struct {
	Permission string `json:"permission"`
	AppRoleID  string `json:"app_role_id"` // "" when the reference has none
	Privilege  int    `json:"privilege"`   // 0 when the reference gives none
	// Calls are the calls concerned, as "METHOD url": for an addition, the
	// calls that need it; for a removal, those that use it today.
	Calls []string `json:"calls"`
	// Instead, for a removal, are the needed permissions that serve the
	// calls it allows.
	Instead []string `json:"instead,omitempty"`
	// Review says it in one sentence.
	Review string `json:"review"`
}

// Result is what the audit says about one call.
type Result struct {
	Method  string `json:"method"`
	URL     string `json:"url"`
	Pattern string `json:"pattern"`
	// Least are the reference's least privileged permissions for the call
	// (after the $select rule): any one of them is enough; a combination
	// is joined with " + ".
	Least []string `json:"least"`
	// Needs are the needed permissions this call uses after the change.
	Needs []string `json:"needs"`
	// CoveredBy are the granted roles the call uses today (several only
	// for a combination); empty when the token cannot make the call.
	CoveredBy []string `json:"covered_by"`
	Note      string   `json:"note,omitempty"`
}

// Blocked reports whether the current token cannot make the call.
func (r Result) Blocked() bool { return len(r.CoveredBy) == 0 }

// Privilege is a highest privilege level before and after the change.
type Privilege struct {
	Now   int `json:"now"`
	After int `json:"after"`
}

// Assignment is the app role assignment that grants a managed identity
// one permission.
type Assignment struct {
	Permission string `json:"permission"`
	AppRoleID  string `json:"app_role_id"`
	Request    string `json:"request"` // method and URL
	Body       string `json:"body"`
	AzRest     string `json:"az_rest"`
	PowerShell string `json:"powershell"`
}

// Revocation is the request that removes one granted permission.
type Revocation struct {
	Permission string `json:"permission"`
	AppRoleID  string `json:"app_role_id"`
	Request    string `json:"request"` // DELETE .../appRoleAssignments/ASSIGNMENT_ID
	// List is the request that finds ASSIGNMENT_ID: the assignment whose
	// appRoleId is AppRoleID.
	List string `json:"list"`
}

// Build audits the calls against the granted roles. It makes no network
// call.
func Build(in Input) *Report {
	r := &Report{
		Profile: in.Profile.Name, Kind: in.Profile.Kind(),
		Granted: sortedNames(in.Granted),
		Remove:  []Change{}, Add: []Change{}, Calls: []Result{}, Unknown: []Call{},
		Assign: []Assignment{}, Revoke: []Revocation{}, Steps: []string{},
	}
	granted := lowerSet(in.Granted)
	var plans []*plan
	var planOf []int // plans[i] is for r.Calls[planOf[i]]
	for _, c := range dedupe(in.Calls) {
		m, ok := permissions.LookupMethod(c.Method, c.URL)
		if !ok {
			r.Unknown = append(r.Unknown, c)
			continue
		}
		res := Result{Method: c.Method, URL: c.URL, Pattern: m.Pattern, Least: []string{}, Needs: []string{}, CoveredBy: []string{}}
		if !m.AppOnly {
			res.Note = "no application permission allows it: an app token has no signed-in user"
			if m.Instead != "" {
				res.Note += "; call " + m.Instead + " instead"
			}
			r.Calls = append(r.Calls, res)
			continue
		}
		m, res.Note = applySelect(m, c.URL)
		if m.Note != "" && res.Note == "" {
			res.Note = m.Note
		}
		p := newPlan(m)
		for _, o := range p.least {
			res.Least = append(res.Least, strings.Join(o, " + "))
		}
		plans = append(plans, p)
		planOf = append(planOf, len(r.Calls))
		r.Calls = append(r.Calls, res)
	}
	r.Needed = choose(plans)
	if r.Needed == nil {
		r.Needed = []string{}
	}
	for i, p := range plans {
		res := &r.Calls[planOf[i]]
		res.Needs = append(res.Needs, p.choice...)
		if o := coveredBy(p, granted); o != nil {
			res.CoveredBy = append(res.CoveredBy, o...)
		}
	}
	r.review(plans, planOf)
	r.Privilege = Privilege{Now: maxLevel(r.Granted), After: maxLevel(r.Needed)}
	r.next(in)
	return r
}

func sortedNames(list []string) []string {
	out := make([]string, 0, len(list))
	seen := map[string]bool{}
	for _, s := range list {
		if k := strings.ToLower(s); s != "" && !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	sort.Slice(out, func(a, b int) bool { return strings.ToLower(out[a]) < strings.ToLower(out[b]) })
	return out
}

func lowerSet(list []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range list {
		m[strings.ToLower(s)] = true
	}
	return m
}

func maxLevel(names []string) int {
	l := 0
	for _, n := range names {
		l = max(l, permissions.Privilege(n))
	}
	return l
}
