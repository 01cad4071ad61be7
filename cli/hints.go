package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// unknownCommand checks the root's arguments. The root runs the TUI, so
// cobra treats any word after it as an argument and its "did you mean"
// path never runs; this brings it back, and sends a bare path to get.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	switch s := cmd.SuggestionsFor(args[0]); {
	case len(s) > 0:
		msg += fmt.Sprintf("; did you mean %s?", strings.Join(s, " or "))
	case strings.HasPrefix(args[0], "/") || strings.Contains(args[0], "://"):
		msg += fmt.Sprintf("; to send a request: graphtui get '%s'", args[0])
	}
	return fmt.Errorf("%s", msg)
}

// odataExamples are the OData query options people type as flags, with a
// value to show in the hint.
var odataExamples = map[string]string{
	"top": "top=5", "skip": "skip=10", "count": "count=true",
	"select": "select=id,displayName", "expand": "expand=manager",
	"filter": `filter="startswith(displayName,'A')"`, "orderby": "orderby=displayName",
	"search": `search='"displayName:adele"'`,
}

// odataFlagHint points an unknown flag such as --top to -q: OData options
// are query options, not flags.
func odataFlagHint(err error) string {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	name = strings.ToLower(strings.TrimPrefix(name, "$"))
	ex, ok := odataExamples[name]
	if !ok {
		return ""
	}
	return fmt.Sprintf("$%s is an OData query option, not a flag: give it with -q, e.g. -q %s (the $ may be left out)", name, ex)
}

// lostOptions finds query options without a name, as in /users?=2 or
// -q =5: an unquoted '/users?$top=2' reaches graphtui after the shell
// replaced $top (an unset variable) with nothing. It runs before the
// config is read: the fix is on the command line.
func lostOptions(command, path string, queries []string) error {
	if p, qs, ok := strings.Cut(path, "?"); ok && !strings.Contains(path, "://") {
		for part := range strings.SplitSeq(qs, "&") {
			if v, lost := strings.CutPrefix(part, "="); lost {
				return usageError("the query option %q in the path has no name: the shell replaced $… with nothing; quote the path: graphtui %s '%s?$%s=%s'", part, command, p, guessOption(v), v)
			}
		}
	}
	for _, q := range queries {
		if v, lost := strings.CutPrefix(q, "="); lost {
			return usageError("query option %q has no name: the shell replaced $… with nothing; quote it: -q '$%s=%s'", q, guessOption(v), v)
		}
	}
	return nil
}

// guessOption names the OData option a lost "$name=value" most likely was,
// for the example in the hint.
func guessOption(value string) string {
	switch {
	case value != "" && strings.Trim(value, "0123456789") == "":
		return "top"
	case value == "true" || value == "false":
		return "count"
	case strings.Contains(value, " "):
		return "filter"
	}
	return "select"
}
