package ui

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/bytesize"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// The write guard, as the TUI keeps it: a POST, PATCH, PUT or DELETE is
// refused before anything else when the profile lacks allow_writes (the
// status bar names the key and the file), and otherwise sent only after a
// yes in a dialog naming the method, URL, profile and tenant. A replay (R)
// and the matrix (M) of a write ask again.

// methodOf is the request's method for the screen: GET when none is set.
func methodOf(r graph.Request) string {
	if r.Method == "" {
		return http.MethodGet
	}
	return strings.ToUpper(r.Method)
}

// holdWrite takes a write that was not confirmed yet: it is refused or
// asked about, and true says it must not be sent now. A confirmed one
// closes the dialog that confirmed it and goes on.
func (m *Model) holdWrite(msg sendMsg) bool {
	if !graph.IsWrite(msg.Request.Method) || m.current.Name == "" {
		return false
	}
	if msg.Confirmed {
		m.dialog = nil
		return false
	}
	return m.askWrite(m.current, msg.Request, "Send this write?", sendMsg{Request: msg.Request, Confirmed: true})
}

// askWrite opens the confirmation for r sent as p, or refuses it in the
// status bar; false for a GET, which needs neither.
func (m *Model) askWrite(p profiles.Profile, r graph.Request, title string, yes Intent) bool {
	if !graph.IsWrite(r.Method) {
		return false
	}
	if err := session.CheckRequest(p, r); err != nil {
		m.setStatus("not sent: "+err.Error(), true)
		return true
	}
	rows := [][2]string{
		{methodOf(r), requestURL(p, r)},
		{"profile", p.Name},
		{"tenant", tenantText(p)},
	}
	if len(r.Body) > 0 {
		rows = append(rows, [2]string{"body", bytesize.Text(len(r.Body)) + " of JSON, not kept in history"})
	}
	m.openDialog(NewWriteConfirm(m.common, title, rows, yes))
	return true
}

// askMatrixWrite asks before the matrix sends a write under every profile
// that allows writes; the others get a refusal row and send nothing.
func (m *Model) askMatrixWrite(r graph.Request) bool {
	if !graph.IsWrite(r.Method) {
		return false
	}
	var allowed []string
	for _, p := range m.profiles {
		if p.AllowWrites {
			allowed = append(allowed, p.Name)
		}
	}
	if len(allowed) == 0 {
		m.setStatus("not sent: no profile allows writes (allow_writes = true in "+m.backend.ConfigPath+")", true)
		return true
	}
	rows := [][2]string{
		{methodOf(r), requestURL(m.current, r)},
		{"profiles", strings.Join(allowed, ", ")},
		{"tenants", tenantsText(m.profiles, allowed)},
	}
	title := fmt.Sprintf("Send this write under %d profiles?", len(allowed))
	m.openDialog(NewWriteConfirm(m.common, title, rows, matrixMsg{Confirmed: true}))
	return true
}

func (m *Model) openDialog(d Dialog) {
	m.dialog = d
	m.sizeDialog()
}

// requestURL is the URL r goes to as p, or its path when it has none.
func requestURL(p profiles.Profile, r graph.Request) string {
	u, err := graph.BuildURL(p.GraphBase(), r)
	if err != nil {
		return r.Path
	}
	return u.String()
}

// tenantText names p's tenant, or what decides it for a profile without
// one (a managed identity's host).
func tenantText(p profiles.Profile) string {
	if p.Tenant != "" {
		return p.Tenant
	}
	return "(decided by the " + p.Kind() + " credential)"
}

func tenantsText(list []profiles.Profile, names []string) string {
	seen := map[string]bool{}
	var out []string
	for _, p := range list {
		t := tenantText(p)
		if !seen[t] && slices.Contains(names, p.Name) {
			seen[t] = true
			out = append(out, t)
		}
	}
	return strings.Join(out, ", ")
}
