package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/internal/qrtext"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/render"
	"github.com/graphtui/graphtui/session"
)

func (a *App) profilesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "profiles",
		Short: "List the configured app profiles (never their secrets)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, ps, err := a.loadProfiles()
			if err != nil {
				return err
			}
			cfg, list := ps.Config, ps.List
			if len(list) == 0 {
				fmt.Fprintf(a.Err, "No profiles yet.\n%s\n", session.AddProfileHint(cfg.Path))
				return nil
			}
			tw := tabwriter.NewWriter(a.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tCLOUD\tTENANT\tCLIENT ID\tKIND")
			for _, p := range list {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Name, p.CloudName(), dash(p.Tenant), dash(p.ClientID), p.Kind())
			}
			tw.Flush()
			fmt.Fprintf(a.Err, "config: %s\n", cfg.Path)
			fmt.Fprintf(a.Err, "token cache: %s\n", s.CacheDescription())
			return nil
		},
	}
}

// dash stands in for a value a profile's kind has none of (a managed
// identity's tenant and client id), so columns stay aligned for awk.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
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
			if p.Kind() == profiles.KindManagedIdentity {
				return usageError("profile %q is a managed identity: it has no app registration to consent to; an admin grants it application permissions by an app role assignment on its service principal. 'graphtui get' on a denied path prints the assignment to make", p.Name)
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
