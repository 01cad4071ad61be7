package cli

import (
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/permissions"
	"github.com/graphtui/graphtui/samples"
)

// pathSuggestions is how many Graph paths a completion offers: as many as
// the TUI's path field shows.
const pathSuggestions = 12

// addCompletions makes the shell completions dynamic, by flag and command
// name over the whole tree, so the commands' own files need not know:
// profiles from the config, Graph paths from the permission reference,
// and the values of --method, -o, --color and --role.
func (a *App) addCompletions(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		complete := func(flag string, f cobra.CompletionFunc) {
			if c.LocalFlags().Lookup(flag) != nil {
				// Only an error for a flag registered twice; each run
				// builds a new tree.
				_ = c.RegisterFlagCompletionFunc(flag, f)
			}
		}
		complete("profile", a.completeProfiles)
		complete("method", completeMethod)
		complete("output", fixedValues("pretty\tindented, coloured on a terminal", "json\tcompact, for jq", "raw\tthe body as received"))
		complete("color", fixedValues("auto\ton a terminal, unless NO_COLOR is set", "always", "never"))
		complete("role", completeRole)
		switch c.Name() {
		case "get", "matrix":
			c.ValidArgsFunction = completePath("GET")
		case "permissions":
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, typed string) ([]string, cobra.ShellCompDirective) {
				if role, _ := cmd.Flags().GetString("role"); role != "" {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				method, _ := cmd.Flags().GetString("method")
				return completePath(method)(cmd, args, typed)
			}
		case "request":
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, typed string) ([]string, cobra.ShellCompDirective) {
				if len(args) == 0 {
					return completeMethod(cmd, args, typed)
				}
				return completePath(args[0])(cmd, args[1:], typed)
			}
		case "samples":
			c.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return samples.Workloads(), cobra.ShellCompDirectiveNoFileComp
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// completeProfiles offers the config's profiles (with matrix's
// comma-separated list, those not listed yet). A config that cannot be
// read offers what loaded of it, which may be nothing: completion never
// fails.
func (a *App) completeProfiles(cmd *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
	s, err := a.session()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ps, _ := s.LoadProfiles()
	listed, partial := "", typed
	if f := cmd.Flags().Lookup("profile"); f != nil && f.Value.Type() == "stringSlice" {
		if i := strings.LastIndexByte(typed, ','); i >= 0 {
			listed, partial = typed[:i+1], typed[i+1:]
		}
	}
	var out []string
	for _, p := range ps.List {
		switch {
		case !strings.HasPrefix(p.Name, partial), strings.ContainsFunc(p.Name, unicode.IsSpace),
			strings.Contains(","+listed, ","+p.Name+","):
			continue
		}
		out = append(out, listed+p.Name+"\t"+completionNote(p.Kind()+", "+p.Tenant))
	}
	directive := cobra.ShellCompDirectiveNoFileComp
	if listed != "" {
		directive |= cobra.ShellCompDirectiveNoSpace
	}
	return out, directive
}

// completionNote keeps a description to one line of printable text: a
// tab or newline would end the completion's fields.
func completionNote(s string) string {
	return strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return ' '
		}
		return r
	}, s)
}

// completePath offers the permission reference's patterns for method
// under what was typed, as the TUI's path field does. Shells keep only
// completions that start with the typed word, so ids already typed stay
// as typed: /users/adele@contoso.com/me gives /users/adele@contoso.com/messages.
func completePath(method string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, typed string) ([]string, cobra.ShellCompDirective) {
		const directive = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
		if len(args) > 0 || strings.ContainsAny(typed, "?:") {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		done := strings.Split(typed, "/")
		done = done[:len(done)-1] // the segments typed in full, with "" before a leading /
		var out []string
		for _, pattern := range permissions.SuggestMethod(method, typed, pathSuggestions) {
			segs := strings.Split(pattern, "/")
			if !strings.HasPrefix(typed, "/") {
				segs = segs[1:]
			}
			if len(segs) <= len(done) {
				continue
			}
			s := strings.Join(append(append([]string{}, done...), segs[len(done):]...), "/")
			if strings.HasPrefix(s, typed) {
				out = append(out, s)
			}
		}
		return out, directive
	}
}

// completeMethod offers the HTTP methods, in the case being typed.
func completeMethod(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, m := range permissions.Methods() {
		if typed != "" && typed == strings.ToLower(typed) {
			m = strings.ToLower(m)
		}
		if strings.HasPrefix(m, typed) {
			out = append(out, m)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeRole offers the application permissions' names.
func completeRole(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, n := range permissions.Names() {
		if strings.HasPrefix(strings.ToLower(n), strings.ToLower(typed)) {
			out = append(out, n)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func fixedValues(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}
