package ui

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
)

// headersRows lists what was sent (never the token) and what came back.
func headersRows(x *Exchange, st *Styles, pm *Presenter, w int) []string {
	f := &fieldLayout{st: st, pm: pm, w: w, labelW: 2}
	if x == nil {
		f.text("No request sent yet.", 0, st.Dim)
		return f.rows
	}
	f.heading("Request", st.Title)
	target := x.Request.Path
	if x.Response != nil {
		target = x.Response.URL
	}
	f.field("", methodOf(x.Request)+" "+target, st.Value)
	f.field("", "Authorization: Bearer (token not shown)", st.Dim)
	headerFields(f, x.Request.Header)
	f.blank()
	if x.Response == nil {
		f.text("No response: the request was not sent or did not complete (see Body).", 0, st.Dim)
		return f.rows
	}
	r := x.Response
	f.heading(strings.TrimSpace(fmt.Sprintf("Response  %s %d %s", r.Proto, r.Status, http.StatusText(r.Status))), st.Title)
	headerFields(f, r.Header)
	return f.rows
}

// headerFields adds headers sorted by name, one row per value. A typed
// Authorization header is hidden too: it would hold a token.
func headerFields(f *fieldLayout, h http.Header) {
	names := slices.Collect(maps.Keys(h))
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	for _, name := range names {
		for _, v := range h[name] {
			if strings.EqualFold(name, "Authorization") {
				v = "(not shown)"
			}
			f.field("", headerSpelling(name)+": "+v, f.st.Value)
		}
	}
}

// tokenRows decodes the token used, with a countdown to its expiry from now.
func tokenRows(x *Exchange, now time.Time, st *Styles, pm *Presenter, w int) []string {
	f := &fieldLayout{st: st, pm: pm, w: w, labelW: 17}
	switch {
	case x == nil:
		f.text("No request sent yet.", 0, st.Dim)
		return f.rows
	case x.Token == nil && x.TokenErr != nil:
		f.text("No token: the token request failed. The Body tab explains why.", 0, st.Error)
		return f.rows
	case x.Token == nil:
		f.text("No token was used for this request.", 0, st.Dim)
		return f.rows
	}
	t, c := x.Token, x.Token.Claims
	f.field("profile", t.Profile, st.Value)
	how := "looked up"
	if t.Source == auth.SourceIdentityProvider {
		how = "acquired"
	}
	source := fmt.Sprintf("%s: %s in %s", t.Source.Label(), how, shortDuration(t.Took))
	if !x.Trace.Started.IsZero() {
		source += " at " + clockTime(x.Trace.Started, now)
	}
	f.field("source", source, st.Value)
	expires := t.ExpiresOn
	if expires.IsZero() {
		expires = c.ExpiresAt
	}
	left, leftStyle := expiryText(expires, now, st)
	f.field("expires", clockTime(expires, now)+left, leftStyle)
	identityTokenRows(f, t, st)
	f.blank()
	for _, kv := range [][2]string{
		{"aud", c.Audience}, {"iss", c.Issuer}, {"tid", c.TenantID},
		{"appid", c.AppID}, {"app_displayname", c.AppDisplayName}, {"idtyp", c.IDType},
	} {
		if kv[1] != "" {
			f.field(kv[0], kv[1], st.Value)
		}
	}
	for _, kv := range []struct {
		name string
		t    time.Time
	}{{"iat", c.IssuedAt}, {"nbf", c.NotBefore}, {"exp", c.ExpiresAt}} {
		if !kv.t.IsZero() {
			f.field(kv.name, clockTime(kv.t, now), st.Value)
		}
	}
	if len(c.Roles) == 0 {
		f.field("roles", "none: the token carries no application permissions. Add Microsoft Graph application permissions to the app registration, grant admin consent, then refresh the token.", st.BadgeWarn)
	} else {
		for i, role := range c.Roles {
			label := ""
			if i == 0 {
				label = fmt.Sprintf("roles (%d)", len(c.Roles))
			}
			f.field(label, role, st.Value)
		}
		f.field("", "p shows what each role allows", st.Dim)
	}
	for i, wid := range c.WIDs {
		label := ""
		if i == 0 {
			label = "wids"
		}
		f.field(label, wid, st.Value)
	}
	if len(c.Other) > 0 {
		f.blank()
		for _, o := range c.Other {
			f.field(o.Name, o.Value, st.Dim)
		}
	}
	return f.rows
}

// expiryText counts down to expiry; it warns inside the refresh margin.
func expiryText(expires, now time.Time, st *Styles) (string, lipgloss.Style) {
	if expires.IsZero() || now.IsZero() {
		return "", st.Value
	}
	d := expires.Sub(now).Truncate(time.Second)
	switch {
	case d <= 0:
		return fmt.Sprintf(" (expired %s ago)", (-d).String()), st.Error
	case d <= auth.RefreshMargin:
		return fmt.Sprintf(" (in %s; it will be refreshed on the next request)", d), st.BadgeWarn
	}
	return fmt.Sprintf(" (in %s)", d), st.BadgeOK
}

// traceRows is the timeline: token, every attempt, retry, redirect and
// page, notices, and the total time.
func traceRows(x *Exchange, st *Styles, pm *Presenter, w int) []string {
	f := &fieldLayout{st: st, pm: pm, w: w, labelW: 10}
	if x == nil {
		f.text("No request sent yet.", 0, st.Dim)
		return f.rows
	}
	tr := x.Trace
	if !tr.Started.IsZero() {
		f.field("started", tr.Started.Format("15:04:05.000 MST"), st.Value)
	}
	switch {
	case x.TokenErr != nil:
		f.field("token", "failed (see Body)", st.Error)
	case x.Token != nil:
		f.field("token", fmt.Sprintf("%s in %s", x.Token.Source.Label(), shortDuration(x.Token.Took)), st.Value)
	}
	for _, ev := range tr.Events {
		style := st.Value
		switch ev.Kind {
		case graph.EventRetry, graph.EventGiveUp, graph.EventMaxPages:
			style = st.BadgeWarn
		case graph.EventPage:
			style = st.BadgeOK
		}
		f.field(ev.Kind.String(), ev.String(), style)
	}
	if r := x.Response; r != nil {
		if len(r.Retries) > 0 {
			var waited time.Duration
			for _, rt := range r.Retries {
				waited += rt.Wait
			}
			f.field("retries", fmt.Sprintf("%d, waited %s in all", len(r.Retries), shortDuration(waited)), st.BadgeWarn)
		}
		for _, n := range r.Notices {
			f.field("notice", n, st.BadgeWarn)
		}
	}
	if x.Err != nil {
		f.field("error", x.Err.Error(), st.Error)
	}
	if tr.Total > 0 {
		f.field("total", shortDuration(tr.Total), st.Value)
	}
	return f.rows
}
