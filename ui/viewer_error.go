package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/bytesize"
)

// bodyPanel is what the Body tab shows above the body: why the exchange
// failed, read as a page rather than a status line, and what the user
// should know about the body itself. hasBody says body lines follow.
func bodyPanel(x *Exchange, st *Styles, pm *Presenter, w int, hasBody bool) []string {
	if x == nil {
		return nil
	}
	f := &fieldLayout{st: st, pm: pm, w: w, labelW: 12}
	switch {
	case x.TokenErr != nil:
		tokenErrorFields(f, x.TokenErr)
	case x.Response != nil && x.Response.Error != nil:
		graphErrorFields(f, x.Response.Error, x.Token)
	case x.Err != nil && x.Response == nil:
		requestErrorFields(f, x.Err)
	case x.Err != nil:
		f.field("stopped", auth.Redact(x.Err.Error()), st.Error)
	}
	if r := x.Response; r != nil {
		for _, n := range r.Notices {
			f.field("note", n, st.BadgeWarn)
		}
		if x.BodyErr != nil {
			f.field("note", "not shown as JSON: "+x.BodyErr.Error(), st.Dim)
		}
		switch {
		case len(r.Body) == 0:
			f.text("(empty body)", 0, st.Dim)
		case !hasBody:
			ct := r.Header.Get("Content-Type")
			if ct == "" {
				ct = "no content type"
			}
			f.text(fmt.Sprintf("Binary body (%s, %s): press s to save it to a file.", ct, bytesize.Text(len(r.Body))), 0, st.Dim)
		}
	}
	if len(f.rows) > 0 && hasBody {
		f.blank()
		f.rows = append(f.rows, st.Dim.Render("── response body"))
	}
	return f.rows
}

func tokenErrorFields(f *fieldLayout, err error) {
	st := f.st
	var te *auth.TokenError
	var ce *auth.CredentialError
	switch {
	case errors.As(err, &te):
		title := "Token request failed"
		if te.Profile != "" {
			title += fmt.Sprintf(" for profile %q", te.Profile)
		}
		f.heading(title, st.ErrorTitle)
		switch {
		case te.Code != 0 && te.OAuthError != "":
			f.field("code", fmt.Sprintf("AADSTS%d (%s)", te.Code, te.OAuthError), st.ErrorTitle)
		case te.Code != 0:
			f.field("code", fmt.Sprintf("AADSTS%d", te.Code), st.ErrorTitle)
		case te.OAuthError != "":
			f.field("code", te.OAuthError, st.ErrorTitle)
		}
		// What to do first; the identity platform's own words and the IDs
		// for the sign-in logs after.
		optionalField(f, "cause", te.Cause)
		optionalField(f, "next step", te.NextStep)
		optionalField(f, "description", te.Description)
		if te.Status != 0 {
			f.field("HTTP status", fmt.Sprintf("%d %s", te.Status, http.StatusText(te.Status)), st.Value)
		}
		optionalField(f, "timestamp", te.Timestamp)
		optionalField(f, "trace id", te.TraceID)
		optionalField(f, "correlation", te.CorrelationID)
		if te.Err != nil {
			f.field("detail", auth.Redact(te.Err.Error()), st.Dim)
		}
	case errors.As(err, &ce):
		f.heading(fmt.Sprintf("The credential of profile %q could not be loaded", ce.Profile), st.ErrorTitle)
		f.field("error", auth.Redact(errors.Unwrap(ce).Error()), st.Value)
		f.field("cause", "the secret or certificate the profile refers to could not be read; nothing was sent to the identity platform", st.Value)
		f.field("next step", "Check the profile's client_secret reference (env:, cmd:, file:, keyring:) or its certificate file, then send again.", st.Value)
	default:
		f.heading("Token request failed", st.ErrorTitle)
		f.field("error", auth.Redact(err.Error()), st.Value)
	}
}

func optionalField(f *fieldLayout, label, value string) {
	if value != "" {
		f.field(label, value, f.st.Value)
	}
}

func graphErrorFields(f *fieldLayout, e *graph.GraphError, tok *auth.Token) {
	st := f.st
	f.heading(strings.TrimSpace(fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))), st.ErrorTitle)
	optionalField(f, "code", e.Code)
	if inner := e.InnerCode(); inner != e.Code {
		optionalField(f, "inner code", inner)
	}
	optionalField(f, "message", e.Message)
	optionalField(f, "body", e.Raw)
	for _, d := range e.Details {
		text := strings.TrimPrefix(d.Code+": "+d.Message, ": ")
		if d.Target != "" {
			text += " (" + d.Target + ")"
		}
		f.field("detail", text, st.Value)
	}
	graphErrorAdvice(f, e, tok)
	optionalField(f, "request-id", e.RequestID)
	optionalField(f, "client-req", e.ClientRequestID)
	optionalField(f, "date", e.Date)
}

// graphErrorAdvice explains a 401 or 403 from the token that was sent.
func graphErrorAdvice(f *fieldLayout, e *graph.GraphError, tok *auth.Token) {
	st := f.st
	if (e.Status != http.StatusUnauthorized && e.Status != http.StatusForbidden) || tok == nil {
		return
	}
	if roles := tok.Claims.Roles; len(roles) > 0 {
		f.field("why", fmt.Sprintf("the token carries %d role(s) (%s), but not one this call accepts, or a policy such as an application access policy blocks it.", len(roles), strings.Join(roles, ", ")), st.BadgeWarn)
		return
	}
	f.field("why", "the token has no roles: the app holds no Microsoft Graph application permission with admin consent in this tenant.", st.BadgeWarn)
	f.field("next step", "Add the application permission this call needs (API permissions > Microsoft Graph > Application permissions), grant admin consent, then refresh the token: one issued before consent lacks the new roles.", st.Value)
}

func requestErrorFields(f *fieldLayout, err error) {
	st := f.st
	var foreign *graph.ForeignHostError
	switch {
	case errors.Is(err, context.Canceled):
		f.heading("Cancelled", st.Title)
		f.text("The request was cancelled before a response arrived.", 0, st.Dim)
	case errors.As(err, &foreign):
		f.heading("Request refused", st.ErrorTitle)
		f.field("why", err.Error(), st.Value)
	case errors.Is(err, context.DeadlineExceeded):
		f.heading("Timed out", st.ErrorTitle)
		f.field("error", auth.Redact(err.Error()), st.Value)
		f.field("next step", "Check the network path to the Graph host (proxy, VPN, firewall) and send again.", st.Value)
	default:
		f.heading("Request failed", st.ErrorTitle)
		f.field("error", auth.Redact(err.Error()), st.Value)
	}
}
