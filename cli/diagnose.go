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
	if len(d.Next) > 0 {
		fmt.Fprintln(w, "Next:")
		for i, s := range d.Next {
			fmt.Fprintf(w, "  %d. %s\n", i+1, clean(s))
		}
	}
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
