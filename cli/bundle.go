package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/support"
)

// bundleInput collects what get --bundle writes as the request goes. A nil
// one records nothing, so get's paths need no checks of their own.
type bundleInput struct{ support.Input }

// record keeps the latest page, or why there is none. With --all the
// latest page is the failing one, which is what support needs.
func (b *bundleInput) record(r *graph.Response, err error) {
	if b == nil {
		return
	}
	if r != nil {
		b.Response = r
	}
	var te *auth.TokenError
	var ce *auth.CredentialError
	switch {
	case err == nil:
	case errors.As(err, &te) || errors.As(err, &ce):
		b.TokenErr = err // the token could not be refreshed mid-way
	default:
		b.Err = err
	}
}

// writeBundle writes the support bundle. The diagnosis is the one get
// printed; a request that never got a URL gets the one it would have had.
// A bundle that cannot be written is reported but does not change the
// exit status: the request's outcome is what scripts test.
func (a *App) writeBundle(path string, b *bundleInput, m *auth.Manager, timeout time.Duration) {
	in := b.Input
	in.Now = time.Now()
	switch {
	case in.TokenErr != nil:
		in.Diagnosis = doctor.Diagnose(doctor.Input{Profile: in.Profile, TokenErr: in.TokenErr, Now: in.Now})
	case in.Response != nil && in.Response.Error != nil:
		in.Diagnosis = diagnoseResponse(in.Response, in.Token, in.Profile)
	}
	if in.Response == nil {
		if c, err := a.newGraphClient(in.Profile, m, timeout); err == nil {
			if u, err := c.BuildURL(in.Request); err == nil {
				in.URL = u.String()
			}
		}
	}
	if err := support.New(in).WriteFile(path); err != nil {
		fmt.Fprintln(a.Err, "support bundle not written:", a.redact(err.Error()))
		return
	}
	fmt.Fprintln(a.Err, "support bundle written to", path)
}
