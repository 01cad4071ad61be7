package ui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/support"
)

// saveBundle writes the support bundle of x to path, like saveBody: never
// over an existing file, mode 0600. A request that never got a response
// (the token failed) still has a bundle, with the URL it would have had.
func (b *Backend) saveBundle(path string, x *Exchange, p profiles.Profile) tea.Cmd {
	return func() tea.Msg {
		in := support.Input{
			Version:   strings.TrimPrefix(b.UserAgent, "graphtui/"),
			Profile:   p,
			Request:   x.Request,
			Response:  x.Response,
			Token:     x.Token,
			TokenErr:  x.TokenErr,
			Err:       x.Err,
			Diagnosis: x.Diagnosis,
			Redact:    b.Auth.Redact,
			Now:       time.Now(),
		}
		if x.Response == nil {
			if c, err := b.client(p); err == nil {
				if u, err := c.BuildURL(x.Request); err == nil {
					in.URL = u.String()
				}
			}
		}
		out, err := support.New(in).Render(path)
		if err == nil {
			err = writeNewFile(path, out)
		}
		if err != nil {
			return statusMsg{Text: "support bundle not written: " + b.Auth.Redact(err.Error()), Err: true}
		}
		return statusMsg{Text: "support bundle written to " + path}
	}
}
