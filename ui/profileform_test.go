package ui

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/internal/fakeidp"
	"github.com/graphtui/graphtui/profiles"
)

const (
	ptTenant   = "contoso.onmicrosoft.com"
	ptClientID = "c24b77a7-1f2c-43e5-b900-c406650b9dbd"
	ptSecret   = "Qx8~vT3.kP2-secretValue_9zR"
)

func newTestForm(edit *profiles.Profile, keyring bool) *ProfileForm {
	f := NewProfileForm(testCommon(), edit, keyring)
	f.SetSize(80, 22)
	f.Focus()
	return f
}

// ptSubmit presses ctrl+s, runs the validation command and hands its
// result back, as the root does; it returns what the form emitted then.
func ptSubmit(t *testing.T, f *ProfileForm) []tea.Msg {
	t.Helper()
	return ptSubmitWith(t, f, keyPress("ctrl+s"))
}

func ptSubmitWith(t *testing.T, f *ProfileForm, k tea.KeyPressMsg) []tea.Msg {
	t.Helper()
	checked := onlyMsg[profileFormCheckedMsg](t, updateMsgs(f.Update(k)))
	if !f.checking {
		t.Fatal("input should be frozen while the profile is checked")
	}
	cmd, intents := f.Update(checked)
	if len(f.errs) > 0 || len(f.general) > 0 {
		return nil // focus moved to the first error: a cursor command, not an intent
	}
	return updateMsgs(cmd, intents)
}

// ptFill types the identity fields of an add form.
func ptFill(f *ProfileForm, name string) {
	typeKeys(f, name)
	f.Update(keyPress("tab"))
	typeKeys(f, ptTenant)
	f.Update(keyPress("tab"))
	typeKeys(f, ptClientID)
	f.Update(keyPress("tab"))
}

func TestProfileFormKeyringSecret(t *testing.T) {
	f := newTestForm(nil, true)
	ptFill(f, "contoso-reader")
	if f.focus != fieldKind || f.kind != credKeyring {
		t.Fatalf("with a keyring the form starts on the keyring kind; focus %d kind %d", f.focus, f.kind)
	}
	f.Update(keyPress("tab"))
	typeKeys(f, ptSecret)
	view := ansi.Strip(f.View())
	if strings.Contains(view, ptSecret) || strings.Contains(view, ptSecret[:6]) {
		t.Fatalf("the secret is on screen:\n%s", view)
	}
	if !strings.Contains(view, strings.Repeat("•", len(ptSecret))) {
		t.Fatalf("the secret should show as dots:\n%s", view)
	}

	msgs := ptSubmit(t, f)
	if len(msgs) != 1 {
		t.Fatalf("want one saveProfileMsg, got %#v", msgs)
	}
	save := msgs[0].(saveProfileMsg)
	if save.OldName != "" || save.Profile.ClientSecret != "keyring:contoso-reader" || save.Secret != ptSecret {
		t.Fatalf("keyring kind: got OldName %q ClientSecret %q, secret carried: %v",
			save.OldName, save.Profile.ClientSecret, save.Secret == ptSecret)
	}
	if save.Profile.Tenant != ptTenant || save.Profile.ClientID != ptClientID || save.Profile.Cloud != "" {
		t.Fatalf("profile fields: %+v", save.Profile)
	}
}

func TestProfileFormValidationErrorsInline(t *testing.T) {
	f := newTestForm(nil, true)
	typeKeys(f, "contoso reader") // a space is not allowed in a name
	f.Update(keyPress("tab"))
	typeKeys(f, "common")
	f.Update(keyPress("tab"))
	typeKeys(f, "not-a-guid")
	f.Update(keyPress("tab"))
	f.Update(keyPress("tab"))
	typeKeys(f, ptSecret)
	f.Update(keyPress("tab"))
	if f.focus != fieldCloud {
		t.Fatalf("the cloud is the last field, focus is %d", f.focus)
	}
	if msgs := ptSubmitWith(t, f, keyPress("enter")); msgs != nil {
		t.Fatalf("an invalid profile must not be saved: %#v", msgs)
	}
	for _, ff := range []formField{fieldName, fieldTenant, fieldClientID} {
		if f.errs[ff] == "" {
			t.Errorf("no error shown next to %s", formLabels[ff])
		}
	}
	if f.focus != fieldName {
		t.Fatalf("focus should move to the first field in error, is %d", f.focus)
	}
	view := ansi.Strip(f.View())
	for _, want := range []string{"a profile name may use only", "cannot issue app-only tokens", "is not a GUID"} {
		if !strings.Contains(view, want) {
			t.Errorf("View lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, ptSecret) {
		t.Fatalf("the secret leaked into the errors:\n%s", view)
	}

	// Fixing a field clears its message; the others stay until the next save.
	f.Update(keyPress("backspace"))
	if f.errs[fieldName] != "" || f.errs[fieldTenant] == "" {
		t.Fatalf("editing a field clears only its own error: %v", f.errs)
	}
}

func TestProfileFormMissingCredential(t *testing.T) {
	for _, tc := range []struct {
		name  string
		turns int // right presses on the credential kind
		field formField
	}{
		{"keyring", 0, fieldSecret},
		{"reference", 1, fieldReference},
		{"certificate", 2, fieldCertificate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newTestForm(nil, true)
			ptFill(f, "contoso-reader")
			for range tc.turns {
				f.Update(keyPress("right"))
			}
			if msgs := ptSubmit(t, f); msgs != nil {
				t.Fatalf("saved without a credential: %#v", msgs)
			}
			if f.errs[tc.field] == "" || f.focus != tc.field {
				t.Fatalf("the missing credential should be flagged on its row: errs %v focus %d", f.errs, f.focus)
			}
			if f.errs[fieldName] != "" {
				t.Fatalf("a missing credential is not a problem with the name: %q", f.errs[fieldName])
			}
		})
	}
}

func TestProfileFormReferenceHidesPastedSecret(t *testing.T) {
	f := newTestForm(nil, true)
	ptFill(f, "contoso-reader")
	f.Update(keyPress("right")) // secret reference
	f.Update(keyPress("tab"))
	f.Update(tea.PasteMsg{Content: ptSecret})
	if view := ansi.Strip(f.View()); strings.Contains(view, ptSecret[:6]) {
		t.Fatalf("a secret pasted as a reference is on screen:\n%s", view)
	}
	if msgs := ptSubmit(t, f); msgs != nil {
		t.Fatalf("a plain secret is not a reference, yet it was saved: %#v", msgs)
	}
	if !strings.Contains(f.errs[fieldReference], "plain-text secret") {
		t.Fatalf("want the plain-text secret advice, got %q", f.errs[fieldReference])
	}
	if view := ansi.Strip(f.View()); strings.Contains(view, ptSecret[:6]) {
		t.Fatalf("the secret is on screen after validation:\n%s", view)
	}

	// A real reference is shown as typed.
	if f.focus != fieldReference {
		t.Fatalf("focus should be on the reference in error, is %d", f.focus)
	}
	for range len(ptSecret) {
		f.Update(keyPress("backspace"))
	}
	typeKeys(f, "env:CONTOSO_SECRET")
	if view := ansi.Strip(f.View()); !strings.Contains(view, "env:CONTOSO_SECRET") {
		t.Fatalf("a reference should be readable:\n%s", view)
	}
	msgs := ptSubmit(t, f)
	if len(msgs) != 1 {
		t.Fatalf("want a save, got %#v (errors %v)", msgs, f.errs)
	}
	save := msgs[0].(saveProfileMsg)
	if save.Profile.ClientSecret != "env:CONTOSO_SECRET" || save.Secret != "" {
		t.Fatalf("reference kind: ClientSecret %q, a secret carried: %v", save.Profile.ClientSecret, save.Secret != "")
	}
}

func TestProfileFormEditKeepsHiddenKeys(t *testing.T) {
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, ptCertificatePEM(t), 0o600); err != nil {
		t.Fatal(err)
	}
	old := profiles.Profile{
		Name: "contoso-reader", Tenant: ptTenant, ClientID: ptClientID,
		ClientSecret:  "keyring:contoso-reader",
		Cloud:         profiles.CloudUSGov,
		AuthorityHost: "https://127.0.0.1:8443", GraphHost: "https://127.0.0.1:9443",
		Scope: "https://127.0.0.1:9443/.default", APIVersion: "beta", CAFile: ca,
		Source: profiles.Position{File: ptConfig, Line: 4},
	}
	f := newTestForm(&old, true)
	if f.kind != credKeyring || f.cloud != 1 {
		t.Fatalf("the form should open on the profile's kind and cloud: kind %d cloud %d", f.kind, f.cloud)
	}
	// Rename, leave the secret empty (keep the stored one), change the cloud.
	typeKeys(f, "-v2")
	for f.focus != fieldCloud {
		f.Update(keyPress("down"))
	}
	f.Update(keyPress("right"))
	msgs := ptSubmit(t, f)
	if len(msgs) != 1 {
		t.Fatalf("want a save, got %#v (errors %v %v)", msgs, f.errs, f.general)
	}
	save := msgs[0].(saveProfileMsg)
	p := save.Profile
	if save.OldName != "contoso-reader" || p.Name != "contoso-reader-v2" {
		t.Fatalf("rename: OldName %q Name %q", save.OldName, p.Name)
	}
	if p.AuthorityHost != old.AuthorityHost || p.GraphHost != old.GraphHost || p.CAFile != ca ||
		p.Scope != old.Scope || p.APIVersion != "beta" {
		t.Fatalf("keys the form does not show were lost: %+v", p)
	}
	if p.ClientSecret != "keyring:contoso-reader" || save.Secret != "" {
		t.Fatalf("an empty secret keeps the stored keyring entry: ClientSecret %q, secret carried %v", p.ClientSecret, save.Secret != "")
	}
	if p.Cloud != profiles.CloudUSGovDoD {
		t.Fatalf("cloud: %q", p.Cloud)
	}
}

func TestProfileFormEditShowsHiddenKeyErrors(t *testing.T) {
	old := profiles.Profile{Name: "mock", Tenant: ptTenant, ClientID: ptClientID, ClientSecret: "env:MOCK",
		GraphHost: "http://graph.example.com", Source: profiles.Position{File: ptConfig, Line: 2}}
	f := newTestForm(&old, true)
	if msgs := ptSubmit(t, f); msgs != nil {
		t.Fatalf("saved a profile with a bad graph_host: %#v", msgs)
	}
	if len(f.general) != 1 || !strings.HasPrefix(f.general[0], "graph_host: uses plain http") {
		t.Fatalf("want the graph_host problem below the fields, got %q", f.general)
	}
}

func TestProfileFormWithoutKeyring(t *testing.T) {
	f := newTestForm(nil, false)
	if f.kind != credReference {
		t.Fatalf("without a keyring the form starts on references, kind %d", f.kind)
	}
	if view := ansi.Strip(f.View()); !strings.Contains(view, noKeyringNote) {
		t.Fatalf("the missing keyring should be explained:\n%s", view)
	}
	f.setFocus(fieldKind)
	seen := map[credKind]bool{}
	for range 6 {
		f.Update(keyPress("right"))
		seen[f.kind] = true
	}
	for range 6 {
		f.Update(keyPress("left"))
		seen[f.kind] = true
	}
	if seen[credKeyring] || !seen[credReference] || !seen[credCertificate] {
		t.Fatalf("kinds reachable without a keyring: %v", seen)
	}

	// A profile already using keyring: stays a plain, editable reference.
	old := profiles.Profile{Name: "x", Tenant: ptTenant, ClientID: ptClientID, ClientSecret: "keyring:x"}
	g := newTestForm(&old, false)
	if g.kind != credReference || g.inputs[fieldReference].Value() != "keyring:x" {
		t.Fatalf("kind %d reference %q", g.kind, g.inputs[fieldReference].Value())
	}
}

func TestProfileFormCertificate(t *testing.T) {
	cert := filepath.Join(t.TempDir(), "app.pem")
	if err := os.WriteFile(cert, ptCertificatePEM(t), 0o600); err != nil {
		t.Fatal(err)
	}
	f := newTestForm(nil, true)
	ptFill(f, "contoso-cert")
	f.Update(keyPress("right")) // keyring → reference → certificate
	f.Update(keyPress("right"))
	if f.kind != credCertificate {
		t.Fatalf("two rights from keyring reach certificate, got %d", f.kind)
	}
	f.Update(keyPress("tab"))
	typeKeys(f, cert)
	f.Update(keyPress("tab"))
	typeKeys(f, "env:PFX_PASSWORD")
	msgs := ptSubmit(t, f)
	if len(msgs) != 1 {
		t.Fatalf("want a save, got %#v (errors %v)", msgs, f.errs)
	}
	p := msgs[0].(saveProfileMsg).Profile
	if p.Certificate != cert || p.CertificatePassword != "env:PFX_PASSWORD" || p.ClientSecret != "" {
		t.Fatalf("certificate profile: %+v", p)
	}
}

func TestProfileFormNavigationAndCancel(t *testing.T) {
	f := newTestForm(nil, true)
	f.Update(keyPress("enter"))
	f.Update(keyPress("down"))
	if f.focus != fieldClientID {
		t.Fatalf("enter and down move to the next field, focus %d", f.focus)
	}
	f.Update(keyPress("shift+tab"))
	f.Update(keyPress("up"))
	f.Update(keyPress("up"))
	if f.focus != fieldCloud {
		t.Fatalf("moving up from the first field wraps to the last, focus %d", f.focus)
	}
	if !f.Capturing() {
		t.Fatal("the form captures every key while open")
	}
	onlyMsg[closeDialogMsg](t, updateMsgs(f.Update(keyPress("esc"))))
}

func TestProfileFormIgnoresOtherFormsResults(t *testing.T) {
	f := newTestForm(nil, true)
	other := newTestForm(nil, true)
	ptFill(other, "x")
	stale := onlyMsg[profileFormCheckedMsg](t, updateMsgs(other.Update(keyPress("ctrl+s"))))
	if msgs := updateMsgs(f.Update(stale)); msgs != nil || len(f.errs) > 0 {
		t.Fatal("a result meant for another form changed this one")
	}
}

// ptCertificatePEM is a throwaway self-signed certificate and key.
func ptCertificatePEM(t *testing.T) []byte {
	t.Helper()
	cert, key := fakeidp.SelfSigned(t, "graphtui test")
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	out := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})
	return append(out, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})...)
}
