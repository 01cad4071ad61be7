package main

import (
	"sort"
)

// grant is one application permission allowing one method on one
// pattern, with what the reference says about it there (merged over its
// pathSets).
type grant struct {
	name  string
	level int  // application privilegeLevel, 0 when the reference has none
	rsc   bool // resource-specific consent: never in a token's roles claim
	// leastApp: flagged least for Application where the flag is about
	// this method (see pathSet.flagAbout), in a listing that needs no
	// other permission.
	leastApp bool
	// leastOther: flagged least for a delegated scheme the same way; a hint
	// when the reference flags nothing for Application.
	leastOther bool
	methodOnly bool // listed in a pathSet for this method only
	alone      bool // listed without AlsoRequires: enough by itself
	// also are the partners of a listing with AlsoRequires: any one of
	// them, with this permission, allows the method. leastWith: that
	// listing is flagged least for Application.
	also      map[string]bool
	leastWith bool
}

// rank orders grants least privileged first. The keys, most important first:
//  1. tenant-wide before resource-specific consent (the doctor compares
//     against the token's roles, where RSC grants never appear);
//  2. flagged least for Application (for GET, see leastApp);
//  3. flagged least for a delegated scheme;
//  4. from a pathSet for this method only;
//  5. read-only name (see readOnly);
//  6. lower privilege level (unknown ranks last).
func (g grant) rank() [6]int {
	level := g.level
	if level == 0 {
		level = 99
	}
	return [6]int{b(g.rsc), b(!g.leastApp), b(!g.leastOther), b(!g.methodOnly), b(!readOnly(g.name)), level}
}

func b(v bool) int {
	if v {
		return 1
	}
	return 0
}

// order sorts grants by rank then name and reports how many lead with the
// best rank: those are the least privileged.
func order(gs []grant) (least int) {
	sort.Slice(gs, func(i, j int) bool {
		ri, rj := gs[i].rank(), gs[j].rank()
		if ri != rj {
			for k := range ri {
				if ri[k] != rj[k] {
					return ri[k] < rj[k]
				}
			}
		}
		return gs[i].name < gs[j].name
	})
	for least < len(gs) && gs[least].rank() == gs[0].rank() {
		least++
	}
	return least
}

// pair is two permissions that allow a method only together.
type pair struct {
	first, second string // the one doing the work first, see pairOf
	least         bool   // the reference flags the listing least privileged
	level         int    // the higher of the two privilege levels
}

// combine turns AlsoRequires listings into distinct pairs, least
// privileged first. A pair with a permission that is enough by itself is
// never the one needed, and a partner that is no application permission
// (a phantom without twin, a typo) cannot be granted: both are left out.
func combine(byName map[string]*grant, ref *reference, pos map[string]int, lost map[string]bool) []pair {
	seen := map[[2]string]int{}
	var out []pair
	for _, g := range byName {
		if g.alone {
			continue
		}
		for partner := range g.also {
			if _, ok := pos[partner]; !ok {
				twin, ok := ref.standsFor(partner)
				if !ok {
					lost[partner] = true
					continue
				}
				partner = twin
			}
			if other := byName[partner]; other != nil && other.alone || partner == g.name {
				continue
			}
			p := pairOf(g.name, partner, ref)
			p.least = g.leastWith
			key := [2]string{p.first, p.second}
			if i, dup := seen[key]; dup {
				out[i].least = out[i].least || p.least
				continue
			}
			seen[key] = len(out)
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.least != b.least:
			return a.least
		case a.level != b.level:
			return a.level < b.level
		case a.first != b.first:
			return a.first < b.first
		}
		return a.second < b.second
	})
	return out
}

// pairOf orders a pair: the writing permission before the reading one
// (AppRoleAssignment.ReadWrite.All with Application.Read.All), then the
// higher privilege level, then by name.
func pairOf(a, b string, ref *reference) pair {
	la, lb := ref.level(a), ref.level(b)
	swap := false
	switch ra, rb := readOnly(a), readOnly(b); {
	case ra != rb:
		swap = ra
	case la != lb:
		swap = la < lb
	default:
		swap = b < a
	}
	if swap {
		a, b, la, lb = b, a, lb, la
	}
	return pair{first: a, second: b, level: max(la, lb)}
}
