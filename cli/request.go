package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/bytesize"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

type requestOptions struct {
	getOptions
	body    string
	hasBody bool // --body was given (an empty one is an error, not no body)
	yes     bool
}

func (a *App) requestCommand() *cobra.Command {
	o := requestOptions{getOptions: getOptions{maxBody: graph.DefaultMaxBody}}
	cmd := &cobra.Command{
		Use:   "request METHOD PATH",
		Short: "Send any request (GET, POST, PATCH, PUT, DELETE) to Microsoft Graph as the profile's app",
		Long: `Send a request with any method to Microsoft Graph as the profile's app. GET
behaves as 'graphtui get'. POST, PATCH, PUT and DELETE change data, so:

  - the profile must say allow_writes = true in the config file; otherwise
    nothing is sent and request exits 2;
  - on a terminal, request shows the method, URL, profile and tenant and asks
    before sending; without a terminal it sends only with --yes.

A JSON body is checked before anything is sent (a syntax error names its line
and column) and goes with Content-Type: application/json unless -H gives
another. JSON batching (POST /$batch) is refused: send the requests one by one.

Exit status: 0 on 2xx, 1 on an HTTP or token failure or a write not
confirmed, 2 on usage or config errors (writes not allowed, a bad body).`,
		Example: `  graphtui request POST /users/adele@contoso.com/sendMail --body @mail.json -p mailer
  graphtui request PATCH /users/{id} --body '{"jobTitle":"Analyst"}' --yes
  jq -n '{displayName:"x"}' | graphtui request PATCH /groups/{id} --body - --yes
  graphtui request DELETE /users/{id}`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageError("request needs a METHOD and a PATH, e.g. 'graphtui request POST /users/{id}/sendMail --body @mail.json'")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.hasBody = cmd.Flags().Changed("body")
			return a.runRequest(cmd.Context(), args[0], args[1], o)
		},
	}
	o.register(cmd, "request")
	f := cmd.Flags()
	f.StringVar(&o.body, "body", "", "the request body: @FILE, - for stdin, or the JSON itself")
	f.BoolVar(&o.yes, "yes", false, "send a write without asking (required when stdin is not a terminal)")
	return cmd
}

func (a *App) runRequest(ctx context.Context, method, path string, o requestOptions) error {
	method = strings.ToUpper(strings.TrimSpace(method))
	switch {
	case method == http.MethodGet && o.hasBody:
		return usageError("GET takes no body: remove --body, or use POST, PATCH or PUT")
	case method == http.MethodGet:
		return a.runGet(ctx, path, o.getOptions)
	case !graph.IsWrite(method):
		return usageError("unknown method %q: use GET, POST, PATCH, PUT or DELETE", termsafe.Line(method))
	case o.all:
		return usageError("--all follows the pages of a GET; a %s is sent once", method)
	case method == http.MethodDelete && o.hasBody:
		return usageError("DELETE takes no body: remove --body")
	}
	if err := lostOptions("request", path, o.queries); err != nil {
		return err
	}
	s, p, err := a.profile()
	if err != nil {
		return err
	}
	// Refused before a body is read from stdin (which may wait).
	if err := p.MayWrite(method); err != nil {
		return refusal(err, o.body)
	}
	if o.hasBody && o.body == "-" && !o.yes {
		return usageError("--body - reads the body from stdin, so no answer can be read there: add --yes to send the %s without asking", method)
	}
	req, err := buildRequest(path, o.getOptions, p)
	if err != nil {
		return err
	}
	req.Method = method
	if o.hasBody {
		if req.Body, err = a.readBody(o.body); err != nil {
			return err
		}
	}
	if err := session.CheckRequest(p, req); err != nil {
		return refusal(err, o.body)
	}
	u, err := graph.BuildURL(p.GraphBase(), req)
	if err != nil {
		return usageError("%v", err)
	}
	if err := a.confirmWrite(method, u.String(), p, o); err != nil {
		return err
	}
	x := s.Send(ctx, p, req, a.sendOptions(o.getOptions))
	if o.bundle != "" {
		defer a.writeBundle(o.bundle, s, p, x)
	}
	return a.printExchange(x, p, o.getOptions)
}

// refusal words CheckRequest's reasons for the command line; each is a
// usage error: the fix is in the config or the command.
func refusal(err error, body string) error {
	var be *graph.BodyError
	if errors.As(err, &be) {
		from := "--body"
		if strings.HasPrefix(body, "@") || body == "-" {
			from += " " + body
		}
		return usageError("%s: %v\nNothing was sent.", termsafe.Line(from), err)
	}
	return usageError("%v\nNothing was sent.", err)
}

// maxRequestBody bounds a body read into memory; Graph itself takes far
// less in one request (4 MB for most; larger files go in upload sessions).
const maxRequestBody = 64 << 20

// readBody reads --body: @FILE, - (stdin) or the text itself.
func (a *App) readBody(v string) ([]byte, error) {
	switch {
	case v == "-":
		return a.readInput("--body", v, maxRequestBody)
	case strings.HasPrefix(v, "@"):
		return a.readInput("--body", v[1:], maxRequestBody)
	}
	return []byte(v), nil
}

// confirmWrite asks before a write is sent: on a terminal it shows what
// will happen and waits for y; without one it needs --yes.
func (a *App) confirmWrite(method, url string, p profiles.Profile, o requestOptions) error {
	if o.yes {
		return nil
	}
	if !a.interactive() {
		return usageError("%s changes data, and there is no terminal to confirm it on: add --yes to send it without asking", method)
	}
	tenant := p.Tenant
	if tenant == "" {
		tenant = "(the identity's own)"
	}
	fmt.Fprintf(a.Err, "About to send a write:\n  %s %s\n  profile  %s\n  tenant   %s\nSend it? [y/N] ",
		method, termsafe.Line(a.redact(url)), termsafe.Line(p.Name), termsafe.Line(tenant))
	line, err := bufio.NewReader(a.In).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(a.Err)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	fmt.Fprintln(a.Err, "Not sent.")
	return &exitError{exitFailure, errReported}
}

// interactive reports whether a person can answer a question: stdin and
// stderr are both terminals.
func (a *App) interactive() bool {
	in, ok := a.In.(io.Writer) // *os.File is both; IsTerminal takes a stream
	return ok && a.IsTerminal(in) && a.IsTerminal(a.Err)
}

// readInput reads a FILE|- flag's value, at most max bytes: "-" is stdin.
func (a *App) readInput(flag, v string, max int64) ([]byte, error) {
	r, name := a.In, "stdin"
	if v != "-" {
		f, err := os.Open(v)
		if err != nil {
			if flag == "--token" && strings.Count(v, ".") == 2 {
				// Never echo what looks like a token back.
				return nil, usageError("--token takes a FILE or - (stdin), not the token itself: a token on the command line stays in the shell's history")
			}
			return nil, usageError("%s: %v", flag, err)
		}
		defer f.Close()
		r, name = f, v
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, usageError("%s: reading %s: %v", flag, name, err)
	}
	if int64(len(b)) > max {
		return nil, usageError("%s: %s is over %s, more than a request body or a token holds", flag, name, bytesize.Text(int(max)))
	}
	return b, nil
}
