package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/profiles"
)

// matrixParallel bounds the profiles asked at once: enough to be quick,
// few enough not to look like a burst to Graph or the identity platform.
const matrixParallel = 4

type matrixOptions struct {
	profiles []string
	json     bool
	beta     bool
	timeout  time.Duration
}

// matrixRow is one profile's outcome. Its JSON form is part of the CLI's
// interface: scripts read it.
type matrixRow struct {
	Profile   string   `json:"profile"`
	Status    int      `json:"status"`          // HTTP status; 0 when there was no response
	Error     string   `json:"error,omitempty"` // Graph error code, AADSTS code, or what stopped the request
	Roles     *int     `json:"roles"`           // roles in the token; null without a token
	Kind      string   `json:"kind,omitempty"`  // the diagnosis kind
	Title     string   `json:"title,omitempty"` // the diagnosis in one line
	Missing   []string `json:"missing,omitempty"`
	RequestID string   `json:"request_id,omitempty"`
}

type matrixReport struct {
	Path    string      `json:"path"`
	Results []matrixRow `json:"results"`
}

func (a *App) matrixCommand() *cobra.Command {
	var o matrixOptions
	cmd := &cobra.Command{
		Use:   "matrix PATH",
		Short: "Send one GET under every profile and compare status, roles and missing permissions",
		Long: `Send the same GET under every profile (or those given with -p) and print a grid:
the status with Graph's error code or the AADSTS code, how many roles the token
has, the diagnosis and the least-privileged permission it is missing. Profiles
are asked a few at a time. Only the first page is fetched.

Exit status: 0 when the grid was printed, whatever the statuses in it; 2 on
usage or config errors.`,
		Example: `  graphtui matrix /users
  graphtui matrix /sites/root -p contoso-reader,contoso-cert
  graphtui matrix /users --json | jq '.results[] | select(.status != 200)'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("matrix needs exactly one PATH, e.g. 'graphtui matrix /users'")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runMatrix(cmd.Context(), args[0], o)
		},
	}
	f := cmd.Flags()
	// This -p shadows the global one: here it takes a list.
	f.StringSliceVarP(&o.profiles, "profile", "p", nil, "profiles to compare, comma-separated (default: every profile)")
	f.BoolVar(&o.json, "json", false, `print {"path":..., "results":[{"profile", "status", "error", "roles", "kind", "title", "missing", "request_id"}]}`)
	f.BoolVar(&o.beta, "beta", false, "use the beta API instead of each profile's api_version")
	f.DurationVar(&o.timeout, "timeout", 30*time.Second, "timeout of each HTTP attempt")
	return cmd
}

func (a *App) runMatrix(ctx context.Context, path string, o matrixOptions) error {
	list, err := a.matrixProfiles(o.profiles)
	if err != nil {
		return err
	}
	m := a.authManager() // created once, before the workers share it
	rows := make([]matrixRow, len(list))
	var g errgroup.Group
	g.SetLimit(matrixParallel)
	for i, p := range list {
		g.Go(func() error {
			rows[i] = a.matrixRun(ctx, m, p, path, o)
			return nil
		})
	}
	g.Wait()
	if o.json {
		enc := json.NewEncoder(a.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(matrixReport{Path: path, Results: rows})
	}
	writeMatrix(a, rows)
	return nil
}

// matrixProfiles picks the profiles to run: all in config order, or the
// named ones in the order given.
func (a *App) matrixProfiles(names []string) ([]profiles.Profile, error) {
	cfg, err := a.loadConfig()
	if err != nil {
		return nil, err
	}
	all := a.allProfiles(cfg)
	if len(all) == 0 {
		return nil, usageError("no profiles in %s\n%s", cfg.Path, addProfileHint(cfg.Path))
	}
	if len(names) == 0 {
		return all, nil
	}
	var known []string
	byName := map[string]profiles.Profile{}
	for _, p := range all {
		byName[p.Name] = p
		known = append(known, p.Name)
	}
	var out []profiles.Profile
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		p, ok := byName[n]
		if !ok {
			return nil, usageError("no profile named %q in %s; known profiles: %s", n, cfg.Path, strings.Join(known, ", "))
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, p)
		}
	}
	return out, nil
}

// matrixRun sends the GET as one profile and sums up the outcome.
func (a *App) matrixRun(ctx context.Context, m *auth.Manager, p profiles.Profile, path string, o matrixOptions) matrixRow {
	row := matrixRow{Profile: p.Name}
	req, err := buildRequest(path, getOptions{output: "json", beta: o.beta}, p)
	if err != nil {
		row.Error = a.redact(err.Error())
		return row
	}
	tok, err := m.Token(ctx, p)
	if err != nil {
		a.matrixTokenFailure(&row, err, p)
		return row
	}
	n := len(tok.Claims.Roles)
	row.Roles = &n
	client, err := a.newGraphClient(p, m, o.timeout)
	if err != nil {
		row.Error = "config: " + a.redact(err.Error())
		return row
	}
	resp, err := client.Get(ctx, req, nil)
	var fh *graph.ForeignHostError
	switch {
	case errors.As(err, &fh):
		row.Error = "refused: not this profile's Graph host"
		return row
	case err != nil:
		var te *auth.TokenError
		if errors.As(err, &te) {
			a.matrixTokenFailure(&row, err, p)
			return row
		}
		row.Error = "no response: " + a.redact(err.Error())
		return row
	}
	row.Status = resp.Status
	row.RequestID = resp.RequestID
	if resp.Error != nil {
		row.Error = resp.Error.Code
		a.fillDiagnosis(&row, diagnoseResponse(resp, tok, p))
	}
	return row
}

func (a *App) matrixTokenFailure(row *matrixRow, err error, p profiles.Profile) {
	var te *auth.TokenError
	var ce *auth.CredentialError
	switch {
	case errors.As(err, &te) && te.Code != 0:
		row.Error = "AADSTS" + strconv.Itoa(te.Code)
	case errors.As(err, &te) && te.OAuthError != "":
		row.Error = te.OAuthError
	case errors.As(err, &ce):
		row.Error = "credential not loaded"
	default:
		row.Error = "token request failed"
	}
	a.fillDiagnosis(row, doctor.Diagnose(doctor.Input{Profile: p, TokenErr: err, Now: time.Now()}))
}

func (a *App) fillDiagnosis(row *matrixRow, d *doctor.Diagnosis) {
	if d == nil {
		return
	}
	row.Kind = string(d.Kind)
	row.Title = termsafe.Strip(a.redact(d.Title))
	row.Missing = d.Missing
}

// writeMatrix prints the grid; the diagnosis titles follow it, since a
// kind alone means little to someone new.
func writeMatrix(a *App, rows []matrixRow) {
	tw := tabwriter.NewWriter(a.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROFILE\tSTATUS\tERROR\tROLES\tDIAGNOSIS\tMISSING")
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, r := range rows {
		status, roles := "-", "-"
		if r.Status != 0 {
			status = strconv.Itoa(r.Status)
		}
		if r.Roles != nil {
			roles = strconv.Itoa(*r.Roles)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Profile, status, dash(termsafe.Strip(r.Error)), roles, dash(r.Kind), dash(strings.Join(r.Missing, " or ")))
	}
	tw.Flush()
	if !hasDiagnosis(rows) {
		return
	}
	fmt.Fprintln(a.Out)
	tw = tabwriter.NewWriter(a.Out, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		if r.Title != "" {
			fmt.Fprintf(tw, "%s\t%s\n", r.Profile, r.Title)
		}
	}
	tw.Flush()
	fmt.Fprintln(a.Err, "For the full diagnosis of one profile: graphtui get PATH -p PROFILE")
}

func hasDiagnosis(rows []matrixRow) bool {
	for _, r := range rows {
		if r.Title != "" {
			return true
		}
	}
	return false
}
