package main

import (
	"sort"
)

// grant is one application permission allowing GET on one pattern, with
// what the reference says about it there (merged over its pathSets).
type grant struct {
	name  string
	level int  // application privilegeLevel, 0 when the reference has none
	rsc   bool // resource-specific consent: never in a token's roles claim
	// leastApp: flagged least for Application where the flag is about GET
	// (a GET-only pathSet, or a read-only name in a mixed one).
	leastApp bool
	// leastOther: flagged least for a delegated scheme the same way; a hint
	// when the reference flags nothing for Application.
	leastOther bool
	getOnly    bool // listed in a GET-only pathSet
}

// rank orders grants least privileged first. The keys, most important first:
//  1. tenant-wide before resource-specific consent (the doctor compares
//     against the token's roles, where RSC grants never appear);
//  2. flagged least for Application (for GET, see leastApp);
//  3. flagged least for a delegated scheme;
//  4. from a GET-only pathSet;
//  5. read-only name (see readOnly);
//  6. lower privilege level (unknown ranks last).
func (g grant) rank() [6]int {
	level := g.level
	if level == 0 {
		level = 99
	}
	return [6]int{b(g.rsc), b(!g.leastApp), b(!g.leastOther), b(!g.getOnly), b(!readOnly(g.name)), level}
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
