package session

import (
	"context"
	"testing"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/profiles"
)

// demoRun is a session on a running demo tenant's generated config.
type demoRun struct {
	t      *testing.T
	tenant *demo.Tenant
	s      *Session
	ps     Profiles
}

// startDemo starts the demo tenant and opens a session on its config,
// with env as the whole environment.
func startDemo(t *testing.T, env map[string]string) *demoRun {
	t.Helper()
	tenant, cfg := demotest.Start(t, demo.Options{})
	s, err := New(Options{
		Config:    cfg,
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		Version:   "test",
	})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	return &demoRun{t: t, tenant: tenant, s: s, ps: ps}
}

// profile is the demo profile called name.
func (d *demoRun) profile(name string) profiles.Profile {
	d.t.Helper()
	p, err := d.ps.Pick(name)
	if err != nil {
		d.t.Fatal(err)
	}
	return p
}

// send sends GET path as the profile called name.
func (d *demoRun) send(name, path string) *Exchange {
	return d.s.Send(context.Background(), d.profile(name), graph.Request{Path: path}, SendOptions{})
}
