package session

import (
	"context"
	"errors"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/profiles"
)

// matrixParallel bounds the profiles asked at once: enough to be quick,
// few enough not to look like a burst to Graph or the identity platform.
const matrixParallel = 4

// MatrixRow is one profile's outcome of a request. Its JSON form is part
// of the CLI's interface: scripts read it.
type MatrixRow struct {
	Profile   string   `json:"profile"`
	Status    int      `json:"status"`          // HTTP status; 0 when there was no response
	Error     string   `json:"error,omitempty"` // Graph error code, AADSTS code, or what stopped the request
	Roles     *int     `json:"roles"`           // roles in the token; null without a token
	Kind      string   `json:"kind,omitempty"`  // the diagnosis kind
	Title     string   `json:"title,omitempty"` // the diagnosis in one line
	Missing   []string `json:"missing,omitempty"`
	RequestID string   `json:"request_id,omitempty"`

	// Token and TokenErr are what the profile's token request gave, for
	// the TUI's token badges; never printed.
	Token    *auth.Token `json:"-"`
	TokenErr error       `json:"-"`
}

// The words a matrix row uses when there is no Graph error code.
const (
	ErrCredentialNotLoaded = "credential not loaded"
	ErrTokenRequestFailed  = "token request failed"
	ErrForeignHost         = "refused: not this profile's Graph host"
)

// Matrix sends one request under every profile in list, a few at a time,
// and sums up each outcome in list's order. build makes the request for a
// profile (its api_version may differ); only the first page is fetched.
// A write goes through Send's guard per profile (a profile without
// allow_writes gets a "config:" row and sends nothing), and each
// diagnosis is the doctor's for the request's method.
func (s *Session) Matrix(ctx context.Context, list []profiles.Profile, build func(profiles.Profile) (graph.Request, error), o SendOptions) []MatrixRow {
	rows := make([]MatrixRow, len(list))
	var g errgroup.Group
	g.SetLimit(matrixParallel)
	for i, p := range list {
		g.Go(func() error {
			r, err := build(p)
			if err != nil {
				rows[i] = MatrixRow{Profile: p.Name, Error: s.Redact(err.Error())}
				return nil
			}
			rows[i] = s.matrixRow(s.Send(ctx, p, r, o))
			return nil
		})
	}
	g.Wait()
	return rows
}

func (s *Session) matrixRow(x *Exchange) MatrixRow {
	row := MatrixRow{Profile: x.Profile, Token: x.Token, TokenErr: x.TokenErr}
	if x.Token != nil {
		n := len(x.Token.Claims.Roles)
		row.Roles = &n
	}
	var te *auth.TokenError
	var ce *auth.CredentialError
	var se *SetupError
	var fh *graph.ForeignHostError
	switch {
	case errors.As(x.TokenErr, &te) && te.Code != 0:
		row.Error = "AADSTS" + strconv.Itoa(te.Code)
	case errors.As(x.TokenErr, &te) && te.OAuthError != "":
		row.Error = te.OAuthError
	case errors.As(x.TokenErr, &ce):
		row.Error = ErrCredentialNotLoaded
	case x.TokenErr != nil:
		row.Error = ErrTokenRequestFailed
	case errors.As(x.Err, &fh):
		row.Error = ErrForeignHost
		return row
	case errors.As(x.Err, &se) && se.Profile:
		row.Error = "config: " + s.Redact(se.Err.Error())
		return row
	case x.Response == nil:
		row.Error = "no response"
		if x.Err != nil {
			row.Error += ": " + s.Redact(x.Err.Error())
		}
		return row
	default:
		row.Status = x.Response.Status
		row.RequestID = x.Response.RequestID
		if x.Response.Error == nil {
			return row
		}
		row.Error = x.Response.Error.Code
	}
	if d := x.Diagnosis; d != nil {
		row.Kind = string(d.Kind)
		row.Title = termsafe.Line(s.Redact(d.Title))
		row.Missing = d.Missing
	}
	return row
}
