package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/graphtui/graphtui/audit"
	"github.com/graphtui/graphtui/internal/termsafe"
)

// writeAudit prints the report as a review: the calls, what to change and
// why, then how. Every line goes through termsafe: URLs come from files
// and recordings.
func writeAudit(w io.Writer, r *audit.Report) {
	line := func(format string, args ...any) {
		fmt.Fprintln(w, termsafe.Line(fmt.Sprintf(format, args...)))
	}
	blocked := 0
	for _, c := range r.Calls {
		if c.Blocked() {
			blocked++
		}
	}
	n := len(r.Calls) + len(r.Unknown)
	noun := "calls"
	if n == 1 {
		noun = "call"
	}
	line("Audit of %s (%s): %d %s, %d unknown, %d the token cannot make", r.Profile, r.Kind, n, noun, len(r.Unknown), blocked)
	fmt.Fprintln(w)
	line("Granted (%d)  %s", len(r.Granted), names(r.Granted))
	line("Needed (%d)   %s", len(r.Needed), names(r.Needed))

	fmt.Fprintln(w)
	line("Calls")
	for _, c := range r.Calls {
		line("  %s %s", c.Method, c.URL)
		least := "least " + strings.Join(c.Least, " or ")
		if len(c.Least) == 0 {
			least = "no application permission"
		}
		switch {
		case len(c.Least) == 0:
		case c.Blocked():
			least += " · the current token cannot make it"
		default:
			least += " · uses " + strings.Join(c.CoveredBy, " + ") + " today"
		}
		line("      %s", least)
		if c.Note != "" {
			line("      note: %s", c.Note)
		}
	}
	if len(r.Unknown) > 0 {
		fmt.Fprintln(w)
		line("Unknown: not in the permission reference, so nothing is guessed for them")
		for _, c := range r.Unknown {
			line("  %s %s", c.Method, c.URL)
		}
	}

	fmt.Fprintln(w)
	line("Review")
	for _, c := range r.Remove {
		line("  - %s", c.Review)
	}
	for _, c := range r.Add {
		line("  - %s", c.Review)
	}
	switch p := r.Privilege; {
	case len(r.Remove) == 0 && len(r.Add) == 0:
		line("  The granted roles are exactly what the calls need.")
	case p.After < p.Now:
		line("  The change lowers the app's highest privilege level from %d to %d.", p.Now, p.After)
	case p.After > p.Now:
		line("  The change raises the app's highest privilege level from %d to %d: the calls need it.", p.Now, p.After)
	default:
		line("  The app's highest privilege level stays %d.", p.Now)
	}
	changes(line, "Remove", r.Remove)
	changes(line, "Add", r.Add)

	fmt.Fprintln(w)
	line("Next")
	for i, s := range r.Steps {
		line("  %d. %s", i+1, s)
	}
	if len(r.Assign) == 0 && len(r.Revoke) == 0 {
		return
	}
	fmt.Fprintln(w)
	line("Requests")
	for _, a := range r.Assign {
		line("  add %s (app role id %s):", a.Permission, a.AppRoleID)
		line("    %s", a.Request)
		line("    %s", a.Body)
	}
	if len(r.Revoke) > 0 {
		// One request per removal, differing only in ASSIGNMENT_ID.
		line("  remove each: %s", r.Revoke[0].Request)
		line("    ASSIGNMENT_ID: in %s, the id of the assignment whose appRoleId is the permission's app role id (listed above)", r.Revoke[0].List)
	}
}

func changes(line func(string, ...any), title string, cs []audit.Change) {
	if len(cs) == 0 {
		return
	}
	width := 0
	for _, c := range cs {
		width = max(width, len(c.Permission))
	}
	line("")
	line("%s (%d)", title, len(cs))
	for _, c := range cs {
		id := c.AppRoleID
		if id == "" {
			id = "(no app role id in the reference)"
		}
		line("  %-*s  %s  privilege %d", width, c.Permission, id, c.Privilege)
	}
}

func names(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}
