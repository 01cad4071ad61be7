package audit

import (
	"fmt"
	"strings"

	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// review fills Remove and Add, each with its sentence.
func (r *Report) review(plans []*plan, planOf []int) {
	needed := lowerSet(r.Needed)
	for _, g := range r.Granted {
		if needed[strings.ToLower(g)] {
			continue
		}
		c := newChange(g)
		var allowed []Result
		for i, p := range plans {
			res := r.Calls[planOf[i]]
			if p.allows(g) {
				allowed = append(allowed, res)
				c.Instead = appendNew(c.Instead, res.Needs...)
			}
			if containsFold(res.CoveredBy, g) {
				c.Calls = append(c.Calls, res.Method+" "+res.URL)
			}
		}
		c.Review = g + " is granted but no call needs it"
		if len(allowed) > 0 {
			verb := "cover"
			if len(c.Instead) == 1 {
				verb = "covers"
			}
			c.Review += fmt.Sprintf("; %s %s %s", strings.Join(c.Instead, " + "), verb, what(allowed))
		}
		if len(c.Calls) > 0 {
			c.Review += fmt.Sprintf(" (today %s %s it)", list(c.Calls), uses(len(c.Calls)))
		}
		r.Remove = append(r.Remove, c.done())
	}
	granted := lowerSet(r.Granted)
	for _, n := range r.Needed {
		if granted[strings.ToLower(n)] {
			continue
		}
		c := newChange(n)
		var blocked, today []string
		for _, res := range r.Calls {
			if !containsFold(res.Needs, n) {
				continue
			}
			call := res.Method + " " + res.URL
			c.Calls = append(c.Calls, call)
			if res.Blocked() {
				blocked = append(blocked, call)
			} else {
				today = appendNew(today, res.CoveredBy...)
			}
		}
		if len(blocked) > 0 {
			c.Review = fmt.Sprintf("%s is needed and not granted: the current token cannot make %s", n, list(blocked))
		} else {
			c.Review = fmt.Sprintf("%s is enough for %s, which %s %s today", n, list(c.Calls), uses(len(c.Calls)), strings.Join(today, " + "))
		}
		r.Add = append(r.Add, c.done())
	}
}

func newChange(name string) Change {
	id, _ := permissions.AppRoleID(name)
	return Change{Permission: name, AppRoleID: id, Privilege: permissions.Privilege(name), Calls: []string{}}
}

func (c Change) done() Change {
	c.Review += "."
	return c
}

// allows reports whether name is part of any of p's options.
func (p *plan) allows(name string) bool {
	for _, o := range p.all {
		if containsFold(o, name) {
			return true
		}
	}
	return false
}

// what names calls by kind: "the reads", "the writes", or "those calls".
func what(calls []Result) string {
	reads, writes := 0, 0
	for _, c := range calls {
		if c.Method == "GET" {
			reads++
		} else {
			writes++
		}
	}
	switch {
	case writes == 0:
		return "the reads"
	case reads == 0:
		return "the writes"
	}
	return "those calls"
}

func uses(n int) string {
	if n == 1 {
		return "uses"
	}
	return "use"
}

// list joins calls for a sentence, naming at most three.
func list(calls []string) string {
	if len(calls) <= 3 {
		return strings.Join(calls, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(calls[:3], ", "), len(calls)-3)
}

func appendNew(to []string, names ...string) []string {
	for _, n := range names {
		if !containsFold(to, n) {
			to = append(to, n)
		}
	}
	return to
}

// next fills the consent URL, the requests and the steps.
func (r *Report) next(in Input) {
	p := in.Profile
	if len(r.Add) == 0 && len(r.Remove) == 0 {
		r.Steps = append(r.Steps, "The granted roles are what the calls need: nothing to change.")
		return
	}
	principal := in.PrincipalID
	if principal == "" {
		principal = "PRINCIPAL_ID"
	}
	assignments := fmt.Sprintf("%s/v1.0/servicePrincipals/%s/appRoleAssignments", p.GraphBase(), principal)
	for _, c := range r.Remove {
		r.Revoke = append(r.Revoke, Revocation{Permission: c.Permission, AppRoleID: c.AppRoleID,
			Request: "DELETE " + assignments + "/ASSIGNMENT_ID", List: "GET " + assignments})
	}
	names := func(cs []Change) string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = c.Permission
		}
		return strings.Join(out, ", ")
	}
	managed := p.Kind() == profiles.KindManagedIdentity
	if managed {
		for _, c := range r.Add {
			ra := doctor.NewRoleAssignment(p.GraphBase(), c.Permission, in.PrincipalID)
			r.Assign = append(r.Assign, Assignment{Permission: c.Permission, AppRoleID: ra.AppRoleID,
				Request: ra.Request, Body: ra.Body, AzRest: ra.AzRest, PowerShell: ra.PowerShell})
		}
		if len(r.Add) > 0 {
			r.Steps = append(r.Steps, fmt.Sprintf("A managed identity has no consent page: an admin (Privileged Role Administrator or Global Administrator) grants %s with one app role assignment each (the POST requests), where GRAPH_SP_ID is Microsoft Graph's service principal id in the tenant (GET %s/v1.0/servicePrincipals(appId='%s')?$select=id).",
				names(r.Add), p.GraphBase(), permissions.GraphAppID))
		}
	} else {
		change := []string{}
		if len(r.Remove) > 0 {
			change = append(change, "remove "+names(r.Remove))
		}
		if len(r.Add) > 0 {
			change = append(change, "add "+names(r.Add))
		}
		r.Steps = append(r.Steps, fmt.Sprintf("In the app registration's API permissions (Microsoft Graph, application permissions), %s.", strings.Join(change, " and ")))
		if p.ClientID != "" {
			r.ConsentURL = p.AdminConsentURL()
		}
		if len(r.Add) > 0 && r.ConsentURL != "" {
			r.Steps = append(r.Steps, "Grant admin consent for the new set: "+r.ConsentURL)
		}
	}
	if len(r.Remove) > 0 {
		how := "Consent never takes a permission back: revoke each removed one under Enterprise applications > the app > Permissions, or delete its app role assignment"
		if managed {
			how = "Take each removed permission back by deleting its app role assignment"
		}
		r.Steps = append(r.Steps, how+" (the DELETE requests; ASSIGNMENT_ID is in the list request's answer, the assignment whose appRoleId is the permission's).")
	}
	refresh := "graphtui token --refresh"
	if p.Name != "" {
		refresh += " -p " + p.Name
	}
	step := "Then get a new token (" + refresh + ") and audit again"
	if managed {
		step += "; the host's identity endpoint may serve its cached token for up to 24 hours before the change shows"
	}
	r.Steps = append(r.Steps, step+".")
}
