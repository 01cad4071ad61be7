package audit

import (
	"slices"
	"sort"
	"strings"

	"github.com/graphtui/graphtui/permissions"
)

// option is permissions that allow a call together: one alone, or a
// combination the reference says must be granted together.
type option []string

func (o option) key() string {
	k := make([]string, len(o))
	for i, p := range o {
		k[i] = strings.ToLower(p)
	}
	sort.Strings(k)
	return strings.Join(k, "+")
}

// level is the option's highest privilege level; ok is false when the
// reference gives no level for one of its permissions.
func (o option) level() (lvl int, ok bool) {
	for _, p := range o {
		l := permissions.Privilege(p)
		if l <= 0 {
			return 0, false
		}
		lvl = max(lvl, l)
	}
	return lvl, true
}

// within reports whether every permission of o is in set (lower-case
// names).
func (o option) within(set map[string]bool) bool {
	for _, p := range o {
		if !set[strings.ToLower(p)] {
			return false
		}
	}
	return true
}

// readOnly reports whether every permission of o only reads, by its name.
func (o option) readOnly() bool {
	for _, p := range o {
		if !strings.Contains(p, ".Read") || strings.Contains(p, "Write") {
			return false
		}
	}
	return true
}

// plan is one known call on its way to a choice.
type plan struct {
	least  []option // the least privileged options, equally good
	all    []option // every option, least privileged first
	choice option
	level  int  // the level of the least choice; 0 when unknown
	write  bool // the call is not a GET
}

func newPlan(m permissions.Match) *plan {
	p := &plan{write: m.Method != "GET"}
	if len(m.Combinations) > 0 && m.Combinations[0].Least {
		p.least = []option{m.Combinations[0].Permissions}
	} else {
		for _, name := range m.Least {
			p.least = append(p.least, option{name})
		}
		if len(p.least) == 0 && len(m.Combinations) > 0 {
			p.least = []option{m.Combinations[0].Permissions}
		}
	}
	p.all = append(p.all, p.least...)
	for _, name := range m.All {
		p.all = append(p.all, option{name})
	}
	for _, c := range m.Combinations {
		p.all = append(p.all, c.Permissions)
	}
	return p
}

// choose picks, for every plan, the permissions the app needs:
//
//  1. each call takes one of its least privileged options; among equals
//     (co-least), the one most other calls could take too, so that one
//     permission serves them all;
//  2. then a needed permission is dropped when every call using it can be
//     served by the others still needed, with no option more privileged
//     than the call's least one (the reference's privilege level): one
//     permission covers several calls only when it is not more
//     privileged than the ones it replaces. Permissions serving fewer
//     calls are tried first. A write never moves to a permission whose
//     name says it only reads (Read without Write): where the reference
//     lists one for a write, it is a quirk to follow only when it is the
//     least privileged option.
//
// It returns the needed permissions, by name.
func choose(plans []*plan) []string {
	freq := map[string]int{}
	for _, p := range plans {
		for _, o := range p.least {
			freq[o.key()]++
		}
	}
	for _, p := range plans {
		best := -1
		for _, o := range p.least {
			if n := freq[o.key()]; n > best {
				best, p.choice = n, o
			}
		}
		p.level, _ = p.choice.level()
	}
	for changed := true; changed; {
		changed = false
		names, users := neededBy(plans)
		order := slices.Clone(names)
		sort.SliceStable(order, func(a, b int) bool {
			return len(users[strings.ToLower(order[a])]) < len(users[strings.ToLower(order[b])])
		})
		for _, q := range order {
			if drop(q, plans, users[strings.ToLower(q)], names) {
				changed = true
				break
			}
		}
	}
	names, _ := neededBy(plans)
	return names
}

// drop moves every plan using q to an option within the other needed
// permissions, if all of them have one; it reports whether it did.
func drop(q string, plans []*plan, using []int, names []string) bool {
	rest := map[string]bool{}
	for _, n := range names {
		if !strings.EqualFold(n, q) {
			rest[strings.ToLower(n)] = true
		}
	}
	moves := make([]option, len(using))
	for i, k := range using {
		p := plans[k]
		for _, o := range p.all {
			lvl, ok := o.level()
			if o.within(rest) && ok && p.level > 0 && lvl <= p.level && (!p.write || !o.readOnly()) {
				moves[i] = o
				break
			}
		}
		if moves[i] == nil {
			return false
		}
	}
	for i, k := range using {
		plans[k].choice = moves[i]
	}
	return true
}

// neededBy is the union of the plans' choices, sorted by name, and for
// each (lower-case) the plans that use it.
func neededBy(plans []*plan) ([]string, map[string][]int) {
	users := map[string][]int{}
	var names []string
	for i, p := range plans {
		for _, n := range p.choice {
			k := strings.ToLower(n)
			if _, seen := users[k]; !seen {
				names = append(names, n)
			}
			users[k] = append(users[k], i)
		}
	}
	sort.Slice(names, func(a, b int) bool { return strings.ToLower(names[a]) < strings.ToLower(names[b]) })
	return names, users
}

// coveredBy is the option of p the granted roles hold today, the least
// privileged first; nil when the token cannot make the call.
func coveredBy(p *plan, granted map[string]bool) option {
	var best option
	bestLvl := 0
	for _, o := range p.all {
		if !o.within(granted) {
			continue
		}
		lvl, ok := o.level()
		if !ok {
			lvl = 1 << 10 // unknown level: only when nothing else holds
		}
		if best == nil || lvl < bestLvl {
			best, bestLvl = o, lvl
		}
	}
	return best
}
