package session

import (
	"context"
	"time"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// SendOptions tune the requests of one use case; zero values keep graph's
// defaults.
type SendOptions struct {
	Timeout time.Duration // per attempt
	MaxBody int64         // bytes kept of each body
	// JSONCheckLimit skips the JSON validity scan of larger bodies (the
	// TUI's highlighter validates as it goes); 0 checks every body.
	JSONCheckLimit int
	// Events sees every attempt, retry and page as it happens, besides
	// the exchange's trace.
	Events func(graph.Event)
	// FailuresOnly leaves Exchange.Endpoint empty on success: the
	// permission index costs a process some 15 ms to load, and the CLI
	// shows the reference only in a diagnosis.
	FailuresOnly bool
}

// client is the Graph client for profile p, whose tokens come from the
// session's manager. It is the one place a graph.Client is built.
func (s *Session) client(p profiles.Profile, o SendOptions) (*graph.Client, error) {
	hc, err := profiles.HTTPClient(p)
	if err != nil {
		return nil, err
	}
	c := &graph.Client{
		HTTP:           hc,
		Base:           p.GraphBase(),
		UserAgent:      s.userAgent(),
		Timeout:        o.Timeout,
		MaxBody:        o.MaxBody,
		JSONCheckLimit: o.JSONCheckLimit,
		Token: func(ctx context.Context) (string, error) {
			t, err := s.Auth.Token(ctx, p)
			if err != nil {
				return "", err
			}
			return t.Raw(), nil
		},
	}
	if s.opts.TuneClient != nil {
		s.opts.TuneClient(c)
	}
	return c, nil
}
