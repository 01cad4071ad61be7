package cli

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/graphtui/graphtui/internal/editdistance"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/permissions"
)

// runRole prints what one application permission allows.
func (a *App) runRole(name string, asJSON bool) error {
	r, ok := permissions.LookupRole(strings.TrimSpace(name))
	if !ok {
		return unknownRole(name)
	}
	if asJSON {
		return printRoleJSON(a.Out, r)
	}
	printRole(a.Out, r)
	return nil
}

// unknownRole says so, with the closest names: typos first (edit
// distance), then names that contain what was typed.
func unknownRole(name string) error {
	typed := strings.ToLower(strings.TrimSpace(name))
	best, bestDist := []string{}, math.MaxInt
	limit := max(2, len(typed)/4)
	for _, n := range permissions.Names() {
		d := editdistance.Bounded(typed, strings.ToLower(n), limit)
		switch {
		case d > limit || d > bestDist:
		case d < bestDist:
			best, bestDist = []string{n}, d
		default:
			best = append(best, n)
		}
	}
	if len(best) == 0 && len(typed) >= 3 {
		for _, n := range permissions.Names() {
			if strings.Contains(strings.ToLower(n), typed) && len(best) < 5 {
				best = append(best, n)
			}
		}
	}
	msg := fmt.Sprintf("no application permission named %q in the reference", termsafe.Line(name))
	switch {
	case len(best) == 1:
		msg += fmt.Sprintf("; did you mean %s?", best[0])
	case len(best) > 1:
		msg += "; did you mean one of: " + strings.Join(best[:min(len(best), 5)], ", ") + "?"
	default:
		msg += "; names look like User.Read.All or Mail.Send"
	}
	return &exitError{exitFailure, errors.New(msg)}
}

func printRole(w io.Writer, r permissions.Role) {
	id := r.ID
	if id == "" {
		id = "(not given by the reference)"
	}
	level := fmt.Sprint(r.Privilege)
	if r.Privilege == 0 {
		level = "not given"
	}
	fmt.Fprintf(w, "permission   %s (application)\napp role id  %s\nprivilege    %s\n", r.Name, id, level)
	if r.RSC {
		fmt.Fprintln(w, "consent      resource-specific (granted per team, chat or user; never in the token's roles)")
	}
	if len(r.Resources) == 0 {
		fmt.Fprintln(w, "\nThe reference lists no path this permission allows app-only.")
		return
	}
	total := 0
	for _, res := range r.Resources {
		total += len(res.Allowed)
	}
	fmt.Fprintf(w, "\nAllows %d method and path pairs; \"least\" marks where it is the least-privileged choice.\n", total)
	for _, res := range r.Resources {
		fmt.Fprintf(w, "\n%s (%d)\n", res.Name, len(res.Allowed))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, al := range res.Allowed {
			var notes []string
			if al.Least {
				notes = append(notes, "least")
			}
			if len(al.With) > 0 {
				notes = append(notes, "together with "+strings.Join(al.With, " or "))
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", al.Method, al.Pattern, strings.Join(notes, "; "))
		}
		tw.Flush()
	}
}

type roleAllowedJSON struct {
	Method  string   `json:"method"`
	Pattern string   `json:"pattern"`
	Least   bool     `json:"least"`
	With    []string `json:"with"`
}

type roleResourceJSON struct {
	Name    string            `json:"name"`
	Allowed []roleAllowedJSON `json:"allowed"`
}

func printRoleJSON(w io.Writer, r permissions.Role) error {
	res := []roleResourceJSON{}
	for _, rr := range r.Resources {
		out := roleResourceJSON{Name: rr.Name, Allowed: []roleAllowedJSON{}}
		for _, al := range rr.Allowed {
			out.Allowed = append(out.Allowed, roleAllowedJSON{al.Method, al.Pattern, al.Least, nonNil(al.With)})
		}
		res = append(res, out)
	}
	return writeJSON(w, struct {
		Name      string             `json:"name"`
		ID        string             `json:"id"`
		Privilege int                `json:"privilege"`
		RSC       bool               `json:"rsc"`
		Resources []roleResourceJSON `json:"resources"`
	}{r.Name, r.ID, r.Privilege, r.RSC, res}, false)
}
