package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/internal/termsafe"
)

// printDiagnosis writes a diagnosis on stderr: title, cause, the evidence
// and numbered next steps. Every value goes through redact, and control
// characters are dropped, because some of it is server text.
// Labels already printed on the line above (omit) are left out.
func (a *App) printDiagnosis(d *doctor.Diagnosis, omit ...string) {
	a.writeDiagnosis(a.Err, d, omit...)
}

// writeDiagnosis is printDiagnosis to w: stdout when the diagnosis is the
// command's output (explain).
func (a *App) writeDiagnosis(w io.Writer, d *doctor.Diagnosis, omit ...string) {
	if d == nil {
		return
	}
	clean := func(s string) string { return termsafe.Strip(a.redact(s)) }
	fmt.Fprintf(w, "Diagnosis: %s [%s]\n", clean(d.Title), d.Kind)
	fmt.Fprintf(w, "Cause: %s\n", sentence(clean(d.Cause)))
	var evidence []doctor.Evidence
	width := 0
	for _, e := range d.Evidence {
		if !slices.Contains(omit, e.Label) {
			evidence = append(evidence, e)
			width = max(width, utf8.RuneCountInString(e.Label)+1)
		}
	}
	if len(evidence) > 0 {
		fmt.Fprintln(w, "Evidence:")
		for _, e := range evidence {
			fmt.Fprintf(w, "  %-*s %s\n", width, clean(e.Label)+":", clean(e.Value))
		}
	}
	next := d.Next
	if ra := d.RoleAssignment; ra != nil {
		// Its command lines follow on their own, ready to copy.
		next = slices.DeleteFunc(slices.Clone(next), func(s string) bool {
			return s == "Azure CLI: "+ra.AzRest || s == "PowerShell: "+ra.PowerShell
		})
	}
	if len(next) > 0 {
		fmt.Fprintln(w, "Next:")
		for i, s := range next {
			fmt.Fprintf(w, "  %d. %s\n", i+1, clean(s))
		}
	}
	a.printRoleAssignment(d.RoleAssignment, clean)
}

// printRoleAssignment gives a managed identity's app role assignment as
// lines to copy: the Graph request and body, az rest and PowerShell.
func (a *App) printRoleAssignment(ra *doctor.RoleAssignment, clean func(string) string) {
	if ra == nil {
		return
	}
	w := a.Err
	fmt.Fprintln(w, "App role assignment:")
	for _, kv := range [][2]string{
		{"permission", ra.Permission},
		{"app role id", ra.AppRoleID},
		{"principal id", ra.PrincipalID},
		{"request", ra.Request},
		{"body", ra.Body},
	} {
		if kv[1] != "" {
			fmt.Fprintf(w, "  %-13s %s\n", kv[0]+":", clean(kv[1]))
		}
	}
	fmt.Fprintf(w, "  Azure CLI:\n    %s\n", clean(ra.AzRest))
	fmt.Fprintf(w, "  PowerShell:\n    %s\n", clean(ra.PowerShell))
}

// sentence starts with a capital and ends with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
