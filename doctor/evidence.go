package doctor

import (
	"fmt"
	"strings"
	"time"
)

// evidence lists what the diagnosis rests on: the token's claims, what the
// reference says about the endpoint, and the error body.
func (f *facts) evidence() []Evidence {
	var ev []Evidence
	add := func(label, value string) {
		if value != "" {
			ev = append(ev, Evidence{label, value})
		}
	}
	if c := f.claims; c != nil {
		add("aud", c.Audience)
		add("iss", c.Issuer)
		app := c.AppID
		if c.AppDisplayName != "" {
			app += " (" + c.AppDisplayName + ")"
		}
		add("appid", app)
		add("idtyp", c.IDType)
		if len(c.Roles) == 0 {
			add("roles", "none (no roles claim)")
		} else {
			add("roles", strings.Join(c.Roles, ", "))
		}
		add("exp", expiry(c.ExpiresAt, f.in.Now))
	} else if len(f.onRequest) > 0 {
		add("roles in message", strings.Join(f.onRequest, ", "))
	}

	switch {
	case f.known:
		add("endpoint", f.method+" "+f.match.Pattern)
		if !f.match.AppOnly {
			add("application permissions", "none: delegated only")
		} else {
			add("least privileged", strings.Join(f.match.Least, ", "))
			add("accepted", shortList(f.match.All, 8))
		}
	default:
		add("endpoint", f.method+" "+f.path.String()+" (not in graphtui's permission reference)")
	}
	// The message's list matters when it says more than the reference.
	if len(f.required) > 0 && len(intersect(f.required, f.match.All)) < len(f.required) {
		add("named in message", strings.Join(f.required, ", "))
	}

	if e := f.in.GraphError; e != nil {
		status := fmt.Sprintf("HTTP %d", f.status)
		if e.Code != "" {
			status += " " + e.Code
		}
		add("error", status)
		if inner := e.InnerCode(); inner != "" && inner != e.Code {
			add("inner code", inner)
		}
		if e.Message != "" {
			add("message", e.Message)
		} else {
			add("body", e.Raw)
		}
		add("request-id", e.RequestID)
		add("client-request-id", e.ClientRequestID)
		add("date", e.Date)
	}
	return ev
}

// expiry shows exp with how far it is from now.
func expiry(exp, now time.Time) string {
	if exp.IsZero() {
		return ""
	}
	d := exp.Sub(now).Round(time.Second)
	rel := "in " + d.String()
	if d <= 0 {
		rel = "expired " + (-d).String() + " ago"
	}
	return exp.UTC().Format(time.RFC3339) + " (" + rel + ")"
}

// shortList joins the first n names and counts the rest: the whole list is
// in Diagnosis.Endpoint for whoever needs it.
func shortList(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s (+%d more)", strings.Join(names[:n], ", "), len(names)-n)
}
