package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/session"
)

func (a *App) logoutCommand() *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:   "logout",
		Short: "Delete the cached tokens of the profile (-p NAME) or of every profile (--all)",
		Long: `Delete the tokens graphtui keeps for the profile (-p, $GRAPHTUI_PROFILE or the
first profile) from the token cache, or with --all every cached token and the cache
file itself. The next command asks the identity platform for a new token. Secrets
and certificates are never in the cache, so nothing else changes.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if all && a.profileFlag != "" {
				return usageError("give either -p NAME or --all, not both")
			}
			s, err := a.session()
			if err != nil {
				return err
			}
			name := ""
			if !all {
				if name, err = a.logoutName(s); err != nil {
					return err
				}
			}
			msg, err := s.Logout(name, all)
			if err != nil {
				return &exitError{exitFailure, err}
			}
			fmt.Fprintln(a.Err, msg)
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "delete every cached token (the whole cache file)")
	return cmd
}

// logoutName is the profile to log out: a name given with -p or
// $GRAPHTUI_PROFILE is taken as is, so tokens of a profile since renamed
// or removed can still go; without one, the first profile.
func (a *App) logoutName(s *session.Session) (string, error) {
	if name := s.ProfileName(a.profileFlag); name != "" {
		return name, nil
	}
	_, p, err := a.profile()
	if err != nil {
		return "", err
	}
	return p.Name, nil
}

// noteCache tells, once per run on stderr, that tokens stay in memory for
// want of a keyring, and any cache write that failed.
func (a *App) noteCache(s *session.Session) {
	if n := s.CacheNotice(); n != "" {
		fmt.Fprintln(a.Err, "graphtui:", n)
	}
	for _, p := range s.Auth.Cache().Problems() {
		fmt.Fprintln(a.Err, "graphtui:", a.redact(p))
	}
}
