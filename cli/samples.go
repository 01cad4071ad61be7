package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/samples"
)

func (a *App) samplesCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "samples [FILTER]",
		Short: "List sample GET queries from the Graph docs that an app can call",
		Long: `List the GET requests of the Microsoft Graph v1.0 API reference's examples
that an app can call (client credentials), each with its least-privileged
application permission and its workload (users, mail, calendar, files,
sites, teams, identity, devices...). The docs' /me forms are written as
/users/{id}; fill the placeholders in braces before sending. No profile or
config is needed.

FILTER keeps the samples whose path, permission or workload contains each
of its words, ignoring case; several arguments are several words.

Exit status: 0 when a sample matches, 1 when none does.`,
		Example: `  graphtui samples mail
  graphtui samples sites lists
  graphtui samples Group.Read.All --json | jq -r '.[].path'`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			filter := strings.Join(args, " ")
			found := samples.Search(filter)
			if len(found) == 0 {
				return &exitError{exitFailure, fmt.Errorf("no sample matches %q: try a workload (%s) or a permission name",
					termsafe.Line(filter), strings.Join(samples.Workloads(), ", "))}
			}
			if asJSON {
				return printSamplesJSON(a.Out, found)
			}
			return printSamples(a.Out, found)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print the samples as one JSON array of {"method", "path", "permission", "workload"}`)
	return cmd
}

func printSamplesJSON(w io.Writer, list []samples.Sample) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(list)
}

// printSamples writes one sample a line, the path last: it is the longest
// and what a reader copies.
func printSamples(w io.Writer, list []samples.Sample) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WORKLOAD\tPERMISSION\tPATH")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Workload, s.Permission, termsafe.Line(s.Path))
	}
	return tw.Flush()
}
