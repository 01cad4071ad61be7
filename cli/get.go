package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/bytesize"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/render"
	"github.com/graphtui/graphtui/session"
)

type getOptions struct {
	queries   []string
	headers   []string
	beta      bool
	all       bool
	output    string
	unsafeRaw bool   // -o raw writes control bytes even to a terminal
	color     string // auto, always or never
	maxBody   byteSize
	maxPages  int
	timeout   time.Duration
	verbose   bool
	bundle    string // write a support bundle here after the request
}

func (a *App) getCommand() *cobra.Command {
	o := getOptions{maxBody: graph.DefaultMaxBody}
	cmd := &cobra.Command{
		Use:   "get PATH",
		Short: "Send a GET request to Microsoft Graph as the profile's app",
		Long: `Send a GET request to Microsoft Graph as the profile's app. The body goes to
stdout, the status line and errors to stderr. PATH is relative to the API
version (/users, users/{id}/messages?$top=5) or an absolute URL on the
profile's Graph host; the token is never sent to any other host.

A successful JSON body (and any body with -o raw) is written as it
arrives, checked on the way; if it proves not to be JSON, or the
connection breaks, what was written stays written and get says so.

Exit status: 0 on 2xx, 1 on an HTTP or token failure, a body cut at
--max-body, cut short or not JSON after all, 2 on usage or config errors.`,
		Example: `  graphtui get /users -q '$select=displayName,mail' -q '$top=5'
  graphtui get /users --all -o json | jq '.value | length'
  graphtui get /users -q '$count=true' -q '$filter=accountEnabled eq true' -H 'ConsistencyLevel: eventual'
  graphtui get /users/delta --beta -p contoso-reader`,
		Args: onePath("get"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runGet(cmd.Context(), args[0], o)
		},
	}
	o.register(cmd, "get")
	return cmd
}

// register adds the request and output flags get shares with request to
// cmd; command names the command in their help.
func (o *getOptions) register(cmd *cobra.Command, command string) {
	f := cmd.Flags()
	f.StringArrayVarP(&o.queries, "query", "q", nil, "query option KEY=VALUE, repeatable ($ may be left out of OData options: select=id)")
	f.StringArrayVarP(&o.headers, "header", "H", nil, "extra request header 'Name: value', repeatable")
	f.BoolVar(&o.beta, "beta", false, "use the beta API instead of the profile's api_version")
	f.BoolVar(&o.all, "all", false, "follow @odata.nextLink and print one document whose value holds every page's items")
	f.StringVarP(&o.output, "output", "o", "pretty", "body format: pretty (indented, coloured on a terminal), json (compact), raw (as received; control characters escaped on a terminal)")
	f.BoolVar(&o.unsafeRaw, "unsafe-raw", false, "with -o raw, write the body's exact bytes even to a terminal, escape sequences included")
	f.StringVar(&o.color, "color", "auto", "colour -o pretty output: auto (on a terminal, unless NO_COLOR is set), always (e.g. for less -R), never")
	f.Var(&o.maxBody, "max-body", "hold at most SIZE bytes of a body in memory (e.g. 256MB, 1GB); a longer body is cut and "+command+" exits 1 (get writes JSON and -o raw bodies as they arrive, with no cap)")
	f.IntVar(&o.maxPages, "max-pages", graph.DefaultMaxPages, "with --all, stop after this many pages")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "print every attempt, response and page on stderr")
	f.DurationVar(&o.timeout, "timeout", 100*time.Second, "timeout of each HTTP attempt")
	f.StringVar(&o.bundle, "bundle", "", "after the request, write a redacted support bundle to FILE (JSON for *.json, else text), whatever the outcome")
}

// odataOptions may be given without their leading $.
var odataOptions = map[string]bool{
	"select": true, "filter": true, "top": true, "expand": true, "orderby": true,
	"search": true, "count": true, "skip": true, "skiptoken": true, "format": true,
}

// buildRequest turns the command line into a graph.Request, rejecting
// malformed query options and headers before anything is sent.
func buildRequest(path string, o getOptions, p profiles.Profile) (graph.Request, error) {
	switch o.output {
	case "pretty", "json", "raw":
	default:
		return graph.Request{}, usageError("unknown output format %q: use pretty, json or raw", o.output)
	}
	switch o.color {
	case "", "auto", "always", "never":
	default:
		return graph.Request{}, usageError("unknown --color %q: use auto, always or never", o.color)
	}
	if o.unsafeRaw && o.output != "raw" {
		return graph.Request{}, usageError("--unsafe-raw only applies to -o raw")
	}
	if o.all && o.output == "raw" {
		return graph.Request{}, usageError("--all merges pages into one document: use -o pretty or -o json")
	}
	r := graph.Request{Version: p.Version(), Header: http.Header{}}
	if o.beta {
		r.Version = "beta"
	}
	// A query string typed into the path joins the -q options, in order.
	if i := strings.IndexByte(path, '?'); i >= 0 && !strings.Contains(path, "://") {
		qs := path[i+1:]
		path = path[:i]
		for _, part := range strings.Split(qs, "&") {
			if part == "" {
				continue
			}
			k, v, _ := strings.Cut(part, "=")
			if uk, err := url.QueryUnescape(k); err == nil {
				k = uk
			}
			if uv, err := url.QueryUnescape(v); err == nil {
				v = uv
			}
			r.Query = append(r.Query, graph.QueryParam{Key: k, Value: v})
		}
	}
	r.Path = path
	for _, q := range o.queries {
		k, v, ok := strings.Cut(q, "=")
		if !ok || k == "" {
			return graph.Request{}, usageError("query option %q is not KEY=VALUE (e.g. -q '$top=5')", q)
		}
		if odataOptions[strings.ToLower(k)] {
			k = "$" + k
		}
		r.Query = append(r.Query, graph.QueryParam{Key: k, Value: v})
	}
	for _, h := range o.headers {
		name, value, ok := strings.Cut(h, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" {
			return graph.Request{}, usageError("header %q is not 'Name: value'", h)
		}
		if strings.ContainsAny(h, "\r\n\x00") {
			return graph.Request{}, usageError("header %q contains a line break or NUL; headers must be one line", name)
		}
		if strings.EqualFold(name, "Authorization") {
			return graph.Request{}, usageError("graphtui sets Authorization itself from the profile's token; remove -H 'Authorization: ...'")
		}
		r.Header.Add(name, value)
	}
	return r, nil
}

func (a *App) runGet(ctx context.Context, path string, o getOptions) error {
	if err := lostOptions("get", path, o.queries); err != nil {
		return err
	}
	s, p, err := a.profile()
	if err != nil {
		return err
	}
	defer a.noteCache(s)
	req, err := buildRequest(path, o, p)
	if err != nil {
		return err
	}
	so := a.sendOptions(o)
	var x *session.Exchange
	if o.bundle != "" {
		defer func() { a.writeBundle(o.bundle, s, p, x) }()
	}
	if o.all {
		w := a.newAllOutput(o)
		x = s.FetchAll(ctx, p, req, o.maxPages, so, w.page)
		return w.finish(x, p)
	}
	if o.bundle != "" {
		// A bundle records the body, so it is read whole.
		x = s.Send(ctx, p, req, so)
		return a.printExchange(x, p, o)
	}
	out := &bodyStream{a: a, o: o}
	x = s.SendStream(ctx, p, req, so, out.take)
	if x.Response == nil || !x.Response.Streamed {
		return a.printExchange(x, p, o) // a failure, or a body read whole
	}
	return out.finish(x.Response)
}

// sendOptions are the session's options for o's flags.
func (a *App) sendOptions(o getOptions) session.SendOptions {
	// Without a bundle, a success needs no diagnosis: skipping the
	// permission index saves its load on every successful call.
	return session.SendOptions{Timeout: o.timeout, MaxBody: int64(o.maxBody), Events: a.eventPrinter(o.verbose), FailuresOnly: o.bundle == ""}
}

// printExchange reports one sent (or refused) request: why it was not
// sent, the status line and Graph's error with the diagnosis on stderr,
// the body on stdout; its error carries the exit status.
func (a *App) printExchange(x *session.Exchange, p profiles.Profile, o getOptions) error {
	if err := a.notSent(x, p); err != nil {
		return err
	}
	if err := failure(x); err != nil {
		a.printRequestError("Request failed", err, p)
		return &exitError{exitFailure, errReported}
	}
	resp := x.Response
	a.printStatus(resp)
	if resp.Error != nil {
		a.printGraphError(resp, x.Diagnosis)
		return &exitError{exitFailure, errReported}
	}
	if err := a.writeBody(resp.Body, resp.Header.Get("Content-Type"), o); err != nil {
		// A body that cannot be shown (binary) or written (closed pipe) is
		// a failure of this run, not a usage error.
		return &exitError{exitFailure, err}
	}
	if resp.Truncated {
		// printStatus said how to raise the cap; a script must not take
		// half a body for the whole.
		return &exitError{exitFailure, errReported}
	}
	return nil
}

// eventPrinter prints retries, give-ups, redirects and the page limit on
// stderr, and with --verbose every event.
func (a *App) eventPrinter(verbose bool) func(graph.Event) {
	return func(ev graph.Event) {
		switch ev.Kind {
		case graph.EventRetry, graph.EventGiveUp, graph.EventRedirect, graph.EventMaxPages:
		default:
			if !verbose {
				return
			}
		}
		fmt.Fprintln(a.Err, a.redact(ev.String()))
	}
}

// notSent reports a request that was never sent: no token (exit 1), or a
// request the profile or the command line got wrong (usage).
func (a *App) notSent(x *session.Exchange, p profiles.Profile) error {
	var se *session.SetupError
	switch {
	case x.TokenErr != nil && x.Token == nil:
		a.printAuthError(x.TokenErr, p)
		return &exitError{exitFailure, errReported}
	case errors.As(x.Err, &se):
		if path, ok := session.GraphPathOf(se.Err, x.Request.Path); ok {
			return usageError("%w\nProfile %q uses the Graph host %s; to send this request there: graphtui get '%s'", se.Err, p.Name, p.GraphBase(), path)
		}
		return &exitError{exitUsage, se.Err}
	}
	return nil
}

// failure is why a sent request got no (further) response: a token that
// could not be renewed on the way, a transport error, a cancellation.
func failure(x *session.Exchange) error {
	if x.TokenErr != nil {
		return x.TokenErr
	}
	return x.Err
}

// printStatus writes the one-line summary of a response to stderr.
func (a *App) printStatus(r *graph.Response) {
	size := len(r.Body)
	if r.Streamed {
		size = int(r.Size)
	}
	parts := []string{fmt.Sprintf("%d %s", r.Status, http.StatusText(r.Status)), r.Duration.Round(time.Millisecond).String(), bytesize.Text(size)}
	if r.RequestID != "" {
		parts = append(parts, "request-id "+r.RequestID)
	}
	fmt.Fprintln(a.Err, strings.Join(parts, "  ·  "))
	for _, n := range r.Notices {
		fmt.Fprintln(a.Err, "note:", a.redact(n))
	}
	if r.Truncated {
		fmt.Fprintf(a.Err, "The body is incomplete (cut at %s): raise the size cap with --max-body, e.g. --max-body %s\n", bytesize.Text(len(r.Body)), suggestedCap(len(r.Body)))
	}
}

// colorMode is the colour depth for stdout. With --color auto: none unless
// stdout is a terminal, then as the environment says. With always, the
// flag beats NO_COLOR and a missing TERM, and COLORTERM still picks the depth.
func (a *App) colorMode(when string) render.ColorMode {
	getenv := func(k string) string { v, _ := a.LookupEnv(k); return v }
	switch {
	case when == "never":
		return render.ColorNone
	case when == "always":
		if mode := render.ColorModeFromEnv(func(k string) string {
			if k == "NO_COLOR" {
				return ""
			}
			return getenv(k)
		}); mode == render.ColorTrue {
			return mode
		}
		return render.Color256
	case !a.IsTerminal(a.Out):
		return render.ColorNone
	}
	return render.ColorModeFromEnv(getenv)
}

// writeBody writes the body in the chosen format. On a terminal nothing in
// it may drive the terminal, whatever the format or colour: -o raw shows
// control bytes as escapes (and says so), the JSON formats escape them in
// JSON's own way (Pretty already shows them as escapes in other text).
// Pipes and files get the formats unchanged.
func (a *App) writeBody(body []byte, contentType string, o getOptions) error {
	tty := a.IsTerminal(a.Out)
	if o.output == "raw" {
		if tty && !o.unsafeRaw {
			if safe := termsafe.Visible(body); !bytes.Equal(safe, body) {
				a.noteRawEscaped()
				body = safe
			}
		}
		_, err := a.Out.Write(body)
		return err
	}
	return a.bodyOutput(o, contentType).Write(a.Out, body)
}

// noteRawEscaped says why -o raw on a terminal is not quite raw.
func (a *App) noteRawEscaped() {
	fmt.Fprintln(a.Err, `note: stdout is a terminal, so control characters and invalid UTF-8 in the body are shown escaped (\x1b, \u009b, \xff); redirect stdout to a file, or add --unsafe-raw, for the exact bytes`)
}

// bodyOutput is how -o pretty and -o json write a body of contentType.
func (a *App) bodyOutput(o getOptions, contentType string) render.Output {
	return render.Output{
		ContentType: contentType,
		Mode:        a.colorMode(o.color),
		Style:       render.DefaultStyle,
		Compact:     o.output == "json",
		Escape:      a.IsTerminal(a.Out),
	}
}

// allOutput writes --all's pages as they arrive: each page's status on
// stderr, its items into one JSON document on stdout, so memory holds one
// page at a time.
type allOutput struct {
	a     *App
	mode  render.ColorMode
	color bool // colour and escaping need the whole document
	tty   bool
	whole bytes.Buffer
	d     *graph.PageMerger
}

func (a *App) newAllOutput(o getOptions) *allOutput {
	w := &allOutput{a: a, mode: a.colorMode(o.color), tty: a.IsTerminal(a.Out)}
	w.color = o.output == "pretty" && w.mode != render.ColorNone
	var out io.Writer = a.Out
	if w.color || w.tty {
		// A rune may span pages' writes; a terminal reader does not need
		// streaming the way a pipe does.
		out = &w.whole
	}
	w.d = graph.NewPageMerger(out, o.output == "pretty")
	return w
}

func (w *allOutput) page(r *graph.Response) error {
	w.a.printStatus(r)
	w.d.Add(r.Body)
	return nil
}

// finish closes the document and reports how the paging ended.
func (w *allOutput) finish(x *session.Exchange, p profiles.Profile) error {
	a := w.a
	if err := a.notSent(x, p); err != nil {
		return err
	}
	failed := x.Response != nil && x.Response.Error != nil
	if failed {
		a.printStatus(x.Response)
	}
	w.d.Close()
	switch {
	case w.color:
		render.Pretty(a.Out, w.whole.Bytes(), "application/json", w.mode, render.DefaultStyle)
	case w.tty:
		a.Out.Write(termsafe.JSON(w.whole.Bytes()))
	}
	if failed {
		a.printGraphError(x.Response, x.Diagnosis)
		return &exitError{exitFailure, errReported}
	}
	if err := failure(x); err != nil {
		a.printRequestError("Paging stopped", err, p)
		return &exitError{exitFailure, errReported}
	}
	fmt.Fprintf(a.Err, "%d items in %d pages\n", w.d.Items, w.d.Pages)
	return nil
}

// printGraphError shows the parsed Graph error and the diagnosis. The
// diagnosis's evidence carries the request IDs, so they are printed here
// only when there is no diagnosis; Graph's message is on the first line.
func (a *App) printGraphError(r *graph.Response, d *doctor.Diagnosis) {
	w := a.Err
	e := r.Error
	switch {
	case e.Code != "":
		fmt.Fprintf(w, "Graph error: %s: %s\n", e.Code, a.redact(e.Message))
	case e.Raw != "":
		fmt.Fprintf(w, "Graph error: HTTP %d: %s\n", e.Status, a.redact(e.Raw))
	default:
		fmt.Fprintf(w, "Graph error: HTTP %d %s, with an empty body\n", e.Status, http.StatusText(e.Status))
	}
	if d != nil {
		a.printDiagnosis(d, "message", "body")
		return
	}
	for _, kv := range [][2]string{{"request-id", e.RequestID}, {"client-request-id", e.ClientRequestID}, {"date", e.Date}} {
		if kv[1] != "" {
			fmt.Fprintf(w, "  %-18s %s\n", kv[0]+":", kv[1])
		}
	}
}

// printRequestError reports a request that got no response. A token that
// could not be refreshed along the way gets the token diagnosis.
func (a *App) printRequestError(what string, err error, p profiles.Profile) {
	if session.IsTokenError(err) {
		a.printAuthError(err, p)
		return
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(a.Err, "%s: cancelled\n", what)
		return
	}
	fmt.Fprintf(a.Err, "%s: %s\n", what, a.redact(err.Error()))
}

// onePath accepts exactly one PATH argument for command name.
func onePath(name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usageError("%s needs exactly one PATH, e.g. 'graphtui %s /users'", name, name)
		}
		return nil
	}
}
