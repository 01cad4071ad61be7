package cli

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/session"
)

type explainOptions struct {
	url, method, errorFile, tokenFile string
	status                            int
	roles                             []string
	json                              bool
}

func (a *App) explainCommand() *cobra.Command {
	var o explainOptions
	cmd := &cobra.Command{
		Use:   "explain --url URL --status CODE --error FILE|- [--token FILE|- | --roles A,B | -p PROFILE]",
		Short: "Diagnose a 401/403 that happened elsewhere (your app's log), as get would",
		Long: `Hand graphtui a failed Graph call from your own application's log and get the
same diagnosis 'graphtui get' prints: kind, cause, evidence, next steps and the
admin-consent URL where it applies.

--error takes the response body as logged: the JSON itself, or any text that
holds it, such as an SDK exception's message. What the token carried comes
from --token (the raw access token, in a file or on stdin; decoded here and
never printed), from --roles, or from -p, which gets the profile's own token.
Nothing is sent anywhere unless -p is given.

Exit status: 0 when there is a diagnosis, 1 when the doctor has nothing to say
about it (a 404, a 5xx) or -p's token cannot be had, 2 on usage errors.`,
		Example: `  graphtui explain --url https://graph.microsoft.com/v1.0/users --status 403 --error body.json --token token.txt
  graphtui explain --method POST --url /users/adele@contoso.com/sendMail --status 403 --error exception.txt --roles Mail.Read
  pbpaste | graphtui explain --url /users --status 403 --error - -p daemon --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runExplain(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.url, "url", "", "the request's URL (or path, e.g. /users)")
	f.StringVar(&o.method, "method", http.MethodGet, "the request's method: GET, POST, PATCH, PUT or DELETE")
	f.IntVar(&o.status, "status", 0, "the response's HTTP status, e.g. 403")
	f.StringVar(&o.errorFile, "error", "", "FILE, or - for stdin: the response body as logged (JSON, or text holding it)")
	f.StringVar(&o.tokenFile, "token", "", "FILE, or - for stdin: the raw access token the request carried")
	f.StringSliceVar(&o.roles, "roles", nil, "the token's roles, comma-separated, when the token itself is not at hand")
	f.BoolVar(&o.json, "json", false, "print the diagnosis as one JSON object")
	for _, name := range []string{"url", "status", "error"} {
		cmd.MarkFlagRequired(name)
	}
	return cmd
}

func (a *App) runExplain(ctx context.Context, o explainOptions) error {
	given := 0
	for _, set := range []bool{o.tokenFile != "", o.roles != nil, a.profileFlag != ""} {
		if set {
			given++
		}
	}
	if given > 1 {
		return usageError("give what the token carried one way: --token, --roles or -p")
	}
	if o.errorFile == "-" && o.tokenFile == "-" {
		return usageError("--error and --token cannot both read stdin: put one of them in a file")
	}
	method := strings.ToUpper(strings.TrimSpace(o.method))
	if method != http.MethodGet && !graph.IsWrite(method) {
		return usageError("unknown --method %q: use GET, POST, PATCH, PUT or DELETE", termsafe.Line(o.method))
	}
	if o.status < 100 || o.status > 599 {
		return usageError("--status %d is not an HTTP status: give the one logged, e.g. --status 403", o.status)
	}
	body, err := a.readInput("--error", o.errorFile, maxRequestBody)
	if err != nil {
		return err
	}
	in := session.ExplainInput{Method: method, URL: o.url, Status: o.status, Error: body, Roles: o.roles}
	if o.tokenFile != "" {
		tok, err := a.readInput("--token", o.tokenFile, 64<<10)
		if err != nil {
			return err
		}
		in.Token = string(tok)
	}
	var x *session.Explanation
	if a.profileFlag != "" {
		s, p, err := a.profile()
		if err != nil {
			return err
		}
		if x, err = s.ExplainAs(ctx, p, in); err != nil {
			if session.IsTokenError(err) {
				a.printAuthError(err, p)
				return &exitError{exitFailure, errReported}
			}
			return &exitError{exitFailure, err}
		}
	} else {
		if in.Token != "" {
			// The config's profile for the token's app, if any, names the
			// commands and hosts in the next steps; nothing is sent.
			if _, ps, err := a.loadProfiles(); err == nil {
				in.Known = ps.List
			}
		}
		if x, err = session.Explain(in); err != nil {
			return usageError("%v", err)
		}
	}
	for _, n := range x.Notes {
		fmt.Fprintln(a.Err, "note:", n)
	}
	if o.json {
		if err := a.printExplanationJSON(method, o, x); err != nil {
			return err
		}
	} else {
		a.printExplanation(x)
	}
	if x.Diagnosis == nil {
		if !o.json {
			fmt.Fprintf(a.Err, "No diagnosis: graphtui explains 400, 401 and 403 responses about access; HTTP %d is not one it can explain.\n", o.status)
		}
		return &exitError{exitFailure, errReported}
	}
	return nil
}

// printExplanation prints Graph's words and the diagnosis on stdout, as
// get prints them on stderr.
func (a *App) printExplanation(x *session.Explanation) {
	if e := x.GraphError; e != nil && e.Code != "" {
		fmt.Fprintf(a.Out, "Graph error: %s: %s\n", termsafe.Line(e.Code), termsafe.Line(a.redact(e.Message)))
	}
	a.writeDiagnosis(a.Out, x.Diagnosis, "message", "body")
}

type explainEvidence struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

type explainReport struct {
	Method     string            `json:"method"`
	URL        string            `json:"url"`
	Status     int               `json:"status"`
	Code       string            `json:"code"`
	Message    string            `json:"message"`
	Kind       string            `json:"kind"`
	Title      string            `json:"title"`
	Cause      string            `json:"cause"`
	Evidence   []explainEvidence `json:"evidence"`
	Next       []string          `json:"next_steps"`
	Missing    []string          `json:"missing"`
	Has        []string          `json:"has"`
	ConsentURL string            `json:"consent_url"`
	Notes      []string          `json:"notes"`
}

// printExplanationJSON prints one object; kind is "" when there is no
// diagnosis. Server text is redacted, and kept from driving a terminal.
func (a *App) printExplanationJSON(method string, o explainOptions, x *session.Explanation) error {
	r := explainReport{Method: method, URL: a.redact(o.url), Status: o.status,
		Evidence: []explainEvidence{}, Next: []string{}, Missing: []string{}, Has: []string{}, Notes: nonNil(x.Notes)}
	if e := x.GraphError; e != nil {
		r.Code, r.Message = e.Code, a.redact(e.Message)
	}
	if d := x.Diagnosis; d != nil {
		r.Kind, r.Title, r.Cause = string(d.Kind), a.redact(d.Title), a.redact(d.Cause)
		for _, e := range d.Evidence {
			r.Evidence = append(r.Evidence, explainEvidence{e.Label, a.redact(e.Value)})
		}
		for _, s := range d.Next {
			r.Next = append(r.Next, a.redact(s))
		}
		r.Missing, r.Has, r.ConsentURL = nonNil(d.Missing), nonNil(d.Has), x.ConsentURL
	}
	return writeJSON(a.Out, r, true)
}
