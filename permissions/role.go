package permissions

import (
	"sort"
	"strings"
)

// Role is what one application permission allows: the reverse of
// LookupMethod.
type Role struct {
	Name string
	// ID is the app role id Entra grants (the roles claim names it by
	// Name); "" when the reference gives none.
	ID string
	// Privilege is the reference's application privilegeLevel (higher is
	// more privileged; 0 if not given).
	Privilege int
	// RSC: granted per team, chat or user by resource-specific consent.
	RSC bool
	// Resources group what the permission allows by the pattern's first
	// segment ("users", "groups", "servicePrincipals"), by name.
	Resources []Resource
}

// Resource is what a permission allows under one top-level segment.
type Resource struct {
	Name    string
	Allowed []Allowed // by pattern, then method in the index's order
}

// Allowed is one method on one pattern a permission allows.
type Allowed struct {
	Method  string
	Pattern string
	// Least: the permission is among the least privileged for it.
	Least bool
	// With are the permissions any one of which is needed together with
	// this one (AlsoRequires); empty when it is enough alone.
	With []string
}

// LookupRole finds an application permission by name (exact case first,
// then ignoring case) and every method and pattern it allows. It reports
// false for a name the reference does not have as an application
// permission.
func LookupRole(name string) (Role, bool) {
	ix := get()
	i, ok := ix.byName[name]
	if !ok {
		i, ok = ix.byName[strings.ToLower(name)]
	}
	if !ok {
		return Role{Resources: []Resource{}}, false
	}
	p := ix.perms[i]
	r := Role{Name: p.name, ID: p.id, Privilege: p.level, RSC: p.rsc, Resources: []Resource{}}
	byRes := map[string]int{}
	want := uint16(i)
	for _, e := range ix.entries {
		if isMe(e.lower) {
			continue // an app token has no signed-in user
		}
		for _, g := range e.sets {
			a, found := g.allowed(want, ix)
			if !found {
				continue
			}
			a.Method, a.Pattern = methodNames[g.method], e.pattern
			res := resourceOf(e.pattern)
			k, seen := byRes[strings.ToLower(res)]
			if !seen {
				k = len(r.Resources)
				byRes[strings.ToLower(res)] = k
				r.Resources = append(r.Resources, Resource{Name: res})
			}
			r.Resources[k].Allowed = append(r.Resources[k].Allowed, a)
		}
	}
	sort.Slice(r.Resources, func(a, b int) bool {
		return strings.ToLower(r.Resources[a].Name) < strings.ToLower(r.Resources[b].Name)
	})
	return r, true
}

// allowed reports whether the group names permission p, alone or in pairs.
func (g *grants) allowed(p uint16, ix *index) (Allowed, bool) {
	a := Allowed{With: []string{}}
	found := false
	for k, q := range g.perms {
		if q == p {
			a.Least, found = k < g.least, true
		}
	}
	if found {
		return a, true // enough alone: the generator leaves out its pairs
	}
	for k, pr := range g.pairs {
		var partner uint16
		switch p {
		case pr[0]:
			partner = pr[1]
		case pr[1]:
			partner = pr[0]
		default:
			continue
		}
		found = true
		a.With = append(a.With, ix.perms[partner].name)
		a.Least = a.Least || k == 0 && g.leastPair
	}
	return a, found
}

// resourceOf is a pattern's first segment without a key or call:
// "servicePrincipals" for /servicePrincipals(appId='{appId}')/....
func resourceOf(pattern string) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(pattern, "/"), "/")
	seg, _, _ = strings.Cut(seg, "(")
	return seg
}

// Names are the reference's application permissions, sorted by name: the
// candidates for "did you mean" when a name is not one of them.
func Names() []string {
	ix := get()
	out := make([]string, len(ix.perms))
	for i, p := range ix.perms {
		out[i] = p.name
	}
	sort.Strings(out)
	return out
}
