package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

func (a *App) tokenCommand() *cobra.Command {
	var raw, refresh bool
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Get an app-only token for the profile and show its decoded claims",
		Long: `Get an app-only token for the profile and show its decoded claims: audience,
tenant, app, and the application permissions (roles) it carries. The token itself
is printed only with --raw.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, p, err := a.profile()
			if err != nil {
				return err
			}
			tok, err := s.Token(cmd.Context(), p, refresh)
			if err != nil {
				a.printAuthError(err, p)
				return &exitError{exitFailure, errReported}
			}
			a.noteCache(s)
			if raw {
				if !plausibleToken(tok.Raw()) {
					return &exitError{exitFailure, errors.New("the identity platform answered with an access token that holds spaces, control characters or non-ASCII bytes, which no token has, so it was not printed; check that authority_host points at the Microsoft identity platform")}
				}
				fmt.Fprintln(a.Out, tok.Raw())
				return nil
			}
			writeClaims(a.Out, tok, time.Now())
			return nil
		},
	}
	cmd.Flags().BoolVar(&raw, "raw", false, "print the raw access token (a credential: handle with care)")
	cmd.Flags().BoolVar(&refresh, "refresh", false, "ignore any cached token and ask the identity platform")
	return cmd
}

// plausibleToken reports whether s could be an access token: printable
// ASCII without spaces (a JWT is base64url and dots). Anything else is not
// printed by token --raw, as it could drive the terminal or the script
// that reads it.
func plausibleToken(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r > '~' })
}

// writeClaims prints a token's claims, roles one per line. It never prints
// the token.
func writeClaims(w io.Writer, t *auth.Token, now time.Time) {
	c := t.Claims
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	// Claim values are the identity platform's (or a brought token's)
	// text: nothing in them may drive the terminal.
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s\t%s\n", k, termsafe.Line(v))
		}
	}
	row("profile", t.Profile)
	row("kind", t.Kind)
	row("source", fmt.Sprintf("%s (%s)", t.Source.Label(), t.Took.Round(time.Millisecond)))
	row("expires", fmt.Sprintf("%s (%s)", t.ExpiresOn.Local().Format("2006-01-02 15:04:05 MST"), untilText(t.ExpiresOn, now)))
	if f := t.Federated; f != nil {
		// What the federated credential is matched on; never the assertion.
		row("assertion iss", f.Issuer)
		row("assertion sub", f.Subject)
		row("assertion aud", f.Audience)
	}
	if t.Delegated {
		row("note", auth.DelegatedLabel)
	}
	if t.ClaimsErr != nil {
		tw.Flush()
		fmt.Fprintf(w, "\nclaims: %v. Microsoft Graph tokens are JWTs: check that authority_host points at the Microsoft identity platform.\n", t.ClaimsErr)
		return
	}
	for _, f := range c.Fields() {
		row(f.Name, f.Value)
	}
	for _, tc := range c.Times() {
		row(tc.Name, timeText(tc.At))
	}
	tw.Flush()

	if len(c.Roles) == 0 {
		fmt.Fprintln(w, "\nroles: none (no application permission has admin consent)")
	} else {
		fmt.Fprintf(w, "\nroles (%d):\n", len(c.Roles))
		for _, r := range c.Roles {
			fmt.Fprintf(w, "  %s\n", termsafe.Line(r))
		}
	}
	if len(c.WIDs) > 0 {
		fmt.Fprintf(w, "\nwids (%d):\n", len(c.WIDs))
		for _, r := range c.WIDs {
			fmt.Fprintf(w, "  %s\n", termsafe.Line(r))
		}
	}
	if len(c.Other) > 0 {
		fmt.Fprintln(w, "\nother claims:")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, o := range c.Other {
			fmt.Fprintf(tw, "  %s\t%s\n", termsafe.Line(o.Name), termsafe.Line(o.Value))
		}
		tw.Flush()
	}
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d (%s)", t.Unix(), t.UTC().Format(time.RFC3339))
}

func untilText(exp, now time.Time) string {
	d := exp.Sub(now).Round(time.Second)
	if d <= 0 {
		return "expired " + (-d).String() + " ago"
	}
	return "in " + d.String()
}

// printAuthError explains a failed token acquisition on stderr: a header
// line, then the diagnosis, whose evidence holds the AADSTS code, the
// description and the trace and correlation IDs.
func (a *App) printAuthError(err error, p profiles.Profile) {
	var te *auth.TokenError
	var ce *auth.CredentialError
	switch {
	case errors.As(err, &te) && te.Status != 0:
		fmt.Fprintf(a.Err, "Token request failed for profile %q (HTTP %d)\n", p.Name, te.Status)
	case errors.As(err, &ce):
		fmt.Fprintf(a.Err, "Could not load the credential of profile %q\n", p.Name)
	default:
		fmt.Fprintf(a.Err, "Token request failed for profile %q\n", p.Name)
	}
	a.printDiagnosis(session.DiagnoseToken(p, err))
}
