package support

import (
	"strconv"
	"time"

	"github.com/graphtui/graphtui/auth"
)

// claimMap spells the decoded claims with their JWT names, so that support
// reads them as they would in jwt.ms. Times are RFC 3339 in UTC: a ticket
// is read in another time zone.
func claimMap(s scrubber, c auth.Claims) map[string]any {
	m := map[string]any{}
	str := func(name, v string) {
		if v != "" {
			m[name] = s.clean(v)
		}
	}
	for _, f := range c.Fields() {
		str(f.Name, f.Value)
	}
	for _, tc := range c.Times() {
		if !tc.At.IsZero() {
			m[tc.Name] = tc.At.UTC().Format(time.RFC3339)
		}
	}
	// roles is always present: an empty list is the no-consent finding.
	roles := make([]string, 0, len(c.Roles))
	for _, r := range c.Roles {
		roles = append(roles, s.clean(r))
	}
	m["roles"] = roles
	if len(c.WIDs) > 0 {
		m["wids"] = c.WIDs
	}
	for _, o := range c.Other {
		str(o.Name, o.Value)
	}
	return m
}

func itoa(n int) string { return strconv.Itoa(n) }
