package demo

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// LargeDirectoryUsers is the number of generated users `graphtui demo` and
// `graphtui demo serve` ask for: enough for /users to need a hundred pages
// of 999, so that fetching every page and showing big bodies can be tried
// without Azure. Tests keep the small default.
const LargeDirectoryUsers = 100_000

// generatedUsers are the demo company's many colleagues beyond the story
// users. Each is made from its index when asked for, so that 100,000 of
// them cost nothing at start-up: only a page's worth of records is built
// per request, unless a $filter or $orderby has to look at all of them.
type generatedUsers struct {
	n int

	idsOnce sync.Once
	byID    map[string]int32 // lower-case id -> index, built on the first lookup by id
}

// nick is user i's mail nickname with its dot: "liam.nakamura1". The
// number is i+1, which is how a userPrincipalName leads back to its index.
func (g *generatedUsers) nick(i int) string {
	return strings.ToLower(generatedFirstName(i)) + "." + strings.ToLower(generatedLastName(i)) + strconv.Itoa(i+1)
}

// The attributes group membership depends on.
func generatedRole(i int) (dept, title string) {
	r := generatedDept[i%len(generatedDept)]
	return r.dept, r.title
}

func generatedEnabled(i int) bool { return i%23 != 22 }

// generatedFields computes each property of generated user i, so that a
// $filter or $orderby over all of them builds only what it looks at.
var generatedFields = map[string]func(g *generatedUsers, i int) any{
	"id":                func(g *generatedUsers, i int) any { return userIDOf(g.nick(i)) },
	"displayName":       func(_ *generatedUsers, i int) any { return generatedFirstName(i) + " " + generatedLastName(i) },
	"userPrincipalName": func(g *generatedUsers, i int) any { return g.nick(i) + "@" + CompanyDomain },
	"mail":              func(g *generatedUsers, i int) any { return g.nick(i) + "@" + CompanyDomain },
	"givenName":         func(_ *generatedUsers, i int) any { return generatedFirstName(i) },
	"surname":           func(_ *generatedUsers, i int) any { return generatedLastName(i) },
	"jobTitle":          func(_ *generatedUsers, i int) any { _, title := generatedRole(i); return title },
	"department":        func(_ *generatedUsers, i int) any { dept, _ := generatedRole(i); return dept },
	"officeLocation":    func(_ *generatedUsers, i int) any { return generatedOffice(i) },
	"mobilePhone":       func(*generatedUsers, int) any { return nil },
	"businessPhones":    func(_ *generatedUsers, i int) any { return []string{fmt.Sprintf("+44 20 7946 %04d", 3000+i)} },
	"preferredLanguage": func(*generatedUsers, int) any { return "en-GB" },
	"accountEnabled":    func(_ *generatedUsers, i int) any { return generatedEnabled(i) },
	"city":              func(_ *generatedUsers, i int) any { city, _ := officeCity(generatedOffice(i)); return city },
	"country":           func(_ *generatedUsers, i int) any { _, country := officeCity(generatedOffice(i)); return country },
	"companyName":       func(*generatedUsers, int) any { return "Contoso" },
	"createdDateTime": func(_ *generatedUsers, i int) any {
		return iso(tenantCreated.Add(time.Duration(30+i*3) * 24 * time.Hour))
	},
	"employeeId":    func(_ *generatedUsers, i int) any { return fmt.Sprintf("C%04d", 2001+i) },
	"mailNickname":  func(g *generatedUsers, i int) any { return strings.ReplaceAll(g.nick(i), ".", "") },
	"usageLocation": func(*generatedUsers, int) any { return "GB" },
	"userType":      func(*generatedUsers, int) any { return "Member" },
}

func generatedFirstName(i int) string { return generatedFirst[i%len(generatedFirst)] }
func generatedLastName(i int) string  { return generatedLast[(i*7+3)%len(generatedLast)] }
func generatedOffice(i int) string    { return offices[i%len(offices)] }

// user builds user i with the given properties, or all of them for nil.
func (g *generatedUsers) user(i int, props []string) record {
	if props == nil {
		r := make(record, len(generatedFields))
		for name, field := range generatedFields {
			r[name] = field(g, i)
		}
		return r
	}
	r := make(record, len(props))
	for _, name := range props {
		if field, ok := generatedFields[name]; ok {
			r[name] = field(g, i)
		}
	}
	return r
}

// indexOf finds a generated user by id or userPrincipalName (any case).
func (g *generatedUsers) indexOf(key string) (int, bool) {
	if local, domain, ok := strings.Cut(key, "@"); ok {
		if !strings.EqualFold(domain, CompanyDomain) {
			return 0, false
		}
		digits := len(local)
		for digits > 0 && local[digits-1] >= '0' && local[digits-1] <= '9' {
			digits--
		}
		n, err := strconv.Atoi(local[digits:])
		if err != nil || n < 1 || n > g.n || !strings.EqualFold(g.nick(n-1), local) {
			return 0, false
		}
		return n - 1, true
	}
	g.idsOnce.Do(func() {
		g.byID = make(map[string]int32, g.n)
		for i := range g.n {
			g.byID[userIDOf(g.nick(i))] = int32(i)
		}
	})
	i, ok := g.byID[strings.ToLower(key)]
	return int(i), ok
}
