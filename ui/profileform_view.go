package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The form is drawn as content only; the root frames it (Styles.Dialog)
// and centres it.

var formLabels = [formFieldCount]string{
	fieldName:            "Name",
	fieldTenant:          "Tenant",
	fieldClientID:        "Client ID",
	fieldKind:            "Credential",
	fieldSecret:          "Secret",
	fieldReference:       "Reference",
	fieldCertificate:     "Certificate",
	fieldCertPassword:    "Password ref",
	fieldManagedIdentity: "Identity",
	fieldFederatedToken:  "Token ref",
	fieldAccessToken:     "Token ref",
	fieldCloud:           "Cloud",
}

var credKindLabels = [credKindCount]string{
	credKeyring:         "secret, stored in the OS keyring",
	credReference:       "secret reference (env:, cmd:, file:)",
	credCertificate:     "certificate (PEM or .pfx file)",
	credManagedIdentity: "managed identity (on an Azure host)",
	credFederated:       "federated token (OIDC token from CI, AKS...)",
	credAccessToken:     "access token reference (a token from elsewhere)",
}

const noKeyringNote = "no OS keyring: use env:, cmd: or file:"

// formGutter is the "› " that marks the focused row.
const formGutter = 2

func (f *ProfileForm) labelWidth() int { return min(13, f.width/3) }

func (f *ProfileForm) valueWidth() int {
	return max(f.width-formGutter-f.labelWidth(), 1)
}

// View lays the rows out with each error under its field. When the dialog
// is short, errors are cut to fewer lines first, then the rows scroll so the
// focused field stays visible; the key hints keep the last line.
func (f *ProfileForm) View() string {
	w, h := f.width, f.height
	if w <= 0 || h <= 0 {
		return sizedBlock(nil, w, h)
	}
	footer := f.footer()
	avail := h - 1
	if h < 3 {
		footer, avail = "", h
	}
	var body []string
	var focusFirst, focusLast int
	for errLines := 3; errLines >= 1; errLines-- {
		body, focusFirst, focusLast = f.body(errLines)
		if len(body) <= avail {
			break
		}
	}
	start := 0
	if focusLast >= avail {
		start = min(focusLast-avail+1, focusFirst)
	}
	body = body[start:]
	if len(body) > avail {
		body = body[:avail]
	}
	for len(body) < avail {
		body = append(body, "")
	}
	if footer != "" {
		body = append(body, footer)
	}
	return sizedBlock(body, w, h)
}

// body renders every line but the footer, and where the focused row and
// its error start and end.
func (f *ProfileForm) body(errLines int) (lines []string, focusFirst, focusLast int) {
	s := f.c.Styles
	title := "Add profile"
	if f.edit != nil {
		title = "Edit profile " + f.edit.Name
	}
	title = f.c.Mask(title) // before it is cut

	lines = append(lines, s.TitleActive.Render(ansi.Truncate(title, f.width, "…")), "")

	lw, vw := f.labelWidth(), f.valueWidth()
	indent := strings.Repeat(" ", formGutter+lw)
	for _, ff := range f.fields() {
		gutter, label := "  ", s.Label
		if ff == f.focus {
			gutter, label = s.Key.Render("› "), s.TitleActive
			focusFirst = len(lines)
		}
		name := sizedLine(ansi.Truncate(formLabels[ff], max(lw-1, 0), ""), lw)
		lines = append(lines, gutter+label.Render(name)+sizedLine(f.valueView(ff), vw))
		if ff == fieldKind && !f.keyring {
			for _, l := range wrapLines(noKeyringNote, vw, errLines) {
				lines = append(lines, indent+s.BadgeWarn.Render(l))
			}
		}
		if msg := f.errs[ff]; msg != "" {
			for _, l := range wrapLines(f.c.Mask(msg), vw, errLines) {
				lines = append(lines, indent+s.Error.Render(l))
			}
		}
		if ff == f.focus {
			focusLast = len(lines) - 1
		}
	}
	if len(f.general) > 0 {
		lines = append(lines, "")
		for _, g := range f.general {
			for _, l := range wrapLines(f.c.Mask(g), max(f.width, 1), errLines) {
				lines = append(lines, s.Error.Render(l))
			}
		}
	}
	return lines, focusFirst, focusLast
}

func (f *ProfileForm) valueView(ff formField) string {
	s := f.c.Styles
	var choice string
	switch ff {
	case fieldKind:
		choice = credKindLabels[f.kind]
	case fieldCloud:
		choice = string(formClouds[f.cloud])
	default:
		return f.c.Presenter.InputView(f.inputs[ff], ff == fieldTenant)
	}
	if ff == f.focus {
		return s.Key.Render("◂ ") + s.Value.Render(choice) + s.Key.Render(" ▸")
	}
	return s.Value.Render(choice)
}

func (f *ProfileForm) footer() string {
	s := f.c.Styles
	if f.checking {
		return s.Dim.Render("checking…")
	}
	fields := f.fields()
	enter := "next"
	if f.focus == fields[len(fields)-1] {
		enter = "save"
	}
	hint := func(k, what string) string { return s.Key.Render(k) + s.Dim.Render(" "+what) }
	sep := s.Dim.Render(" · ")
	parts := []string{hint("enter", enter), hint("ctrl+s", "save"), hint("esc", "cancel")}
	if isSelector(f.focus) {
		parts = append([]string{hint("←/→", "change")}, parts...)
	}
	return strings.Join(parts, sep)
}
