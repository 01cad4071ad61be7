package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// pattern is one path pattern, merged over the spellings the reference
// uses for it (case, placeholder names, a trailing slash).
type pattern struct {
	spellings map[string]bool
	// methods: the methods the reference lists the pattern for (any
	// scheme), each with the application permissions allowing it.
	methods map[string]map[string]*grant
}

var placeholder = regexp.MustCompile(`\{[^}]*\}`)

// canonical is the key spellings of one pattern share.
func canonical(p string) string {
	return placeholder.ReplaceAllString(strings.ToLower(p), "{}")
}

var (
	// "/subjectrightsrequests{id}/getfinalreport": a slash lost before a
	// placeholder (not after "=" or "(", where a value belongs).
	lostSlashBefore = regexp.MustCompile(`([A-Za-z0-9_])(\{[^}]*\})(/|$)`)
	// "/rows/itemat(index={value})range": a slash lost after a call.
	lostSlashAfter = regexp.MustCompile(`\)([A-Za-z])`)
)

// tidy removes what only makes a spelling differ (spaces inside function
// parameter lists, a trailing slash), a doubled brace ("{id}}/repair"),
// and restores slashes the reference lost in a few patterns, so that real
// URLs match them.
func tidy(p string) string {
	p = strings.ReplaceAll(p, " ", "")
	p = strings.ReplaceAll(p, "}}", "}")
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	p = lostSlashBefore.ReplaceAllString(p, "$1/$2$3")
	return lostSlashAfter.ReplaceAllString(p, ")/$1")
}

// display picks the spelling shown to users: the most camelCase one (the
// docs' own), then the first in byte order, so output is stable.
func (p *pattern) display() string {
	best, bestUpper := "", -1
	for s := range p.spellings {
		upper := 0
		for _, r := range s {
			if unicode.IsUpper(r) {
				upper++
			}
		}
		if upper > bestUpper || upper == bestUpper && s < best {
			best, bestUpper = s, upper
		}
	}
	return best
}

type stats struct {
	patterns, appOnly, noLeastFlag, skipped int
	perMethod                               map[string]int // patterns listed for each method
	combinations                            int            // pairs of permissions needed together
	rscFlagged                              int            // RSC permissions flagged least, ranked after tenant-wide ones
	phantoms                                []string       // Application schemes dropped, see phantom
	lostPartners                            []string       // AlsoRequires names that are no application permission
}

// build collects every pattern (any scheme, any method) and the
// application permissions allowing each of its methods.
func build(ref *reference) (perms []string, levels map[string]int, rsc map[string]bool, pats map[string]*pattern, st stats) {
	levels, rsc, pats = map[string]int{}, map[string]bool{}, map[string]*pattern{}
	for name, p := range ref.Permissions {
		if s, ok := p.Schemes[application]; ok {
			if ref.phantom(name) {
				st.phantoms = append(st.phantoms, name)
				continue
			}
			perms = append(perms, name)
			levels[name] = s.PrivilegeLevel
			rsc[name] = p.AuthorizationType == "RSC"
		}
	}
	sort.Strings(perms)
	sort.Strings(st.phantoms)
	for name, p := range ref.Permissions {
		grantee, real := name, !ref.phantom(name)
		if !real {
			grantee, real = ref.standsFor(name)
		}
		for _, set := range p.PathSets {
			ps := pathSet(set)
			for raw, flags := range ps.Paths {
				// A query in a pattern ($filter=...) grants only that
				// query; matching ignores queries, so leave these out.
				if strings.Contains(raw, "?") {
					st.skipped++
					continue
				}
				spelling := tidy(raw)
				key := canonical(spelling)
				pat := pats[key]
				if pat == nil {
					pat = &pattern{spellings: map[string]bool{}, methods: map[string]map[string]*grant{}}
					pats[key] = pat
				}
				pat.spellings[spelling] = true
				for _, m := range methods {
					if !ps.allows(m) {
						continue
					}
					gs := pat.methods[m]
					if gs == nil {
						gs = map[string]*grant{}
						pat.methods[m] = gs
					}
					if !ps.forApplication() || !real {
						continue
					}
					g := gs[grantee]
					if g == nil {
						g = &grant{name: grantee, level: levels[grantee], rsc: rsc[grantee]}
						gs[grantee] = g
					}
					about := ps.flagAbout(m, grantee)
					partners := alsoRequires(flags)
					for _, s := range leastSchemes(flags) {
						switch {
						case s != application:
							g.leastOther = g.leastOther || about
						case len(partners) > 0:
							g.leastWith = g.leastWith || about
						default:
							g.leastApp = g.leastApp || about
						}
					}
					g.methodOnly = g.methodOnly || ps.only()
					if len(partners) == 0 {
						g.alone = true
						continue
					}
					if g.also == nil {
						g.also = map[string]bool{}
					}
					for _, partner := range partners {
						g.also[strings.TrimSpace(partner)] = true
					}
				}
			}
		}
	}
	return perms, levels, rsc, pats, st
}

const header = `# Microsoft Graph application permissions for every method. Generated by
# 'go generate' (permissions/internal/gen) from permissions.json and
# provisioningInfo.json of microsoftgraph/microsoft-graph-devx-content (MIT,
# see THIRD_PARTY_NOTICES.md). DO NOT EDIT.
#
# Permission lines: name, application privilege level (0: not given), app
# role id ("-": none given), and "rsc" for resource-specific consent
# (granted per team, chat or user).
# Path lines: pattern, then one group per method the reference lists it
# for: a letter (G GET, P POST, M PATCH, U PUT, D DELETE), then the
# application permissions allowing that method alone as 0-based indexes
# into the permission lines, least privileged first, "*" marking the least
# privileged, "+" a resource-specific consent permission the reference
# flags least privileged although a tenant-wide one ranks first; then the
# pairs needed together (AlsoRequires) as "i&j", "*" on the first when
# that pair, not a single permission, is the least privileged choice. A
# letter alone: not callable app-only with that method.
`

// write emits the index, sorted so that the same reference always gives
// the same bytes.
func write(w io.Writer, ref *reference) (stats, error) {
	perms, levels, rsc, pats, st := build(ref)
	st.perMethod = map[string]int{}
	pos := make(map[string]int, len(perms))
	bw := bufio.NewWriter(w)
	bw.WriteString(header)
	if len(st.phantoms) > 0 {
		// Named here so that a reader of the index knows they were left
		// out on purpose, not lost.
		fmt.Fprintf(bw, "#\n# Not application permissions (an Application scheme without display name,\n# privilege level or app role), left out: %s\n", strings.Join(st.phantoms, " "))
	}
	for i, name := range perms {
		pos[name] = i
		if strings.ContainsAny(name, " \t\n") {
			return st, fmt.Errorf("permission name %q has white space", name)
		}
		id := ref.appRoles[name]
		if id == "" {
			id = "-"
		}
		fmt.Fprintf(bw, "%s\t%d\t%s", name, levels[name], id)
		if rsc[name] {
			bw.WriteString("\trsc")
		}
		bw.WriteByte('\n')
	}
	lost := map[string]bool{}
	keys := make([]string, 0, len(pats))
	for k := range pats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		pat := pats[k]
		bw.WriteString(pat.display())
		callable := false
		for _, m := range methods {
			byName, ok := pat.methods[m]
			if !ok {
				continue
			}
			st.perMethod[m]++
			bw.WriteByte('\t')
			bw.WriteByte(methodLetters[m])
			gs := make([]grant, 0, len(byName))
			for _, g := range byName {
				if g.alone {
					gs = append(gs, *g)
				}
			}
			least := order(gs)
			for i, g := range gs {
				bw.WriteByte('\t')
				bw.WriteString(strconv.Itoa(pos[g.name]))
				switch {
				case i < least:
					bw.WriteByte('*')
				case g.rsc && g.leastApp:
					bw.WriteByte('+')
					st.rscFlagged++
				}
			}
			pairs := combine(byName, ref, pos, lost)
			for i, p := range pairs {
				fmt.Fprintf(bw, "\t%d&%d", pos[p.first], pos[p.second])
				if i == 0 && p.least && (len(gs) == 0 || !gs[0].leastApp) {
					bw.WriteByte('*')
				}
			}
			st.combinations += len(pairs)
			if m == "GET" && len(gs) > 0 && !gs[0].leastApp {
				st.noLeastFlag++
			}
			callable = callable || len(gs) > 0 || len(pairs) > 0
		}
		bw.WriteByte('\n')
		st.patterns++
		if callable {
			st.appOnly++
		}
	}
	for name := range lost {
		st.lostPartners = append(st.lostPartners, name)
	}
	sort.Strings(st.lostPartners)
	return st, bw.Flush()
}
