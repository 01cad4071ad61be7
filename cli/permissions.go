package cli

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/permissions"
)

func (a *App) permissionsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "permissions PATH",
		Short: "Show which application permissions allow GET on a Graph path",
		Long: `Look a Graph path or URL up in the built-in Microsoft Graph permissions
reference and print the pattern it matches, the least-privileged application
permission(s) for GET, and every other application permission that allows it.
Ids, the version prefix, the query string and the host are ignored. No
profile or config is needed.

Exit status: 0 when the path is in the reference (also when it is not callable
app-only), 1 when it is not.`,
		Example: `  graphtui permissions /users/adele@contoso.com/messages
  graphtui permissions 'https://graph.microsoft.com/v1.0/sites/root/lists?$top=5'
  graphtui permissions /groups --json | jq -r .least`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, ok := permissions.Lookup(args[0])
			if !ok {
				return unknownPath(m.Path, args[0])
			}
			if asJSON {
				return printPermissionsJSON(a.Out, m)
			}
			printPermissions(a.Out, m)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"path", "pattern", "least", "co_least", "rsc", "all"} as one JSON object`)
	return cmd
}

// unknownPath says so and offers the closest patterns to try instead:
// completions of what was typed, else of its longest known parent.
func unknownPath(path, typed string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "no such path in the reference: %s (GET)", path)
	s := permissions.Suggest(typed, 5)
	for parent := path; len(s) == 0 && strings.Count(parent, "/") > 1; {
		parent = parent[:strings.LastIndexByte(parent, '/')]
		s = permissions.Suggest(parent+"/", 5)
	}
	if len(s) > 0 {
		b.WriteString("\nClosest paths:\n  " + strings.Join(s, "\n  "))
	}
	return &exitError{exitFailure, errors.New(b.String())}
}

// printPermissionsJSON prints least as one name, graphtui's pick (the one
// matrix and the diagnosis name), "" when none; co_least holds the equally
// good alternatives.
func printPermissionsJSON(w io.Writer, m permissions.Match) error {
	least := ""
	if len(m.Least) > 0 {
		least = m.Least[0]
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Path    string   `json:"path"`
		Pattern string   `json:"pattern"`
		Least   string   `json:"least"`
		CoLeast []string `json:"co_least"`
		RSC     []string `json:"rsc"`
		All     []string `json:"all"`
	}{m.Path, m.Pattern, least, nonNil(m.CoLeast), nonNil(m.RSC), nonNil(m.All)})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func printPermissions(w io.Writer, m permissions.Match) {
	fmt.Fprintf(w, "path     %s\npattern  %s\n\n", m.Path, m.Pattern)
	if !m.AppOnly {
		printNotAppCallable(w, m)
		return
	}
	word := "permission"
	if len(m.Least) > 1 {
		word = "permissions (any one)"
	}
	fmt.Fprintf(w, "Least-privileged application %s for GET:\n", word)
	printPermissionList(w, m.Least)
	if others := byPrivilege(m.All[len(m.Least):]); len(others) > 0 {
		// The reference ranks by what a permission reaches, so a broader
		// one may still have a lower privilege level than the least.
		fmt.Fprintln(w, "\nAlso allowed (broader), lowest privilege level first:")
		printPermissionList(w, others)
	}
	fmt.Fprintln(w, "\nprivilege N is the reference's privilege level of the permission: higher grants more.")
	if len(m.RSC) > 0 {
		fmt.Fprintf(w, "\nResource-specific consent (per team or chat): %s\n%s\n", strings.Join(m.RSC, ", "), permissions.RSCNote)
	}
}

// byPrivilege orders permissions by privilege level, lowest first, unknown
// levels last, keeping the reference's order among equals.
func byPrivilege(names []string) []string {
	out := slices.Clone(names)
	rank := func(n string) int {
		if p := permissions.Privilege(n); p > 0 {
			return p
		}
		return math.MaxInt
	}
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(rank(a), rank(b)) })
	return out
}

func printPermissionList(w io.Writer, names []string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, name := range names {
		note := fmt.Sprintf("privilege %d", permissions.Privilege(name))
		if permissions.Privilege(name) == 0 {
			note = "privilege not given"
		}
		if permissions.IsRSC(name) {
			note += ", resource-specific consent (granted per team, chat or user)"
		}
		fmt.Fprintf(tw, "  %s\t%s\n", name, note)
	}
	tw.Flush()
}

func printNotAppCallable(w io.Writer, m permissions.Match) {
	lower := strings.ToLower(m.Pattern)
	if lower != "/me" && !strings.HasPrefix(lower, "/me/") && !strings.HasPrefix(lower, "/education/me") {
		fmt.Fprintln(w, "Not callable app-only: the reference lists no application permission for GET on\nthis path. It needs a delegated token (a signed-in user).")
		return
	}
	fmt.Fprintln(w, "Not callable app-only: /me means the signed-in user, and an app token has none.")
	if u, ok := permissions.Lookup(m.Instead); m.Instead != "" && ok && u.AppOnly {
		fmt.Fprintf(w, "Name the user instead: %s needs %s.\n", m.Instead, strings.Join(u.Least, " or "))
		return
	}
	fmt.Fprintln(w, "Name the user instead: /users/{id or userPrincipalName}/...")
}
