package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func (a *App) profilesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "profiles",
		Short: "List the configured app profiles (never their secrets)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			list := a.allProfiles(cfg)
			if len(list) == 0 {
				fmt.Fprintf(a.Err, "No profiles yet.\n%s\n", addProfileHint(cfg.Path))
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
	return &cobra.Command{
		Use:   "consent-url",
		Short: "Print the admin-consent URL for the profile's app, cloud and tenant",
		Long: `Print the URL where a tenant administrator grants the app's application
permissions (admin consent). After consent, get a fresh token with
'graphtui token --refresh' and check its roles.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := a.profile()
			if err != nil {
				return err
			}
			fmt.Fprintln(a.Out, p.AdminConsentURL())
			return nil
		},
	}
}
