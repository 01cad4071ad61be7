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
	"github.com/graphtui/graphtui/profiles"
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
			p, err := a.profile()
			if err != nil {
				return err
			}
			m := a.authManager()
			get := m.Token
			if refresh {
				get = m.Refresh
			}
			tok, err := get(cmd.Context(), p)
			if err != nil {
				a.printAuthError(err, p)
				return &exitError{exitFailure, errReported}
			}
			if raw {
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

// writeClaims prints a token's claims, roles one per line. It never prints
// the token.
func writeClaims(w io.Writer, t *auth.Token, now time.Time) {
	c := t.Claims
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s\t%s\n", k, v)
		}
	}
	row("profile", t.Profile)
	row("source", fmt.Sprintf("%s (%s)", t.Source, t.Took.Round(time.Millisecond)))
	row("expires", fmt.Sprintf("%s (%s)", t.ExpiresOn.Local().Format("2006-01-02 15:04:05 MST"), untilText(t.ExpiresOn, now)))
	row("aud", c.Audience)
	row("iss", c.Issuer)
	row("tid", c.TenantID)
	row("appid", c.AppID)
	row("app_displayname", c.AppDisplayName)
	row("idtyp", c.IDType)
	row("iat", timeText(c.IssuedAt))
	row("nbf", timeText(c.NotBefore))
	row("exp", timeText(c.ExpiresAt))
	tw.Flush()

	if len(c.Roles) == 0 {
		fmt.Fprintln(w, "\nroles: none (no application permission has admin consent)")
	} else {
		fmt.Fprintf(w, "\nroles (%d):\n", len(c.Roles))
		for _, r := range c.Roles {
			fmt.Fprintf(w, "  %s\n", r)
		}
	}
	if len(c.WIDs) > 0 {
		fmt.Fprintf(w, "\nwids (%d):\n", len(c.WIDs))
		for _, r := range c.WIDs {
			fmt.Fprintf(w, "  %s\n", r)
		}
	}
	if len(c.Other) > 0 {
		fmt.Fprintln(w, "\nother claims:")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, o := range c.Other {
			fmt.Fprintf(tw, "  %s\t%s\n", o.Name, o.Value)
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

// printAuthError explains a failed token acquisition on stderr.
func (a *App) printAuthError(err error, p profiles.Profile) {
	w := a.Err
	var te *auth.TokenError
	var ce *auth.CredentialError
	switch {
	case errors.As(err, &te):
		fmt.Fprintf(w, "Token request failed for profile %q", p.Name)
		if te.Status != 0 {
			fmt.Fprintf(w, " (HTTP %d)", te.Status)
		}
		fmt.Fprintln(w)
		if te.Code != 0 {
			fmt.Fprintf(w, "  error:       AADSTS%d %s\n", te.Code, te.OAuthError)
		} else if te.OAuthError != "" {
			fmt.Fprintf(w, "  error:       %s\n", te.OAuthError)
		}
		if te.Description != "" {
			fmt.Fprintf(w, "  description: %s\n", a.redact(te.Description))
		}
		if te.Err != nil {
			fmt.Fprintf(w, "  detail:      %s\n", a.redact(te.Err.Error()))
		}
		for _, kv := range [][2]string{{"trace id", te.TraceID}, {"correlation", te.CorrelationID}, {"timestamp", te.Timestamp}} {
			if kv[1] != "" {
				fmt.Fprintf(w, "  %-12s %s\n", kv[0]+":", kv[1])
			}
		}
		if te.Cause != "" {
			fmt.Fprintf(w, "Cause: %s.\n", strings.TrimSuffix(te.Cause, "."))
		}
		if te.NextStep != "" {
			fmt.Fprintf(w, "Next:  %s\n", te.NextStep)
		}
		if te.Code == 700016 || te.Code == 7000112 {
			fmt.Fprintf(w, "Admin consent URL: %s\n", p.AdminConsentURL())
		}
	case errors.As(err, &ce):
		fmt.Fprintf(w, "Could not load the credential of profile %q: %s\n", p.Name, a.redact(ce.Err.Error()))
		fmt.Fprintln(w, "Nothing was sent to the identity platform. Fix the profile's client_secret reference or certificate and try again.")
	default:
		fmt.Fprintf(w, "Token request failed for profile %q: %s\n", p.Name, a.redact(err.Error()))
	}
}
