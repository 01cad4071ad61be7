package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/sync/errgroup"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/profiles"
)

// diagnose asks the doctor about a failed exchange. It runs inside the
// command that made the request: the permission index loads lazily there.
func diagnose(x *Exchange, p profiles.Profile) {
	path := x.Request.Path
	if x.Response != nil && x.Response.URL != "" {
		path = x.Response.URL
	}
	if m, ok := permissions.Lookup(path); ok {
		x.Endpoint = &m
	}
	failed := x.TokenErr != nil || x.Response != nil && x.Response.Error != nil
	if !failed {
		return
	}
	in := doctor.Input{Profile: p, TokenErr: x.TokenErr, Now: time.Now(), URL: x.Request.Path}
	if r := x.Response; r != nil {
		in.URL, in.Status, in.GraphError = r.URL, r.Status, r.Error
	}
	if x.Token != nil && x.Token.ClaimsErr == nil { // unreadable claims are no evidence of missing roles
		c := x.Token.Claims
		in.Claims = &c
	}
	x.Diagnosis = doctor.Diagnose(in)
	x.ConsentURL = p.AdminConsentURL()
	if x.Diagnosis != nil && x.Diagnosis.ConsentURL != "" {
		x.ConsentURL = x.Diagnosis.ConsentURL
	}
}

// recheck forces a new token, diffs its roles against the old one and
// replays the request: what a developer does right after an admin granted
// consent.
func (b *Backend) recheck(ctx context.Context, seq int, p profiles.Profile, prev *Exchange) tea.Cmd {
	replay := b.send(ctx, seq, p, prev.Request)
	return func() tea.Msg {
		var before []string
		if prev.Token != nil {
			before = prev.Token.Claims.Roles
		}
		tok, err := b.Auth.Refresh(ctx, p)
		if err != nil {
			x := &Exchange{Seq: seq, Profile: p.Name, Request: prev.Request, TokenErr: err, Page: 1}
			diagnose(x, p)
			return exchangeMsg{x}
		}
		msg := replay().(exchangeMsg)
		msg.Exchange.RolesDiff = diffRoles(before, tok.Claims.Roles)
		return msg
	}
}

func diffRoles(before, after []string) *RolesDiff {
	d := &RolesDiff{Before: slices.Clone(before), After: slices.Clone(after)}
	for _, r := range after {
		if !slices.Contains(before, r) {
			d.Added = append(d.Added, r)
		}
	}
	for _, r := range before {
		if !slices.Contains(after, r) {
			d.Removed = append(d.Removed, r)
		}
	}
	return d
}

// matrix runs one request under every profile, a few at a time.
func (b *Backend) matrix(ctx context.Context, list []profiles.Profile, r graph.Request) tea.Cmd {
	return func() tea.Msg {
		rows := make([]MatrixRow, len(list))
		var g errgroup.Group
		g.SetLimit(4) // like `graphtui matrix`: a few token requests at a time
		for i, p := range list {
			g.Go(func() error {
				rows[i] = matrixRow(p.Name, b.fetch(ctx, 0, p, r))
				return nil
			})
		}
		g.Wait()
		return matrixResultMsg{Path: r.Path, Rows: rows}
	}
}

func matrixRow(name string, x *Exchange) MatrixRow {
	row := MatrixRow{Profile: name, Roles: -1}
	if x.Token != nil {
		row.Roles = len(x.Token.Claims.Roles)
	}
	var te *auth.TokenError
	switch {
	case errors.As(x.TokenErr, &te) && te.Code != 0:
		row.Code = "AADSTS" + strconv.Itoa(te.Code)
	case x.TokenErr != nil:
		row.Code = "credential"
	case x.Response == nil:
		row.Code = "no response"
	default:
		row.Status = x.Response.Status
		if x.Response.Error != nil {
			row.Code = x.Response.Error.Code
		}
	}
	if d := x.Diagnosis; d != nil {
		row.Kind = string(d.Kind)
		row.Missing = d.Missing
	}
	return row
}

// pathEditedMsg says the path input changed; the root answers with
// suggestions from the permission reference.
type pathEditedMsg struct{ Value string }

// pathSuggestionsMsg carries completions for one path value.
type pathSuggestionsMsg struct {
	For   string
	Paths []string
}

func suggestPaths(value string) tea.Cmd {
	return func() tea.Msg {
		return pathSuggestionsMsg{For: value, Paths: permissions.Suggest(value, 12)}
	}
}
