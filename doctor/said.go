package doctor

import (
	"fmt"
	"strings"
	"time"
)

// Graph often says what is wrong in the error's message. Those words come
// first: the claims graphtui reads may be missing (no token at hand), or
// right by this machine's clock and wrong by Graph's. The phrases are
// Graph's own and the demo tenant's.

// said is what Graph's message names as the cause.
type said int

const (
	saidNothing said = iota
	saidExpired
	saidAudience
	saidSignature
	saidNoLicense
	saidMe
)

var sayings = []struct {
	what    said
	status  int // 0: any status
	phrases []string
}{
	{saidMe, 0, []string{"/me request is only valid with delegated", "/me needs a signed-in user"}},
	{saidExpired, 401, []string{"lifetime validation failed", "token is expired", "token has expired"}},
	{saidAudience, 401, []string{"invalid audience", "audience"}},
	{saidSignature, 401, []string{"signature", "invalid issuer", "issuer validation failed", "issuer is invalid", "not issued by"}},
	{saidNoLicense, 403, []string{"failed to get license information", "valid office365 license", "does not have a license", "no license"}},
}

// graphSaid reads the error's message for a cause Graph named.
func (f *facts) graphSaid() said {
	e := f.in.GraphError
	if e == nil || e.Message == "" {
		return saidNothing
	}
	msg := e.Message
	if len(msg) > maxMessageScan {
		msg = msg[:maxMessageScan]
	}
	msg = asciiLower(msg)
	for _, s := range sayings {
		if s.status != 0 && s.status != f.status {
			continue
		}
		for _, p := range s.phrases {
			if strings.Contains(msg, p) {
				return s.what
			}
		}
	}
	return saidNothing
}

// fromGraphSaid explains a failure by Graph's words; nil when they name
// no cause graphtui knows.
func (f *facts) fromGraphSaid() *Diagnosis {
	switch f.graphSaid() {
	case saidMe:
		if f.appOnlyToken() {
			return f.meWithAppToken()
		}
	case saidExpired:
		return f.expired()
	case saidAudience:
		if f.claims != nil {
			// A token from another cloud is the more precise story.
			if d := f.tokenValidity(); d != nil && d.Kind == KindWrongCloud {
				return d
			}
		}
		return f.wrongAudience()
	case saidSignature:
		return f.invalidToken()
	case saidNoLicense:
		return f.noLicense()
	}
	return nil
}

// expired explains a token Graph or its claims say has expired.
func (f *facts) expired() *Diagnosis {
	p := f.in.Profile
	d := &Diagnosis{
		Kind:  KindExpiredToken,
		Title: "The token has expired",
		Cause: "Graph says the token has expired; it refuses expired tokens.",
		Next: []string{
			"Get a new token: " + command(p.Name, "token", "--refresh") + ", then send the request again.",
			"If a token that was just issued already looks expired, set this machine's clock right (NTP).",
		},
	}
	c := f.claims
	switch {
	case c == nil || c.ExpiresAt.IsZero():
	case f.in.Now.After(c.ExpiresAt):
		ago := f.in.Now.Sub(c.ExpiresAt).Round(time.Second)
		d.Cause = fmt.Sprintf("the token expired at %s (%s ago); Graph refuses expired tokens.", c.ExpiresAt.UTC().Format(time.RFC3339), ago)
	default:
		// By this machine's clock the token is still good: one of the two
		// clocks is wrong, or the token was kept past a revocation.
		d.Cause = fmt.Sprintf("Graph says the token has expired, yet by this machine's clock it is valid until %s: this machine's clock is probably behind.", c.ExpiresAt.UTC().Format(time.RFC3339))
		d.Next[1] = "Set this machine's clock right (NTP): graphtui reuses a cached token until its own clock says it expired."
	}
	return d
}

// wrongAudience explains a token issued for another API.
func (f *facts) wrongAudience() *Diagnosis {
	p := f.in.Profile
	aud := "(not known: no token at hand)"
	if f.claims != nil {
		aud = fmt.Sprintf("%q", f.claims.Audience)
	}
	return &Diagnosis{
		Kind:  KindWrongAudience,
		Title: "The token was issued for another API, not Microsoft Graph",
		Cause: fmt.Sprintf("Graph refused the token's audience. The token's audience is %s; Graph at %s accepts only tokens whose audience is %s or %s.", aud, p.GraphBase(), p.GraphBase(), graphAppID),
		Next: []string{
			fmt.Sprintf("Request tokens for Graph: remove the profile's scope override, or set scope = %q.", p.GraphBase()+"/.default"),
			"Get a new token: " + command(p.Name, "token", "--refresh") + ".",
		},
	}
}

// noLicense explains a refusal because the user behind the path has no
// licence for the service (Teams, Exchange, Planner...): no permission
// changes that.
func (f *facts) noLicense() *Diagnosis {
	who := "the user this request is about"
	if f.path.at(0) == "users" && len(f.path.segs) > 1 {
		who = "user " + f.path.segs[1]
	}
	return &Diagnosis{
		Kind:  KindNoLicense,
		Title: "The user has no licence for this service",
		Cause: fmt.Sprintf("Graph could not find a licence for %s that includes the service behind %s; the app's permissions are not the problem, and no consent changes this.", who, f.endpoint()),
		Next: []string{
			"In the Microsoft 365 admin center (Users > Active users > the user > Licenses and apps), assign a licence that includes the service, e.g. Microsoft Teams or Exchange Online.",
			"A new licence can take a while (up to a day for some services) to reach Graph; then send the request again.",
		},
	}
}
