package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/permissions"
)

func (a *App) permissionsCommand() *cobra.Command {
	var asJSON bool
	var method, role string
	cmd := &cobra.Command{
		Use:   "permissions PATH [--method M] | --role NAME",
		Short: "Show which application permissions allow a method on a Graph path, or what one permission allows",
		Long: `Look a Graph path or URL up in the built-in Microsoft Graph permissions
reference and print the pattern it matches, the least-privileged application
permission(s) for the method (GET unless --method says otherwise), those
needed together where one is not enough, and every other application
permission that allows it. Ids, the version prefix, the query string and the
host are ignored. No profile or config is needed.

With --role NAME, the other way round: every method and path the application
permission allows, grouped by resource, with its app role id and privilege
level.

Exit status: 0 when the path (or permission) is in the reference (also when
the path is not callable app-only), 1 when it is not.`,
		Example: `  graphtui permissions /users/adele@contoso.com/messages
  graphtui permissions /users/adele@contoso.com/sendMail --method POST
  graphtui permissions 'https://graph.microsoft.com/v1.0/sites/root/lists?$top=5'
  graphtui permissions /groups --json | jq -r .least
  graphtui permissions --role Mail.Send`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case role != "" && len(args) > 0:
				return usageError("give a PATH or --role NAME, not both")
			case role != "" && cmd.Flags().Changed("method"):
				return usageError("--role lists every method the permission allows; --method goes with a PATH")
			case role == "" && len(args) != 1:
				return usageError("permissions needs exactly one PATH (e.g. /users), or --role NAME")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if role != "" {
				return a.runRole(role, asJSON)
			}
			m, ok := permissions.LookupMethod(method, args[0])
			switch {
			case !ok && !slices.ContainsFunc(permissions.Methods(), func(k string) bool { return strings.EqualFold(k, method) }):
				return usageError("unknown --method %q: use %s", termsafe.Line(method), strings.Join(permissions.Methods(), ", "))
			case !ok:
				return unknownPath(m, args[0])
			}
			if asJSON {
				return printPermissionsJSON(a.Out, m)
			}
			printPermissions(a.Out, m)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&method, "method", "GET", "the HTTP method: "+strings.Join(permissions.Methods(), ", "))
	f.StringVar(&role, "role", "", "list what the application permission NAME allows instead")
	f.BoolVar(&asJSON, "json", false, `print {"path", "pattern", "method", "least", "co_least", "rsc", "all", "combinations"} (with --role: the permission and what it allows) as one JSON object`)
	return cmd
}

// unknownPath says so and offers the closest patterns to try instead:
// the methods the path is listed for, completions of what was typed, else
// of its longest known parent.
func unknownPath(m permissions.Match, typed string) error {
	var b strings.Builder
	if len(m.Methods) > 0 {
		fmt.Fprintf(&b, "the reference lists %s for %s only, not %s", m.Pattern, strings.Join(m.Methods, ", "), m.Method)
		return &exitError{exitFailure, errors.New(b.String())}
	}
	fmt.Fprintf(&b, "no such path in the reference: %s (%s)", m.Path, m.Method)
	s := permissions.SuggestMethod(m.Method, typed, 5)
	for parent := m.Path; len(s) == 0 && strings.Count(parent, "/") > 1; {
		parent = parent[:strings.LastIndexByte(parent, '/')]
		s = permissions.SuggestMethod(m.Method, parent+"/", 5)
	}
	if len(s) > 0 {
		b.WriteString("\nClosest paths:\n  " + strings.Join(s, "\n  "))
	}
	return &exitError{exitFailure, errors.New(b.String())}
}

type combinationJSON struct {
	Permissions []string `json:"permissions"`
	Least       bool     `json:"least"`
}

// printPermissionsJSON prints least as one name, graphtui's pick (the one
// matrix and the diagnosis name), "" when none; co_least holds the equally
// good alternatives, combinations the permissions needed together.
func printPermissionsJSON(w io.Writer, m permissions.Match) error {
	least := ""
	if len(m.Least) > 0 {
		least = m.Least[0]
	}
	combos := []combinationJSON{}
	for _, c := range m.Combinations {
		combos = append(combos, combinationJSON{nonNil(c.Permissions), c.Least})
	}
	return writeJSON(w, struct {
		Path         string            `json:"path"`
		Pattern      string            `json:"pattern"`
		Method       string            `json:"method"`
		Least        string            `json:"least"`
		CoLeast      []string          `json:"co_least"`
		RSC          []string          `json:"rsc"`
		All          []string          `json:"all"`
		Combinations []combinationJSON `json:"combinations"`
	}{m.Path, m.Pattern, m.Method, least, nonNil(m.CoLeast), nonNil(m.RSC), nonNil(m.All), combos}, false)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func printPermissions(w io.Writer, m permissions.Match) {
	fmt.Fprintf(w, "path     %s\npattern  %s\n\n", m.Path, m.Pattern)
	if m.Note != "" {
		fmt.Fprintf(w, "%s\n\n", m.Note)
	}
	if !m.AppOnly {
		printNotAppCallable(w, m)
		return
	}
	pick := m.Pick()
	var others []permissions.Combination
	switch {
	case len(m.Combinations) > 0 && m.Combinations[0].Least:
		fmt.Fprintf(w, "Least-privileged application permissions for %s, needed together:\n  %s\n", m.Method, together(pick))
		others = m.Combinations[1:]
		if len(m.All) > 0 {
			fmt.Fprintln(w, "\nAlso allowed alone (broader), lowest privilege level first:")
			printPermissionList(w, byPrivilege(m.All))
		}
	case len(m.Least) > 0:
		word := "permission"
		if len(m.Least) > 1 {
			word = "permissions (any one)"
		}
		fmt.Fprintf(w, "Least-privileged application %s for %s:\n", word, m.Method)
		printPermissionList(w, m.Least)
		if rest := byPrivilege(m.All[len(m.Least):]); len(rest) > 0 {
			// The reference ranks by what a permission reaches, so a broader
			// one may still have a lower privilege level than the least.
			fmt.Fprintln(w, "\nAlso allowed (broader), lowest privilege level first:")
			printPermissionList(w, rest)
		}
		others = m.Combinations
	default:
		// Only combinations allow it, none flagged least: the first is the pick.
		fmt.Fprintf(w, "Application permissions for %s, needed together:\n  %s\n", m.Method, together(pick))
		others = m.Combinations[1:]
	}
	if len(others) > 0 {
		fmt.Fprintln(w, "\nAlso allowed, each line needed together:")
		for _, c := range others {
			fmt.Fprintf(w, "  %s\n", together(c.Permissions))
		}
	}
	fmt.Fprintln(w, "\nprivilege N is the reference's privilege level of the permission: higher grants more.")
	if len(m.RSC) > 0 {
		fmt.Fprintf(w, "\nResource-specific consent (per team or chat): %s\n%s\n", strings.Join(m.RSC, ", "), permissions.RSCNote)
	}
}

// together writes permissions needed at once: "A together with B".
func together(names []string) string {
	return strings.Join(names, " together with ")
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
		fmt.Fprintf(w, "Not callable app-only: the reference lists no application permission for %s on\nthis path. It needs a delegated token (a signed-in user).\n", m.Method)
		return
	}
	fmt.Fprintln(w, "Not callable app-only: /me means the signed-in user, and an app token has none.")
	if u, ok := permissions.LookupMethod(m.Method, m.Instead); m.Instead != "" && ok && u.AppOnly {
		needs := strings.Join(u.Least, " or ")
		if len(u.Least) == 0 || len(u.Combinations) > 0 && u.Combinations[0].Least {
			needs = together(u.Pick())
		}
		fmt.Fprintf(w, "Name the user instead: %s needs %s.\n", m.Instead, needs)
		return
	}
	fmt.Fprintln(w, "Name the user instead: /users/{id or userPrincipalName}/...")
}
