package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/profiles"
)

// profileFormCheckedMsg is the outcome of validating the form's profile.
// Validation reads the certificate and CA files, so it runs as a command
// and comes back here. It never carries the secret: that stays in the form.
type profileFormCheckedMsg struct {
	form    *ProfileForm // the form that asked; a closed form's result is dropped
	profile profiles.Profile
	err     error
}

// save checks what the form can check alone, then validates the profile
// in a command; checked emits saveProfileMsg if all is well.
func (f *ProfileForm) save() tea.Cmd {
	p := f.build()
	f.errs = f.missingCredential()
	f.general = nil
	f.checking = true
	return func() tea.Msg {
		if p.Certificate != "" && !filepath.IsAbs(p.Certificate) && !strings.HasPrefix(p.Certificate, "~") {
			// Typed in the TUI, a relative path means "from where I started
			// graphtui"; in the file it would mean "from the config's folder".
			if abs, err := filepath.Abs(p.Certificate); err == nil {
				p.Certificate = abs
			}
		}
		check := p
		if check.Kind() == profiles.CredentialSecret && check.ClientSecret == "" {
			// missingCredential already said so on the credential's own row;
			// a stand-in keeps Validate's keyless "no credential" error from
			// being shown as a problem with the name.
			check.ClientSecret = "env:GRAPHTUI_FORM_PLACEHOLDER"
		}
		return profileFormCheckedMsg{form: f, profile: p, err: check.Validate()}
	}
}

func (f *ProfileForm) checked(msg profileFormCheckedMsg) tea.Cmd {
	f.checking = false
	if es, ok := profiles.AsErrors(msg.err); ok {
		for _, e := range es {
			ff, shown := f.fieldForKey(e.Key)
			switch {
			case !shown:
				f.general = append(f.general, fmt.Sprintf("%s: %s (edit it in the config file)", e.Key, e.Message))
			case ff < 0:
				// The keyring reference is built from the name; the name's
				// own error says what to fix.
			case f.errs[ff] == "":
				f.errs[ff] = e.Message
			}
		}
	} else if msg.err != nil {
		f.general = append(f.general, msg.err.Error())
	}
	if len(f.errs) > 0 {
		for _, ff := range f.fields() {
			if f.errs[ff] != "" {
				return f.setFocus(ff)
			}
		}
	}
	if len(f.errs) > 0 || len(f.general) > 0 {
		return nil
	}
	var secret, old string
	if f.kind == credKeyring {
		secret = strings.TrimSpace(f.inputs[fieldSecret].Value())
	}
	if f.edit != nil {
		old = f.edit.Name
	}
	return f.out.emit(saveProfileMsg{OldName: old, Profile: msg.profile, Secret: secret})
}

// fieldForKey is the row that shows problems with a config key; shown is
// false for keys the form keeps from the edited profile without showing.
func (f *ProfileForm) fieldForKey(k string) (ff formField, shown bool) {
	switch k {
	case "": // the only keyless error left is about the name
		return fieldName, true
	case "tenant":
		return fieldTenant, true
	case "client_id":
		return fieldClientID, true
	case "client_secret":
		if f.kind == credKeyring {
			return -1, true
		}
		return fieldReference, true
	case "certificate":
		return fieldCertificate, true
	case "certificate_password":
		return fieldCertPassword, true
	case "managed_identity":
		return fieldManagedIdentity, true
	case "federated_token":
		return fieldFederatedToken, true
	case "access_token":
		return fieldAccessToken, true
	case "cloud":
		return fieldCloud, true
	}
	return -1, false
}

// build turns the form into a profile. Editing starts from the old profile
// so keys the form does not show (authority_host, graph_host, scope,
// api_version, ca_file) are kept.
func (f *ProfileForm) build() profiles.Profile {
	var p profiles.Profile
	if f.edit != nil {
		p = *f.edit
	}
	val := func(ff formField) string { return strings.TrimSpace(f.inputs[ff].Value()) }
	p.Name, p.Tenant, p.ClientID = val(fieldName), val(fieldTenant), val(fieldClientID)
	p.ClientSecret, p.Certificate, p.CertificatePassword = "", "", ""
	p.ManagedIdentity, p.FederatedToken, p.AccessToken = "", "", ""
	if !f.kind.appKind() {
		// The host or the token decides these; an authority is not used.
		p.Tenant, p.ClientID, p.AuthorityHost = "", "", ""
	}
	switch f.kind {
	case credKeyring:
		p.ClientSecret = f.keepRef
		if val(fieldSecret) != "" {
			p.ClientSecret = "keyring:" + p.Name
		}
	case credReference:
		p.ClientSecret = val(fieldReference)
	case credCertificate:
		p.Certificate, p.CertificatePassword = val(fieldCertificate), val(fieldCertPassword)
	default:
		for _, o := range oneKeyKinds {
			if o.kind == f.kind {
				*o.key(&p) = val(o.field)
			}
		}
	}
	// Global is the default: write it only if the file already said so.
	p.Cloud = formClouds[f.cloud]
	if p.Cloud == profiles.CloudGlobal && (f.edit == nil || f.edit.Cloud == "") {
		p.Cloud = ""
	}
	return p
}

// missingCredential flags an empty credential on its own row, with what to
// type there.
func (f *ProfileForm) missingCredential() map[formField]string {
	errs := map[formField]string{}
	empty := func(ff formField) bool { return strings.TrimSpace(f.inputs[ff].Value()) == "" }
	switch {
	case f.kind == credKeyring && empty(fieldSecret) && f.keepRef == "":
		errs[fieldSecret] = "type the client secret; it is stored in the OS keyring, never in the config file"
	case f.kind == credReference && empty(fieldReference):
		errs[fieldReference] = `enter where the secret is: "env:VAR", "cmd:COMMAND ARGS", "file:PATH" or "keyring:NAME"`
	case f.kind == credCertificate && empty(fieldCertificate):
		errs[fieldCertificate] = "enter the path of a PEM (certificate and key) or PKCS#12 (.pfx) file"
	case f.kind == credManagedIdentity && empty(fieldManagedIdentity):
		errs[fieldManagedIdentity] = `enter "system" for the host's own identity, or a user-assigned identity's client id or resource id`
	case f.kind == credFederated && empty(fieldFederatedToken):
		errs[fieldFederatedToken] = `enter where the other issuer's token is: "file:PATH" (it is read again for every token), "env:VAR" or "cmd:COMMAND"`
	case f.kind == credAccessToken && empty(fieldAccessToken):
		errs[fieldAccessToken] = `enter a reference that yields an access token, e.g. "cmd:az account get-access-token --resource https://graph.microsoft.com --query accessToken -o tsv"`
	}
	return errs
}
