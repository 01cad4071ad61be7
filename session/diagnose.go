package session

import (
	"time"

	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// diagnose looks the request up in the permission reference and, when the
// token or the request failed, asks the doctor why. The permission index
// loads lazily, inside the caller's goroutine.
func (x *Exchange) diagnose(p profiles.Profile) {
	path := x.Request.Path
	if x.Response != nil && x.Response.URL != "" {
		path = x.Response.URL
	}
	if m, ok := permissions.LookupMethod(x.Request.Method, path); ok {
		x.Endpoint = &m
	}
	if !x.failed() {
		return
	}
	in := doctor.Input{Profile: p, Method: x.Request.Method, TokenErr: x.TokenErr, Now: time.Now(), URL: x.Request.Path}
	if r := x.Response; r != nil {
		in.URL, in.Status, in.GraphError = r.URL, r.Status, r.Error
	}
	if x.Token != nil && x.Token.ClaimsErr == nil { // unreadable claims are no evidence of missing roles
		c := x.Token.Claims
		in.Claims = &c
	}
	x.Diagnosis = doctor.Diagnose(in)
	x.ConsentURL = ""
	if p.Kind() != profiles.KindManagedIdentity { // granted by an app role assignment, never consent
		x.ConsentURL = p.AdminConsentURL()
	}
	if x.Diagnosis != nil && x.Diagnosis.ConsentURL != "" {
		x.ConsentURL = x.Diagnosis.ConsentURL
	}
}

// failed: no token, or an error from Graph.
func (x *Exchange) failed() bool {
	return x.TokenErr != nil || x.Response != nil && x.Response.Error != nil
}

// DiagnoseToken explains a token that could not be had for p.
func DiagnoseToken(p profiles.Profile, err error) *doctor.Diagnosis {
	return doctor.Diagnose(doctor.Input{Profile: p, TokenErr: err, Now: time.Now()})
}
