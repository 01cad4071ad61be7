package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/profiles"
)

// ProfileForm is the add/edit profile dialog. It never holds a secret
// longer than the dialog is open, and shows it only as dots.
type ProfileForm struct {
	c    *Common
	Keys ProfileFormKeyMap
	out  outbox // intents of the Update under way

	width, height int

	edit    *profiles.Profile // the profile being edited; nil when adding
	keyring bool              // an OS keyring can store a typed secret
	// keepRef is the edited profile's keyring: reference, kept when the
	// secret is left empty so the stored secret stays in use.
	keepRef string

	inputs [formFieldCount]textinput.Model
	kind   credKind
	cloud  int // index into formClouds
	focus  formField

	errs     map[formField]string
	general  []string // problems in keys the form does not show
	checking bool     // a validation is running; input is frozen until it ends
}

// formField is one row of the form. Selectors have no text input.
type formField int

const (
	fieldName formField = iota
	fieldTenant
	fieldClientID
	fieldKind
	fieldSecret
	fieldReference
	fieldCertificate
	fieldCertPassword
	fieldManagedIdentity
	fieldFederatedToken
	fieldAccessToken
	fieldCloud
	formFieldCount
)

// credKind is how the profile proves its identity.
type credKind int

const (
	credKeyring credKind = iota
	credReference
	credCertificate
	credManagedIdentity // the Azure host proves it: no tenant, client id or secret
	credFederated       // another issuer's token as the client assertion
	credAccessToken     // a ready token from elsewhere: no tenant or client id
	credKindCount
)

// appKind reports kinds that name an app registration (tenant, client id).
func (k credKind) appKind() bool { return k != credManagedIdentity && k != credAccessToken }

var formClouds = []profiles.Cloud{profiles.CloudGlobal, profiles.CloudUSGov, profiles.CloudUSGovDoD, profiles.CloudChina}

// NewProfileForm opens the form empty (edit nil) or filled from edit.
// Without a keyring the "stored in keyring" kind cannot be chosen.
func NewProfileForm(c *Common, edit *profiles.Profile, keyringAvailable bool) *ProfileForm {
	f := &ProfileForm{c: c, Keys: DefaultProfileFormKeyMap(), keyring: keyringAvailable, errs: map[formField]string{}}
	for i := range f.inputs {
		f.inputs[i] = themedTextInput(c.Styles)
	}
	f.inputs[fieldName].Placeholder = "e.g. contoso-reader"
	f.inputs[fieldTenant].Placeholder = "e.g. contoso.onmicrosoft.com or a tenant ID"
	f.inputs[fieldClientID].Placeholder = "the app's Application (client) ID"
	f.inputs[fieldSecret].Placeholder = "typed once, kept in the OS keyring"
	f.inputs[fieldSecret].EchoMode = textinput.EchoPassword
	f.inputs[fieldSecret].EchoCharacter = '•'
	f.inputs[fieldReference].Placeholder = "env:VAR, cmd:COMMAND or file:PATH"
	f.inputs[fieldCertificate].Placeholder = "e.g. ~/certs/app.pem or app.pfx"
	f.inputs[fieldCertPassword].Placeholder = "optional, .pfx only: env:VAR…"
	f.inputs[fieldManagedIdentity].Placeholder = `"system", or a user-assigned identity's client id or resource id`
	f.inputs[fieldFederatedToken].Placeholder = "e.g. file:/var/run/secrets/azure/tokens/azure-identity-token"
	f.inputs[fieldAccessToken].Placeholder = "e.g. cmd:az account get-access-token --resource https://graph.microsoft.com --query accessToken -o tsv"
	for _, ff := range referenceFields {
		f.inputs[ff].EchoCharacter = '•'
	}

	f.kind = credReference
	if keyringAvailable {
		f.kind = credKeyring
	}
	if edit != nil {
		e := *edit
		f.edit = &e
		f.fill(e)
	}
	return f
}

// Size is the usual dialog box.
func (f *ProfileForm) Size(screenW, screenH int) (w, h int, fullScreen bool) {
	return dialogSize(screenW, screenH)
}

// Restyle colours every field's input for the new theme.
func (f *ProfileForm) Restyle(st *Styles) {
	for i := range f.inputs {
		f.inputs[i].SetStyles(inputStyles(st))
	}
}

func (f *ProfileForm) fill(p profiles.Profile) {
	f.inputs[fieldName].SetValue(p.Name)
	f.inputs[fieldTenant].SetValue(p.Tenant)
	f.inputs[fieldClientID].SetValue(p.ClientID)
	switch kind := p.Kind(); kind {
	case profiles.CredentialCertificate:
		f.kind = credCertificate
		f.inputs[fieldCertificate].SetValue(p.Certificate)
		f.inputs[fieldCertPassword].SetValue(p.CertificatePassword)
	case profiles.CredentialSecret:
		if strings.HasPrefix(p.ClientSecret, "keyring:") && f.keyring {
			f.kind = credKeyring
			f.keepRef = p.ClientSecret
			f.inputs[fieldSecret].Placeholder = "empty = keep the stored secret"
			break
		}
		// Without a keyring a keyring: reference is still a valid
		// reference; it stays editable as text.
		f.kind = credReference
		f.inputs[fieldReference].SetValue(p.ClientSecret)
	default:
		for _, o := range oneKeyKinds {
			if o.name == kind {
				f.kind = o.kind
				f.inputs[o.field].SetValue(*o.key(&p))
			}
		}
	}
	for i, c := range formClouds {
		if c == p.CloudName() {
			f.cloud = i
		}
	}
	f.maskReferences()
}

// fields lists the rows shown for the current credential kind, in order.
func (f *ProfileForm) fields() []formField {
	out := []formField{fieldName}
	if f.kind.appKind() {
		out = append(out, fieldTenant, fieldClientID)
	}
	out = append(out, fieldKind)
	out = append(out, credFields[f.kind]...)
	return append(out, fieldCloud)
}

// credFields are the rows each credential kind shows under the kind.
var credFields = [credKindCount][]formField{
	credKeyring:         {fieldSecret},
	credReference:       {fieldReference},
	credCertificate:     {fieldCertificate, fieldCertPassword},
	credManagedIdentity: {fieldManagedIdentity},
	credFederated:       {fieldFederatedToken},
	credAccessToken:     {fieldAccessToken},
}

// oneKeyKinds are the kinds whose whole credential is one profile key,
// typed into one field: the form fills and reads them alike.
var oneKeyKinds = []struct {
	kind  credKind
	name  string // the kind as profiles names it
	field formField
	key   func(*profiles.Profile) *string
}{
	{credManagedIdentity, profiles.KindManagedIdentity, fieldManagedIdentity, func(p *profiles.Profile) *string { return &p.ManagedIdentity }},
	{credFederated, profiles.KindFederated, fieldFederatedToken, func(p *profiles.Profile) *string { return &p.FederatedToken }},
	{credAccessToken, profiles.KindAccessToken, fieldAccessToken, func(p *profiles.Profile) *string { return &p.AccessToken }},
}

func (f *ProfileForm) SetSize(width, height int) {
	f.width, f.height = max(width, 0), max(height, 0)
	w := max(f.valueWidth()-1, 1) // one cell for the cursor
	for i := range f.inputs {
		f.inputs[i].SetWidth(w)
	}
}

func (f *ProfileForm) Focus() tea.Cmd { return f.setFocus(f.focus) }

func (f *ProfileForm) Blur() {
	for i := range f.inputs {
		f.inputs[i].Blur()
	}
}

// Capturing is always true: every key belongs to the open dialog.
func (f *ProfileForm) Capturing() bool { return true }

func (f *ProfileForm) setFocus(ff formField) tea.Cmd {
	f.Blur()
	f.focus = ff
	if isSelector(ff) {
		return nil
	}
	return f.inputs[ff].Focus()
}

func isSelector(ff formField) bool { return ff == fieldKind || ff == fieldCloud }

// Update moves between fields, edits them and saves.
func (f *ProfileForm) Update(msg tea.Msg) (tea.Cmd, []Intent) {
	return f.out.done(f.update(msg))
}

func (f *ProfileForm) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case profileFormCheckedMsg:
		if msg.form == f {
			return f.checked(msg)
		}
		return nil
	case tea.KeyPressMsg:
		return f.key(msg)
	}
	if _, paste := msg.(tea.PasteMsg); isSelector(f.focus) || paste && f.checking {
		return nil
	}
	return f.updateInput(msg) // cursor blink, paste
}

// updateInput passes msg to the focused input; a changed value clears the
// field's error and is masked if it looks like a secret.
func (f *ProfileForm) updateInput(msg tea.Msg) tea.Cmd {
	before := f.inputs[f.focus].Value()
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	if f.inputs[f.focus].Value() != before {
		delete(f.errs, f.focus)
		f.maskReferences()
	}
	return cmd
}

func (f *ProfileForm) key(msg tea.KeyPressMsg) tea.Cmd {
	k := f.Keys
	if key.Matches(msg, k.Cancel) {
		return f.out.emit(closeDialogMsg{})
	}
	if f.checking {
		return nil
	}
	fields := f.fields()
	last := fields[len(fields)-1]
	switch {
	case key.Matches(msg, k.Save), key.Matches(msg, k.Submit) && f.focus == last:
		return f.save()
	case key.Matches(msg, k.Next), key.Matches(msg, k.Submit):
		return f.step(fields, +1)
	case key.Matches(msg, k.Prev):
		return f.step(fields, -1)
	case isSelector(f.focus):
		switch {
		case key.Matches(msg, k.Left):
			f.cycle(-1)
		case key.Matches(msg, k.Right), msg.String() == "space":
			f.cycle(+1)
		}
		return nil
	}
	return f.updateInput(msg)
}

func (f *ProfileForm) step(fields []formField, delta int) tea.Cmd {
	at := 0
	for i, ff := range fields {
		if ff == f.focus {
			at = i
		}
	}
	return f.setFocus(fields[(at+delta+len(fields))%len(fields)])
}

// cycle changes the focused selector, skipping the keyring kind when there
// is no keyring to put the secret in.
func (f *ProfileForm) cycle(delta int) {
	if f.focus == fieldCloud {
		f.cloud = (f.cloud + delta + len(formClouds)) % len(formClouds)
		return
	}
	n := int(credKindCount)
	next := credKind((int(f.kind) + delta + n) % n)
	if next == credKeyring && !f.keyring {
		next = credKind((int(next) + delta + n) % n)
	}
	f.kind = next
	for _, ff := range []formField{fieldTenant, fieldClientID, fieldSecret, fieldReference, fieldCertificate, fieldCertPassword,
		fieldManagedIdentity, fieldFederatedToken, fieldAccessToken} {
		delete(f.errs, ff)
	}
}

// maskReferences hides a reference field's text as soon as it stops
// looking like a reference: a secret pasted there must not sit on screen.
func (f *ProfileForm) maskReferences() {
	for _, ff := range referenceFields {
		in := &f.inputs[ff]
		in.EchoMode = textinput.EchoNormal
		if v := in.Value(); v != "" && !mayBecomeReference(v) {
			in.EchoMode = textinput.EchoPassword
		}
	}
}

// referenceFields hold references whose target may be pasted by mistake:
// a secret, a password or a token.
var referenceFields = []formField{fieldReference, fieldCertPassword, fieldFederatedToken, fieldAccessToken}

// mayBecomeReference reports whether v is, or is being typed towards, an
// env:, cmd:, file: or keyring: reference.
func mayBecomeReference(v string) bool {
	for _, prefix := range []string{"env:", "cmd:", "file:", "keyring:"} {
		if strings.HasPrefix(v, prefix) || strings.HasPrefix(prefix, v) {
			return true
		}
	}
	return false
}

// ProfileFormKeyMap is the form's keys.
type ProfileFormKeyMap struct {
	Next, Prev  key.Binding
	Left, Right key.Binding
	Submit      key.Binding
	Save        key.Binding
	Cancel      key.Binding
}

// DefaultProfileFormKeyMap is the form's default bindings.
func DefaultProfileFormKeyMap() ProfileFormKeyMap {
	return ProfileFormKeyMap{
		Next:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		Left:   key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous choice")),
		Right:  key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next choice")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / save on the last field")),
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

func (f *ProfileForm) ShortHelp() []key.Binding {
	k := f.Keys
	return []key.Binding{k.Next, k.Left, k.Right, k.Save, k.Cancel}
}

func (f *ProfileForm) FullHelp() [][]key.Binding {
	k := f.Keys
	return [][]key.Binding{{k.Next, k.Prev}, {k.Left, k.Right}, {k.Submit, k.Save, k.Cancel}}
}
