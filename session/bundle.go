package session

import (
	"time"

	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/support"
)

// BundleInput is what a support bundle says about x. A request that never
// got a response (the token failed) still names the URL it would have
// had.
func (s *Session) BundleInput(p profiles.Profile, x *Exchange) support.Input {
	in := support.Input{
		Version:   s.opts.Version,
		Profile:   p,
		Request:   x.Request,
		Response:  x.Response,
		Token:     x.Token,
		TokenErr:  x.TokenErr,
		Err:       x.Err,
		Diagnosis: x.Diagnosis,
		Redact:    s.Redact,
		Now:       time.Now(),
	}
	if x.Response == nil {
		if c, err := s.client(p, SendOptions{}); err == nil {
			if u, err := c.BuildURL(x.Request); err == nil {
				in.URL = u.String()
			}
		}
	}
	return in
}
