package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/internal/qrtext"
	"github.com/graphtui/graphtui/render"
	"github.com/graphtui/graphtui/session"
)

func (a *App) profilesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "profiles",
		Short: "List the configured app profiles (never their secrets)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, ps, err := a.loadProfiles()
			if err != nil {
				return err
			}
			cfg, list := ps.Config, ps.List
			if len(list) == 0 {
				fmt.Fprintf(a.Err, "No profiles yet.\n%s\n", session.AddProfileHint(cfg.Path))
				return nil
			}
			tw := tabwriter.NewWriter(a.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tCLOUD\tTENANT\tCLIENT ID\tCREDENTIAL")
			for _, p := range list {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Name, p.CloudName(), p.Tenant, p.ClientID, p.CredentialKind())
			}
			tw.Flush()
			fmt.Fprintf(a.Err, "config: %s\n", cfg.Path)
			return nil
		},
	}
}

func (a *App) consentURLCommand() *cobra.Command {
	var withQR bool
	cmd := &cobra.Command{
		Use:   "consent-url",
		Short: "Print the admin-consent URL for the profile's app, cloud and tenant",
		Long: `Print the URL where a tenant administrator grants the app's application
permissions (admin consent). After consent, get a fresh token with
'graphtui token --refresh' and check its roles.

With --qr the URL is also drawn as a QR code, to open it on a phone (an
administrator's, during a demo).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, p, err := a.profile()
			if err != nil {
				return err
			}
			u := p.AdminConsentURL()
			fmt.Fprintln(a.Out, u)
			if !withQR {
				return nil
			}
			code, err := qrtext.Render(u, a.colorMode("auto") != render.ColorNone)
			if err != nil {
				return &exitError{exitFailure, err}
			}
			fmt.Fprintln(a.Out)
			fmt.Fprintln(a.Out, strings.Join(code.Lines, "\n"))
			return nil
		},
	}
	cmd.Flags().BoolVar(&withQR, "qr", false, "also draw the URL as a QR code")
	return cmd
}
