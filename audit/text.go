package audit

import (
	"fmt"
	"strings"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// Line is one line of the report as text. Head marks a section's title,
// which a terminal UI may set apart; the CLI prints every line as is.
type Line struct {
	Text string
	Head bool
}

// Lines is the report as a review, the same for the CLI and the TUI: the
// calls, what to change and why, then how. Every line is safe for a
// terminal: URLs come from files and recordings.
func (r *Report) Lines() []Line {
	var out []Line
	add := func(head bool, format string, args ...any) {
		out = append(out, Line{Text: termsafe.Line(fmt.Sprintf(format, args...)), Head: head})
	}
	line := func(format string, args ...any) { add(false, format, args...) }
	head := func(format string, args ...any) { add(true, format, args...) }
	blank := func() { out = append(out, Line{}) }

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
	head("Audit of %s (%s): %d %s, %d unknown, %d the token cannot make", r.Profile, r.Kind, n, noun, len(r.Unknown), blocked)
	blank()
	line("Granted (%d)  %s", len(r.Granted), names(r.Granted))
	line("Needed (%d)   %s", len(r.Needed), names(r.Needed))

	blank()
	head("Calls")
	for _, c := range r.Calls {
		line("  %s %s", c.Method, c.URL)
		least := "least " + strings.Join(c.Least, " or ")
		switch {
		case len(c.Least) == 0:
			least = "no application permission"
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
		blank()
		head("Unknown: not in the permission reference, so nothing is guessed for them")
		for _, c := range r.Unknown {
			line("  %s %s", c.Method, c.URL)
		}
	}

	blank()
	head("Review")
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
	out = append(out, changeLines("Remove", r.Remove)...)
	out = append(out, changeLines("Add", r.Add)...)

	blank()
	head("Next")
	for i, s := range r.Steps {
		line("  %d. %s", i+1, s)
	}
	if len(r.Assign) == 0 && len(r.Revoke) == 0 {
		return out
	}
	blank()
	head("Requests")
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
	return out
}

// Text is Lines joined, one line each, as the CLI prints it.
func (r *Report) Text() string {
	var b strings.Builder
	for _, l := range r.Lines() {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// changeLines is a titled table of permissions with their app role ids.
func changeLines(title string, cs []Change) []Line {
	if len(cs) == 0 {
		return nil
	}
	width := 0
	for _, c := range cs {
		width = max(width, len(c.Permission))
	}
	out := []Line{{}, {Text: termsafe.Line(fmt.Sprintf("%s (%d)", title, len(cs))), Head: true}}
	for _, c := range cs {
		id := c.AppRoleID
		if id == "" {
			id = "(no app role id in the reference)"
		}
		out = append(out, Line{Text: termsafe.Line(fmt.Sprintf("  %-*s  %s  privilege %d", width, c.Permission, id, c.Privilege))})
	}
	return out
}

func names(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}
