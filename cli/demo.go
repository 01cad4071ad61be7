package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/profiles"
)

func (a *App) demoCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Open the terminal UI on a built-in demo tenant (no Azure account needed)",
		Long: `Start the demo tenant in this process (a fake identity platform and Graph on
loopback TLS) and open the terminal UI with its profiles. Nothing is written to
your real config.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runDemo(cmd)
		},
	}
	cmd.Flags().Bool("presenter", false, presenterUsage)
	cmd.AddCommand(a.demoServeCommand())
	return cmd
}

func (a *App) demoServeCommand() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the demo tenant in the foreground for other tools (curl, Postman, graphtui get)",
		Long: `Run the demo tenant in the foreground until interrupted. Its CA certificate,
the demo apps' credentials and a ready-made graphtui config are written to a
directory (a new temporary one unless --dir is given), and the endpoints and
example commands are printed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runDemoServe(cmd.Context(), dir)
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "directory for ca.pem, credentials and config.toml (default: a new temporary directory)")
	return cmd
}

// startDemo starts the tenant and writes its config, with the identity
// profiles, into dir (a new temporary directory when empty). The cleanup
// removes what it created.
func startDemo(dir string) (*demo.Tenant, string, func(), error) {
	t, err := demo.Start(demo.Options{Users: demo.LargeDirectoryUsers})
	if err != nil {
		return nil, "", nil, fmt.Errorf("cannot start the demo tenant: %w", err)
	}
	created := false
	if dir == "" {
		dir, err = os.MkdirTemp("", "graphtui-demo-")
		if err != nil {
			t.Close()
			return nil, "", nil, err
		}
		created = true
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Close()
		return nil, "", nil, err
	}
	cfg, err := t.WriteDemoConfig(dir)
	if err != nil {
		t.Close()
		return nil, "", nil, err
	}
	cleanup := func() {
		t.Close()
		if created {
			os.RemoveAll(dir)
		}
	}
	return t, cfg, cleanup, nil
}

func (a *App) runDemoServe(ctx context.Context, dir string) error {
	keep := dir != "" // --dir names a place the user chose: it stays
	t, cfg, cleanup, err := startDemo(dir)
	if err != nil {
		return &exitError{exitFailure, err}
	}
	defer cleanup()
	dir = filepath.Dir(cfg)
	caPath := filepath.Join(dir, "ca.pem")
	miEnv := t.ManagedIdentityEnv()
	fmt.Fprintf(a.Out, `graphtui demo tenant is running (%s, tenant %s)

  identity platform  %s/%s/oauth2/v2.0/token
  Microsoft Graph    %s/v1.0
  CA certificate     %s
  graphtui config    %s

Try it from another shell:

  export GRAPHTUI_CONFIG=%s
  graphtui profiles
  graphtui get /users --all -q '$top=999' -o json | jq '.value | length'   # 100,010 users, 101 pages
  graphtui token -p contoso-reader
  graphtui get /users -p no-consent      # 401: no admin consent, with cause and next step
  graphtui get '/demo/largePage?mb=20'   # not Graph: one ~20 MB page (mb=1..60), to try big bodies

The managed identity profiles (mi-reader, mi-missing-role) need the demo's
App Service-style identity endpoint in that shell's environment:

  export IDENTITY_ENDPOINT=%s
  export IDENTITY_HEADER=%s
  graphtui token -p mi-reader
  graphtui token -p managed-identity     # the implicit profile of an Azure host
  graphtui get /users -p mi-missing-role # 403: the app role assignment that fixes it
  graphtui get /users -p fed-wrong-subject  # AADSTS70021: the federated credential that matches

With curl (the secret is in the file the config's client_secret points to):

  curl --cacert %s -d grant_type=client_credentials \
       -d client_id=%s --data-urlencode client_secret@%s \
       -d scope=%s/.default %s/%s/oauth2/v2.0/token

The config file:

`, demo.TenantDomain, t.TenantID(), t.LoginURL(), t.TenantID(), t.GraphURL(), caPath, cfg,
		cfg, miEnv["IDENTITY_ENDPOINT"], miEnv["IDENTITY_HEADER"], caPath, demo.ClientIDReader, filepath.Join(dir, demo.ProfileReader+".secret"), t.GraphURL(), t.LoginURL(), t.TenantID())
	if b, err := os.ReadFile(cfg); err == nil {
		a.Out.Write(b)
	}
	if keep {
		fmt.Fprintf(a.Out, "\nPress Ctrl+C to stop; the files in %s are kept (the credentials stop working when the tenant stops).\n", dir)
	} else {
		fmt.Fprintln(a.Out, "\nPress Ctrl+C to stop; the temporary files are removed on exit.")
	}
	<-ctx.Done()
	return nil
}

func (a *App) runDemo(cmd *cobra.Command) error {
	if !a.IsTerminal(a.Out) {
		return usageError("the demo opens the terminal UI and needs a terminal; 'graphtui demo serve' runs the demo tenant for other tools")
	}
	t, cfg, cleanup, err := startDemo("")
	if err != nil {
		return &exitError{exitFailure, err}
	}
	defer cleanup()
	restore, err := setEnv(t.ManagedIdentityEnv())
	if err != nil {
		return &exitError{exitFailure, err}
	}
	defer restore()
	// The variables are the demo host's, for mi-reader and mi-missing-role:
	// they must not also bring the implicit managed-identity profile.
	lookup := a.LookupEnv
	a.LookupEnv = func(k string) (string, bool) {
		if _, set := t.ManagedIdentityEnv()[k]; set {
			return "", false
		}
		return lookup(k)
	}
	a.configFlag = cfg
	// The demo's tokens die with it: nothing of it goes to the user's cache.
	a.tokenCache = profiles.TokenCacheOff
	return a.startTUI(cmd, "demo tenant")
}

// setEnv sets the variables in this process only (MSAL's managed identity
// support reads the process environment), as an Azure host would; restore
// puts the old values back. The user's shell never sees them.
func setEnv(vars map[string]string) (restore func(), err error) {
	var undo []func()
	restore = func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	for k, v := range vars {
		old, had := os.LookupEnv(k)
		if err := os.Setenv(k, v); err != nil {
			restore()
			return nil, fmt.Errorf("cannot set %s for the demo: %w", k, err)
		}
		undo = append(undo, func() {
			if had {
				os.Setenv(k, old)
			} else {
				os.Unsetenv(k)
			}
		})
	}
	return restore, nil
}
