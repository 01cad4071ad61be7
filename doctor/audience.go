package doctor

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/graphtui/graphtui/profiles"
)

// graphAppID is Microsoft Graph's application ID, a valid token audience
// in every cloud.
const graphAppID = "00000003-0000-0000-c000-000000000000"

// tokenValidity explains a 401 by the token's own claims: it expired, was
// issued in another cloud, or for another API. nil when the claims look
// right for this Graph host.
func (f *facts) tokenValidity() *Diagnosis {
	c := f.claims
	p := f.in.Profile
	if !c.ExpiresAt.IsZero() && f.in.Now.After(c.ExpiresAt) {
		return f.expired()
	}
	graphCloud, graphKnown := cloudOfGraphHost(hostOf(p.GraphBase()))
	if tokenCloud, exact, ok := f.tokenCloud(); ok && graphKnown && !sameCloud(tokenCloud, graphCloud, exact) {
		return &Diagnosis{
			Kind:  KindWrongCloud,
			Title: "The token comes from another national cloud than this Graph host",
			Cause: fmt.Sprintf("the token was issued for the %s cloud (aud %s, iss %s), but the request went to %s, the Graph host of the %s cloud; each cloud only accepts its own tokens.",
				tokenCloud, c.Audience, c.Issuer, p.GraphBase(), graphCloud),
			Next: []string{
				fmt.Sprintf("Set cloud in profile %q to the cloud the tenant lives in, and remove authority_host / graph_host overrides that point elsewhere.", p.Name),
				"The app registration must exist in that cloud too: registrations do not cross clouds.",
				"Get a new token: " + command(p.Name, "token", "--refresh") + ".",
			},
		}
	}
	if !f.audienceIsGraph() {
		return f.wrongAudience()
	}
	return nil
}

// invalidToken is a 401 for a token whose audience and lifetime look right,
// or whose signature or issuer Graph named: what is left is what graphtui
// cannot check, the signature and the issuer.
func (f *facts) invalidToken() *Diagnosis {
	cause := "Graph refused the token itself: its signature or issuer did not verify."
	if c := f.claims; c != nil {
		cause = fmt.Sprintf("the token's audience and lifetime look right, yet Graph refused it: its signature or issuer did not verify (issuer %s, tenant %s).", c.Issuer, c.TenantID)
	}
	return &Diagnosis{
		Kind:  KindInvalidToken,
		Title: "Graph rejected the token itself",
		Cause: cause + " Tokens edited by hand, tokens from another tenant's or cloud's identity platform, and tokens for a proxy's own audience end up here.",
		Next: []string{
			"Get a new token straight from the identity platform: " + command(f.in.Profile.Name, "token", "--refresh") + ".",
			fmt.Sprintf("Check that authority_host (%s) and tenant are the tenant's own identity platform, and graph_host (%s) is Graph for the same cloud.", f.in.Profile.LoginBase(), f.in.Profile.GraphBase()),
		},
	}
}

// audienceIsGraph accepts the profile's Graph host, Graph's app ID, and the
// Graph host of the profile's cloud (graph_host may be a proxy in front of it).
func (f *facts) audienceIsGraph() bool {
	p := f.in.Profile
	want := []string{p.GraphBase(), graphAppID, profiles.Clouds[p.CloudName()].Graph}
	for _, aud := range strings.Fields(f.claims.Audience) {
		aud = strings.TrimRight(aud, "/")
		for _, w := range want {
			if w != "" && strings.EqualFold(aud, strings.TrimRight(w, "/")) {
				return true
			}
		}
	}
	return false
}

// tokenCloud says which cloud issued the token: exactly from its audience
// (a cloud's Graph host), or roughly from its issuer. v1 tokens of several
// clouds say sts.windows.net, so that issuer proves nothing.
func (f *facts) tokenCloud() (c profiles.Cloud, exact, ok bool) {
	for _, aud := range strings.Fields(f.claims.Audience) {
		if c, ok := cloudOfGraphHost(hostOf(aud)); ok {
			return c, true, true
		}
	}
	host := hostOf(f.claims.Issuer)
	switch {
	case host == "":
	case strings.HasSuffix(host, ".chinacloudapi.cn"):
		return profiles.CloudChina, false, true
	case strings.HasSuffix(host, ".microsoftonline.us"):
		return profiles.CloudUSGov, false, true
	case host == "login.microsoftonline.com":
		return profiles.CloudGlobal, false, true
	}
	return "", false, false
}

// sameCloud compares clouds; an issuer cannot tell the two US Government
// clouds apart, as they share their login host.
func sameCloud(token, graph profiles.Cloud, exact bool) bool {
	if token == graph {
		return true
	}
	us := func(c profiles.Cloud) bool { return c == profiles.CloudUSGov || c == profiles.CloudUSGovDoD }
	return !exact && us(token) && us(graph)
}

func cloudOfGraphHost(host string) (profiles.Cloud, bool) {
	if host == "" {
		return "", false
	}
	for c, h := range profiles.Clouds {
		if strings.EqualFold(hostOf(h.Graph), host) {
			return c, true
		}
	}
	return "", false
}

// hostOf returns the lower-cased host of a URL, "" when s is not one.
func hostOf(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Hostname())
}
