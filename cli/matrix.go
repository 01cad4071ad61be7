package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

type matrixOptions struct {
	profiles []string
	json     bool
	beta     bool
	timeout  time.Duration
}

type matrixReport struct {
	Path    string              `json:"path"`
	Results []session.MatrixRow `json:"results"`
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
		Args: onePath("matrix"),
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
	if err := lostOptions("matrix", path, nil); err != nil {
		return err
	}
	s, ps, err := a.loadProfiles()
	if err != nil {
		return err
	}
	defer a.noteCache(s)
	list, err := ps.Select(o.profiles)
	if err != nil {
		return &exitError{exitUsage, err}
	}
	build := func(p profiles.Profile) (graph.Request, error) {
		return buildRequest(path, getOptions{output: "json", beta: o.beta}, p)
	}
	rows := s.Matrix(ctx, list, build, session.SendOptions{Timeout: o.timeout})
	if o.json {
		enc := json.NewEncoder(a.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(matrixReport{Path: path, Results: rows})
	}
	writeMatrix(a, rows)
	return nil
}

// writeMatrix prints the grid; the diagnosis titles follow it, since a
// kind alone means little to someone new.
func writeMatrix(a *App, rows []session.MatrixRow) {
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

func hasDiagnosis(rows []session.MatrixRow) bool {
	for _, r := range rows {
		if r.Title != "" {
			return true
		}
	}
	return false
}
