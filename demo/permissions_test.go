package demo

import (
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/internal/refdata/refdatatest"
)

// The demo's permission facts must agree with Microsoft's permissions
// reference, kept in ../shared/data beside the repository.

func TestRouteRolesMatchThePermissionsReference(t *testing.T) {
	perms := refdatatest.Permissions(t)

	// Which application permissions the reference lists for each GET path.
	allowed := map[string][]string{}
	for name, p := range perms {
		for _, ps := range p.PathSets {
			if !slices.Contains(ps.SchemeKeys, "Application") || !slices.Contains(ps.Methods, "GET") {
				continue
			}
			for path := range ps.Paths {
				key := strings.ToLower(path)
				allowed[key] = append(allowed[key], name)
			}
		}
	}

	for _, rt := range routes {
		for _, role := range rt.roles {
			if _, ok := perms[role].Schemes["Application"]; !ok {
				t.Errorf("%s: %s is not an application permission", rt.pattern, role)
			}
		}
		// The demo may accept more than the reference lists (it is not
		// exhaustive), but never less: a 403 from the demo must be one the
		// reference agrees with, for the permissions the demo knows.
		path := "/" + strings.ToLower(strings.ReplaceAll(rt.pattern, "{}", "{id}"))
		for _, name := range allowed[path] {
			if _, known := graphAppRoles[name]; known && !slices.Contains(rt.roles, name) {
				t.Errorf("%s: the reference allows %s for GET, the demo refuses it", path, name)
			}
		}
	}
}

func TestAppRoleIDsMatchTheProvisioningReference(t *testing.T) {
	deployments := refdatatest.Deployments(t)
	for name, id := range graphAppRoles {
		found := false
		for _, d := range deployments[name] {
			if d.Scheme == "Application" && d.Environment == "public" && d.ID == id {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: app role ID %s is not the reference's", name, id)
		}
	}
}
