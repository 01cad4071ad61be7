package graph

import (
	"fmt"
	"net/url"
	"strings"
)

// ForeignHostError refuses a URL outside the Graph host, so that the bearer
// token never leaves it. Redirects are followed instead (without the token)
// and reported as notices.
type ForeignHostError struct {
	Host    string // the host that was refused (with scheme when only the scheme differs)
	Allowed string // the Graph host of the profile
	What    string // "URL" or "nextLink"
}

func newForeignHostError(target, base *url.URL, what string) *ForeignHostError {
	e := &ForeignHostError{Host: target.Host, Allowed: base.Host, What: what}
	if strings.EqualFold(target.Host, base.Host) || target.Host == "" {
		e.Host = target.Scheme + "://" + target.Host
		e.Allowed = base.Scheme + "://" + base.Host
	}
	return e
}

func (e *ForeignHostError) Error() string {
	switch e.What {
	case "nextLink":
		return fmt.Sprintf("refusing to follow @odata.nextLink to %s: the token is only sent to %s, so paging stopped here", e.Host, e.Allowed)
	default:
		return fmt.Sprintf("refusing to send a request to %s: the token is only sent to %s; give a path such as /users or a URL on %s", e.Host, e.Allowed, e.Allowed)
	}
}
