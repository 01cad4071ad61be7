package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/termsafe"
)

// diagnosisRows explains a failure: title, cause, evidence, next steps, and
// after a recheck the roles diff.
func diagnosisRows(x *Exchange, st *Styles, pm *Presenter, w int) []string {
	f := &fieldLayout{st: st, pm: pm, w: w, labelW: 12, under: true}
	if x == nil {
		f.text("Send a request: this tab shows the permissions it needs, and why it failed if it does.", 0, st.Dim)
		return f.rows
	}
	if x.Diagnosis == nil && x.RolesDiff == nil {
		endpointRows(f, x, st)
		return f.rows
	}
	if x.Pasted {
		f.text("Explained from a pasted error, not sent by graphtui.", 0, st.BadgeWarn)
		f.blank()
	}
	if d := x.RolesDiff; d != nil {
		f.heading("After a fresh token", st.Title)
		f.field("added", listOrNone(d.Added), st.BadgeOK)
		f.field("removed", listOrNone(d.Removed), st.BadgeErr)
		f.field("roles now", listOrNone(d.After), st.Value)
		f.blank()
	}
	d := x.Diagnosis
	if d == nil {
		f.text("The replayed request succeeded.", 0, st.BadgeOK)
		return f.rows
	}
	labels := []string{"token has", "accepted"}
	for _, e := range d.Evidence {
		labels = append(labels, e.Label)
	}
	f.fitLabels(labels...)
	f.heading(d.Title, st.ErrorTitle)
	f.field("kind", string(d.Kind), st.Dim)
	f.field("cause", d.Cause, st.Value)
	if len(d.Missing) > 0 {
		f.field("missing", strings.Join(d.Missing, ", "), st.BadgeWarn)
	}
	if len(d.Has) > 0 {
		f.field("token has", strings.Join(d.Has, ", "), st.Value)
	}
	// What to do comes before the reference data: on a short pane the
	// steps are on the first screen.
	if len(d.Next) > 0 {
		f.blank()
		f.heading("Next steps", st.Title)
		for i, n := range d.Next {
			f.item(fmt.Sprintf("%d.", i+1), n, st.Value)
		}
	}
	if m := d.Endpoint; m != nil {
		f.blank()
		f.heading("Permissions", st.Title)
		f.field("endpoint", m.Pattern, st.Value)
		if m.AppOnly {
			f.field("least", listOrNone(m.Least), st.Value)
			f.field("accepted", listOrNone(m.All), st.Dim)
		} else {
			f.field("accepted", "no application permission: not callable app-only", st.BadgeErr)
		}
	}
	if len(d.Evidence) > 0 {
		f.blank()
		f.heading("Evidence", st.Title)
		for _, e := range d.Evidence {
			f.field(e.Label, termsafe.Line(e.Value), st.Dim)
		}
	}
	roleAssignmentRows(f, x, st)
	f.blank()
	if x.Pasted {
		f.text("u: copy consent URL · ctrl+l: send the request here to try it", 0, st.Dim)
		return f.rows
	}
	f.text("R: fresh token + retry (after consent) · u: copy consent URL · M: run under every profile", 0, st.Dim)
	return f.rows
}

func listOrNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

// hasTab says whether a tab is shown: Diagnosis only when there is
// something to explain.
func (v *Viewer) hasTab(t viewerTab) bool {
	if t != tabDiagnosis {
		return true
	}
	return v.x != nil && (v.x.Diagnosis != nil || v.x.RolesDiff != nil || v.x.Endpoint != nil)
}

// cycleTab is the next shown tab in direction d (+1 or -1).
func (v *Viewer) cycleTab(d int) viewerTab {
	t := v.tab
	for range tabCount {
		t = viewerTab((int(t) + d + int(tabCount)) % int(tabCount))
		if v.hasTab(t) {
			return t
		}
	}
	return v.tab
}

// endpointRows shows what the permission reference says about a request
// that did not fail, and which of the token's roles let it through.
func endpointRows(f *fieldLayout, x *Exchange, st *Styles) {
	m := x.Endpoint
	if m == nil {
		f.text("This path is not in the permission reference.", 0, st.Dim)
		return
	}
	f.heading("Permissions for "+methodOf(graph.Request{Method: m.Method})+" "+m.Pattern, st.Title)
	if !m.AppOnly {
		f.field("app-only", "not callable: no application permission allows it", st.BadgeErr)
		return
	}
	f.field("least", listOrNone(m.Least), st.BadgeOK)
	f.field("accepted", listOrNone(m.All), st.Dim)
	if x.Token != nil {
		var via []string
		for _, r := range x.Token.Claims.Roles {
			if slices.Contains(m.All, r) {
				via = append(via, r)
			}
		}
		f.field("granted by", listOrNone(via), st.Value)
		if len(via) > 0 && len(m.Least) > 0 && !slices.Contains(via, m.Least[0]) {
			f.text("The token reaches this endpoint through a broader permission than it needs.", 0, st.BadgeWarn)
		}
	}
}
