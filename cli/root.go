// Package cli is graphtui's command line: the scriptable commands beside
// the TUI, sharing one way to find the config, pick a profile and get tokens.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/redact"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// Exit codes, as documented in the README.
const (
	exitOK      = 0
	exitFailure = 1 // HTTP or token failure
	exitUsage   = 2 // usage or config error
)

// App is one run of the command line. Tests build it with their own
// streams and environment.
type App struct {
	Out, Err  io.Writer
	In        io.Reader // stdin: a request's body (--body -), a write's confirmation
	LookupEnv func(string) (string, bool)
	Build     BuildInfo
	// IsTerminal reports whether w is an interactive terminal (colour, TUI).
	IsTerminal func(w io.Writer) bool
	// Keyring backs keyring: secret references.
	Keyring profiles.Keyring
	// TokenTimeout bounds each token request and SecretTimeout each cmd:
	// or keyring: secret reference; zero means the packages' defaults.
	TokenTimeout, SecretTimeout time.Duration

	// tuneClient adjusts every Graph client before use (tests: retry
	// sleeps, the body cap).
	tuneClient func(*graph.Client)

	configFlag  string
	profileFlag string
	// tokenCache overrides token_cache for this run ("off" in the demo).
	tokenCache string
	sess       *session.Session
	// auth is the session's token manager once it is open; a test may set
	// its own before Run.
	auth *auth.Manager
}

// Main runs graphtui with the process's streams and returns its exit code.
func Main(b BuildInfo, args []string) int {
	// A closed terminal (SIGHUP), kill (SIGTERM) and Ctrl+C end the run the
	// way q does: the context ends, the TUI restores the terminal, deferred
	// cleanups (the demo's temporary secrets) run, and the exit is 0.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	app := &App{
		In:         os.Stdin,
		Out:        os.Stdout,
		Err:        os.Stderr,
		LookupEnv:  os.LookupEnv,
		Build:      b.resolved(),
		IsTerminal: isTerminal,
		Keyring:    profiles.SystemKeyring(5 * time.Second),
	}
	return app.Run(ctx, args)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(format string, args ...any) error {
	return &exitError{exitUsage, fmt.Errorf(format, args...)}
}

// failure is an HTTP or token failure whose details were already printed.
var errReported = errors.New("reported")

// Run executes one command line and returns the exit code.
func (a *App) Run(ctx context.Context, args []string) int {
	if a.LookupEnv == nil {
		a.LookupEnv = func(string) (string, bool) { return "", false }
	}
	if a.In == nil {
		a.In = strings.NewReader("")
	}
	if a.IsTerminal == nil {
		a.IsTerminal = func(io.Writer) bool { return false }
	}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(a.Out)
	root.SetErr(a.Err)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if !errors.Is(ee.err, errReported) {
			fmt.Fprintln(a.Err, "graphtui:", a.redact(ee.err.Error()))
		}
		return ee.code
	}
	// Anything cobra itself rejects (unknown flag or command) is usage.
	fmt.Fprintln(a.Err, "graphtui:", a.redact(err.Error()))
	fmt.Fprintln(a.Err, "Run 'graphtui --help' for usage.")
	return exitUsage
}

func (a *App) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "graphtui",
		Short: "Explore Microsoft Graph with app-only access, and learn why a call was denied",
		Long: `graphtui explores Microsoft Graph as an app (client credentials, no signed-in user).
Run it without a command to open the terminal UI, or 'graphtui demo' to try it on a
built-in demo tenant.`,
		Version:       a.Build.String(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          unknownCommand,
		// cobra applies its default distance only on its own path.
		SuggestionsMinimumDistance: 2,
		RunE:                       a.runTUI,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().Bool("presenter", false, presenterUsage)
	pf := root.PersistentFlags()
	pf.StringVar(&a.configFlag, "config", "", "config file (default: $GRAPHTUI_CONFIG or <user config dir>/graphtui/config.toml)")
	pf.StringVarP(&a.profileFlag, "profile", "p", "", "profile to use (default: $GRAPHTUI_PROFILE or the first profile)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if hint := odataFlagHint(err); hint != "" {
			return usageError("%v\n%s", err, hint)
		}
		return usageError("%v\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	root.AddCommand(
		a.getCommand(),
		a.tokenCommand(),
		a.logoutCommand(),
		a.profilesCommand(),
		a.consentURLCommand(),
		a.demoCommand(),
		a.matrixCommand(),
		a.permissionsCommand(),
		a.requestCommand(),
		a.explainCommand(),
		a.auditCommand(),
		a.samplesCommand(),
		a.manCommand(),
	)
	a.addCompletions(root)
	return root
}

func (a *App) redact(s string) string {
	if a.auth != nil {
		return a.auth.Redact(s)
	}
	return redact.String(s)
}
