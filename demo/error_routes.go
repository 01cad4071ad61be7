package demo

import (
	"net/http"
	"sort"
	"strings"
)

// Error routes: GET /v1.0/demo/errors/{name} answers with one of the
// errors Graph sends in its own words, whatever the (valid) token says, so
// that graphtui's doctor can be tried on them without Azure. Not Graph
// APIs: Graph sends these from any endpoint, when the trouble is there.
//
//	expiredToken     401, Graph's clock says the token expired (this one's does not)
//	invalidAudience  401, the token is for another API
//	invalidSignature 401, the signature does not verify
//	noLicense        403, the user has no licence for the service
const ErrorsPath = "/demo/errors/"

var errorRoutes = map[string]func() graphError{
	"expiredToken": func() graphError {
		// Graph's exact words, which people search for.
		return graphError{http.StatusUnauthorized, codeInvalidToken, "Lifetime validation failed, the token is expired."}
	},
	"invalidAudience": func() graphError {
		return graphError{http.StatusUnauthorized, codeInvalidToken, "Access token validation failure. Invalid audience."}
	},
	"invalidSignature": errTokenSignature,
	"noLicense":        errNoLicense,
}

// ErrorRoutes lists the names the error routes answer to.
func ErrorRoutes() []string {
	names := make([]string, 0, len(errorRoutes))
	for n := range errorRoutes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func serveErrorRoute(c *call, ids []string) {
	for name, e := range errorRoutes {
		if strings.EqualFold(name, ids[0]) {
			c.fail(e())
			return
		}
	}
	c.fail(errUnknownSegment(ids[0]))
}

// errNoLicense keeps Graph's exact message (Teams and Exchange send it
// when the user behind the path has no licence for them).
func errNoLicense() graphError {
	return graphError{http.StatusForbidden, "Forbidden",
		"Failed to get license information for the user. Ensure user has a valid Office365 license assigned to them."}
}
