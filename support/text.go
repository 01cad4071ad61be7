package support

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// Text is the bundle for a ticket's text box: one section per part, labels
// aligned within a section, the curl command last so it is easy to copy.
func (b *Bundle) Text() string {
	var w textWriter
	w.title("graphtui support bundle")
	w.section("", [][2]string{
		{"generated", b.GeneratedAt.Format(time.RFC3339)},
		{"graphtui", b.Version},
	})
	w.section("Profile", [][2]string{
		{"name", b.Profile}, {"cloud", b.Cloud}, {"tenant", b.Tenant}, {"client id", b.ClientID},
	})
	sent := "yes"
	if !b.Request.Sent {
		sent = "no: it ended before a response came back"
	}
	w.section("Request", [][2]string{{"method", b.Request.Method}, {"url", b.Request.URL}, {"sent", sent}})
	if r := b.Response; r != nil {
		w.section("Response", [][2]string{
			{"status", strings.TrimSpace(fmt.Sprintf("%d %s", r.Status, r.Reason))},
			{"request-id", r.RequestID},
			{"client-request-id", r.ClientRequestID},
			{"date", r.Date},
			{"x-ms-ags-diagnostic", r.Diagnostic},
		})
	}
	if e := b.GraphError; e != nil {
		w.section("Graph error", [][2]string{{"code", e.Code}, {"message", e.Message}})
	}
	if e := b.TokenError; e != nil {
		status := ""
		if e.HTTPStatus != 0 {
			status = fmt.Sprint(e.HTTPStatus)
		}
		w.section("Token request", [][2]string{
			{"code", e.AADSTS}, {"error", e.OAuthError}, {"description", e.Description},
			{"trace id", e.TraceID}, {"correlation id", e.CorrelationID}, {"timestamp", e.Timestamp},
			{"http status", status},
		})
	}
	if b.Error != "" {
		w.section("Error", [][2]string{{"error", b.Error}})
	}
	if b.Claims != nil {
		w.section("Token claims (decoded; the token is not included)", claimRows(b.Claims))
	}
	if d := b.Diagnosis; d != nil {
		w.section("Diagnosis", [][2]string{{"kind", d.Kind}, {"title", d.Title}, {"cause", d.Cause}})
		var rows [][2]string
		for _, e := range d.Evidence {
			rows = append(rows, [2]string{e.Label, e.Value})
		}
		w.section("Evidence", rows)
		if len(d.Next) > 0 {
			w.heading("Next steps")
			for i, n := range d.Next {
				fmt.Fprintf(&w.b, "  %d. %s\n", i+1, n)
			}
		}
	}
	if b.Curl != "" {
		w.heading("Repeat with curl (set TOKEN first, e.g. TOKEN=$(graphtui token --raw -p " + b.Profile + "))")
		w.b.WriteString("  " + b.Curl + "\n")
	}
	// Servers and configs fill most values: whatever they hold, the file
	// is cat-safe (control bytes shown as \x1b, \u009b, \xff).
	return string(termsafe.Visible([]byte(w.b.String())))
}

// JSON is the bundle indented, for tools and for tickets that take files.
// encoding/json escapes C0 controls and replaces invalid UTF-8; DEL and
// the C1 controls get \u escapes too, so the file is cat-safe.
func (b *Bundle) JSON() ([]byte, error) {
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(termsafe.JSON(out), '\n'), nil
}

// claimRows lists the claims by name; lists are joined with commas and an
// empty roles list says what it means.
func claimRows(m map[string]any) [][2]string {
	names := slices.Sorted(maps.Keys(m))
	rows := make([][2]string, 0, len(names))
	for _, k := range names {
		var v string
		switch x := m[k].(type) {
		case []string:
			v = strings.Join(x, ", ")
			if len(x) == 0 && k == "roles" {
				v = "(none)"
			}
		default:
			v = fmt.Sprint(x)
		}
		rows = append(rows, [2]string{k, v})
	}
	return rows
}

// textWriter builds the text form. Empty values are left out; a section
// with nothing left is left out too.
type textWriter struct{ b strings.Builder }

func (w *textWriter) title(s string) {
	w.b.WriteString(s + "\n" + strings.Repeat("=", utf8.RuneCountInString(s)) + "\n")
}

func (w *textWriter) heading(s string) { w.b.WriteString("\n" + s + "\n") }

func (w *textWriter) section(name string, rows [][2]string) {
	width := 0
	kept := rows[:0:0]
	for _, r := range rows {
		if r[1] != "" {
			kept = append(kept, r)
			width = max(width, utf8.RuneCountInString(r[0])+1)
		}
	}
	if len(kept) == 0 {
		return
	}
	if name != "" {
		w.heading(name)
	}
	for _, r := range kept {
		// Values from servers may span lines; indent them under the value.
		v := strings.ReplaceAll(r[1], "\n", "\n  "+strings.Repeat(" ", width+1))
		fmt.Fprintf(&w.b, "  %-*s %s\n", width, r[0]+":", v)
	}
}
