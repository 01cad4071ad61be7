package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/graphtui/graphtui/audit"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/internal/fileio"
	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// maxCallList bounds a call list: far more lines than any app makes kinds
// of calls.
const maxCallList = 16 << 20

func (a *App) auditCommand() *cobra.Command {
	var from string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "audit -p PROFILE --from FILE|FILE.har|history|- [--json]",
		Short: "From the calls an app makes, the permissions it should hold: what to remove, what to add",
		Long: `Audit an app's application permissions against the calls it makes. graphtui works
out the least privileged permissions that together allow every call (from the
permission reference) and compares them with the roles in the profile's token:
what to remove (granted, needed by no call), what to add (needed, not granted),
which granted role each call uses today, and the calls the token cannot make.

--from takes the calls:
  FILE       one call a line: an optional method (GET when absent), then a path
             or full URL; blank lines and # comments are skipped
  FILE.har   a browser's or proxy's HAR recording: the method and URL of each
             request to a Graph host (others are skipped)
  history    the profile's requests in the TUI's history (all GETs)
  -          a call list on stdin

A call the reference does not have is listed as unknown: nothing is guessed.
$select counts: a user read that selects only basic properties (id,
displayName, givenName, surname, mail, userPrincipalName) is served by
User.ReadBasic.All; selecting or expanding anything else needs User.Read.All.

The only network call is the token request. Exit status: 0 when the audit ran,
1 when the token cannot be had, 2 on usage errors.`,
		Example: `  graphtui audit -p daemon --from calls.txt
  graphtui audit -p daemon --from session.har --json
  graphtui audit -p daemon --from history`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runAudit(cmd.Context(), from, asJSON)
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the calls: FILE (one a line), FILE.har, history (the TUI's), or - for stdin")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as one JSON object")
	cmd.MarkFlagRequired("from")
	return cmd
}

func (a *App) runAudit(ctx context.Context, from string, asJSON bool) error {
	s, p, err := a.profile()
	if err != nil {
		return err
	}
	calls, err := a.auditCalls(from, p)
	if err != nil {
		return err
	}
	r, err := s.Audit(ctx, p, calls)
	if err != nil {
		if session.IsTokenError(err) {
			a.printAuthError(err, p)
			return &exitError{exitFailure, errReported}
		}
		return &exitError{exitFailure, err}
	}
	if asJSON {
		return a.printAuditJSON(r)
	}
	_, err = io.WriteString(a.Out, r.Text())
	return err
}

// auditCalls reads --from.
func (a *App) auditCalls(from string, p profiles.Profile) ([]audit.Call, error) {
	var calls []audit.Call
	switch {
	case from == "history":
		path, err := history.DefaultPath()
		if err != nil {
			return nil, usageError("--from history: cannot locate the history file: %v", err)
		}
		h, err := history.Load(path)
		if err != nil {
			return nil, usageError("--from history: %v", err)
		}
		if calls = audit.FromHistory(h.For(p.Name)); len(calls) == 0 {
			return nil, usageError("--from history: the history (%s) has no requests of profile %q; send some from the TUI first, or give --from FILE", path, p.Name)
		}
		return calls, nil
	case strings.HasSuffix(strings.ToLower(from), ".har"):
		data, err := fileio.ReadRegular(from, audit.MaxHAR)
		if err != nil {
			return nil, usageError("--from %s: %v", termsafe.Line(from), readReason(err))
		}
		h, err := audit.ReadHAR(bytes.NewReader(data), graphOrigin(p))
		if err != nil {
			return nil, usageError("--from %s: %v", termsafe.Line(from), err)
		}
		if h.Skipped > 0 {
			fmt.Fprintf(a.Err, "note: skipped %d requests that are not to a Graph host (or are CORS preflights)\n", h.Skipped)
		}
		if calls = h.Calls; len(calls) == 0 {
			return nil, usageError("--from %s: no request to a Graph host in it; record the app's session again, with its Graph calls", termsafe.Line(from))
		}
		return calls, nil
	}
	var data []byte
	var err error
	if from == "-" {
		data, err = a.readInput("--from", "-", maxCallList)
	} else if data, err = fileio.ReadRegular(from, maxCallList); err != nil {
		err = usageError("--from %s: %v", termsafe.Line(from), readReason(err))
	}
	if err != nil {
		return nil, err
	}
	if calls, err = audit.ParseList(bytes.NewReader(data)); err != nil {
		return nil, usageError("--from %s: %v", termsafe.Line(from), err)
	}
	if len(calls) == 0 {
		return nil, usageError("--from %s: no calls in it; write one a line, e.g. GET /users?$select=id,displayName", termsafe.Line(from))
	}
	return calls, nil
}

func readReason(err error) error {
	if errors.Is(err, fileio.ErrTooLarge) {
		return errors.New("too large for a list of calls")
	}
	return err
}

// graphOrigin says whether an origin is a Graph host: any cloud's, or the
// profile's own (a graph_host override, the demo).
func graphOrigin(p profiles.Profile) func(string) bool {
	return func(origin string) bool {
		if strings.EqualFold(origin, p.GraphBase()) {
			return true
		}
		for _, h := range profiles.Clouds {
			if strings.EqualFold(origin, h.Graph) {
				return true
			}
		}
		return false
	}
}

// printAuditJSON prints the report as one object, kept from driving a
// terminal.
func (a *App) printAuditJSON(r *audit.Report) error {
	return writeJSON(a.Out, r, true)
}
