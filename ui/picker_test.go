package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/profiles"
)

func newTestPicker(list []profiles.Profile, selected string) *Picker {
	p := NewPicker(testCommon())
	p.now = func() time.Time { return ptNow }
	p.SetSize(40, 44)
	p.SetProfiles(list, selected)
	p.Focus()
	return p
}

func selectedName(t *testing.T, p *Picker) string {
	t.Helper()
	s, ok := p.Selected()
	if !ok {
		t.Fatal("no profile selected")
	}
	return s.Name
}

func TestPickerNavigationEmitsSelection(t *testing.T) {
	p := newTestPicker(ptProfiles(), "")
	if got := selectedName(t, p); got != "contoso-reader" {
		t.Fatalf("first profile should be selected by default, got %q", got)
	}
	if got := onlyMsg[profileSelectedMsg](t, updateMsgs(p.Update(keyPress("down")))); got.Name != "contoso-cert" {
		t.Fatalf("down selected %q", got.Name)
	}
	if got := onlyMsg[profileSelectedMsg](t, updateMsgs(p.Update(keyPress("j")))); got.Name != "no-consent" {
		t.Fatalf("j selected %q", got.Name)
	}
	if got := onlyMsg[profileSelectedMsg](t, updateMsgs(p.Update(keyPress("k")))); got.Name != "contoso-cert" {
		t.Fatalf("k selected %q", got.Name)
	}
	onlyMsg[profileSelectedMsg](t, updateMsgs(p.Update(keyPress("up"))))
	if msgs := updateMsgs(p.Update(keyPress("up"))); msgs != nil {
		t.Fatalf("up on the first profile changed nothing, yet emitted %#v", msgs)
	}
	for range 10 {
		p.Update(keyPress("down"))
	}
	if got := selectedName(t, p); got != "wrong-secret" {
		t.Fatalf("down stops at the last profile, got %q", got)
	}
	if got := onlyMsg[profileSelectedMsg](t, updateMsgs(p.Update(keyPress("enter")))); got.Name != "wrong-secret" {
		t.Fatalf("enter re-announces the selection, got %q", got.Name)
	}
}

func TestPickerSetProfilesSelection(t *testing.T) {
	p := newTestPicker(ptProfiles(), "no-consent")
	if got := selectedName(t, p); got != "no-consent" {
		t.Fatalf("want the asked-for profile selected, got %q", got)
	}
	// A reload without a wish keeps the selection...
	p.SetProfiles(ptProfiles(), "")
	if got := selectedName(t, p); got != "no-consent" {
		t.Fatalf("reload lost the selection: %q", got)
	}
	// ...unless the profile is gone (deleted): then the first one.
	p.SetProfiles(ptProfiles()[3:], "")
	if got := selectedName(t, p); got != "wrong-role" {
		t.Fatalf("after deletion want the first profile, got %q", got)
	}
	p.SetProfiles(nil, "")
	if _, ok := p.Selected(); ok {
		t.Fatal("an empty list has no selection")
	}
}

func TestPickerFilter(t *testing.T) {
	p := newTestPicker(ptProfiles(), "")
	if p.Capturing() {
		t.Fatal("the list alone must not capture keys")
	}
	p.Update(keyPress("/"))
	if !p.Capturing() {
		t.Fatal("the filter input has the keyboard: Capturing must be true so q does not quit")
	}
	typeKeys(p, "CERT") // case-insensitive, and a,e,d,r are text here
	if got := shownNames(p); strings.Join(got, ",") != "contoso-cert" {
		t.Fatalf("filter by name: %v", got)
	}
	if got := selectedName(t, p); got != "contoso-reader" {
		t.Fatalf("typing must not change the selection, got %q", got)
	}
	if got := onlyMsg[profileSelectedMsg](t, updateMsgs(p.Update(keyPress("enter")))); got.Name != "contoso-cert" {
		t.Fatalf("enter selects the highlighted match, got %q", got.Name)
	}
	if p.Capturing() {
		t.Fatal("enter gives the keyboard back to the list")
	}
	if !strings.Contains(ansi.Strip(p.View()), "/ CERT") {
		t.Fatalf("the filter stays visible after enter:\n%s", ansi.Strip(p.View()))
	}
	p.Update(keyPress("esc"))
	if got := len(shownNames(p)); got != 6 {
		t.Fatalf("esc clears the filter: %d shown", got)
	}
	if got := selectedName(t, p); got != "contoso-cert" {
		t.Fatalf("clearing the filter keeps the selection, got %q", got)
	}

	for _, tc := range []struct{ query, want string }{
		{"usgov", "wrong-role"},      // cloud
		{"CHINA", "mail-blocked"},    // cloud, any case
		{"fabrikam", "wrong-role"},   // tenant domain
		{"5e1f7a2b", "mail-blocked"}, // tenant GUID
		{"global", "contoso-reader,contoso-cert,no-consent,wrong-secret"}, // default cloud has a name
	} {
		p.Update(keyPress("/"))
		typeKeys(p, tc.query)
		if got := strings.Join(shownNames(p), ","); got != tc.want {
			t.Errorf("filter %q: got %s, want %s", tc.query, got, tc.want)
		}
		p.Update(keyPress("esc"))
		if p.Capturing() {
			t.Fatal("esc in the filter gives the keyboard back")
		}
	}
}

func TestPickerFilterPaste(t *testing.T) {
	p := newTestPicker(ptProfiles(), "")
	p.Update(tea.PasteMsg{Content: "mail"})
	if len(shownNames(p)) != 6 {
		t.Fatal("a paste while the list has the keyboard is not a filter")
	}
	p.Update(keyPress("/"))
	p.Update(tea.PasteMsg{Content: "mail"})
	if got := strings.Join(shownNames(p), ","); got != "mail-blocked" {
		t.Fatalf("pasted filter: %s", got)
	}
}

func TestPickerFilterNoMatch(t *testing.T) {
	p := newTestPicker(ptProfiles(), "")
	p.Update(keyPress("/"))
	typeKeys(p, "zzz")
	view := ansi.Strip(p.View())
	if !strings.Contains(view, `no profile matches "zzz"`) {
		t.Fatalf("no-match hint missing:\n%s", view)
	}
	if msgs := updateMsgs(p.Update(keyPress("enter"))); msgs != nil {
		t.Fatalf("enter with no match selects nothing, got %#v", msgs)
	}
	if msgs := updateMsgs(p.Update(keyPress("e"))); msgs != nil {
		t.Fatalf("e with nothing shown must not open a form, got %#v", msgs)
	}
	if got := selectedName(t, p); got != "contoso-reader" {
		t.Fatalf("selection kept, got %q", got)
	}
}

func shownNames(p *Picker) []string {
	var out []string
	for _, i := range p.shown {
		out = append(out, p.all[i].Name)
	}
	return out
}

func TestPickerIntentKeys(t *testing.T) {
	p := newTestPicker(ptProfiles(), "no-consent")

	if got := onlyMsg[openProfileFormMsg](t, updateMsgs(p.Update(keyPress("a")))); got.Edit != nil {
		t.Fatalf("a opens an empty form, got %+v", got.Edit)
	}
	edit := onlyMsg[openProfileFormMsg](t, updateMsgs(p.Update(keyPress("e"))))
	if edit.Edit == nil || edit.Edit.Name != "no-consent" || edit.Edit.ClientSecret != "env:NO_CONSENT_SECRET" {
		t.Fatalf("e opens the form on the selected profile, got %+v", edit.Edit)
	}
	edit.Edit.Tenant = "changed" // the form gets a copy, not the picker's profile
	if s, _ := p.Selected(); s.Tenant == "changed" {
		t.Fatal("the form's profile aliases the picker's list")
	}
	if got := onlyMsg[confirmDeleteMsg](t, updateMsgs(p.Update(keyPress("d")))); got.Name != "no-consent" {
		t.Fatalf("d asks to delete the selected profile, got %q", got.Name)
	}
	if got := onlyMsg[refreshTokenMsg](t, updateMsgs(p.Update(keyPress("r")))); got.Name != "no-consent" {
		t.Fatalf("r refreshes the selected profile, got %q", got.Name)
	}
}

func TestPickerEnvProfileIsNotEditable(t *testing.T) {
	p := newTestPicker(append(ptProfiles(), ptEnvProfile()), profiles.EnvProfileName)
	for _, k := range []string{"e", "d"} {
		st := onlyMsg[statusMsg](t, updateMsgs(p.Update(keyPress(k))))
		if !st.Err || !strings.Contains(st.Text, "AZURE_TENANT_ID") || !strings.Contains(st.Text, `"env"`) {
			t.Errorf("%s on the env profile should explain the AZURE_* variables, got %+v", k, st)
		}
	}
	if got := onlyMsg[refreshTokenMsg](t, updateMsgs(p.Update(keyPress("r")))); got.Name != "env" {
		t.Fatalf("the env profile's token can be refreshed, got %+v", got)
	}
	if view := ansi.Strip(p.View()); !strings.Contains(view, "env (AZURE_* vars)") {
		t.Fatalf("the env profile should say where it comes from:\n%s", view)
	}
}

func TestPickerTokenBadges(t *testing.T) {
	p := newTestPicker(ptProfiles()[:1], "")
	badge := func() string { return strings.Split(ansi.Strip(p.View()), "\n")[2] }
	if got := badge(); !strings.Contains(got, "no token") {
		t.Fatalf("before any request: %q", got)
	}
	p.SetPending("contoso-reader")
	if got := badge(); !strings.Contains(got, "…") {
		t.Fatalf("in flight: %q", got)
	}
	exp := time.Date(2025, 3, 14, 15, 4, 0, 0, time.Local)
	p.Update(tokenMsg{Profile: "contoso-reader", Token: ptToken("contoso-reader", exp, "User.Read.All", "Group.Read.All")})
	if got := badge(); !strings.Contains(got, "valid until 15:04 · 2 roles") {
		t.Fatalf("after a token: %q", got)
	}
	// A cancelled refresh leaves what was known.
	p.SetPending("contoso-reader")
	p.Update(tokenMsg{Profile: "contoso-reader", Err: context.Canceled, Forced: true})
	if got := badge(); !strings.Contains(got, "valid until 15:04") {
		t.Fatalf("after a cancelled refresh: %q", got)
	}
	p.Update(tokenMsg{Profile: "contoso-reader", Token: ptToken("contoso-reader", exp)})
	if got := badge(); !strings.Contains(got, "no roles") {
		t.Fatalf("a token without roles must say so: %q", got)
	}
	opaque := ptToken("contoso-reader", exp)
	opaque.ClaimsErr = errors.New("not a JWT")
	p.Update(tokenMsg{Profile: "contoso-reader", Token: opaque})
	if got := badge(); !strings.Contains(got, "roles unknown") || strings.Contains(got, "no roles") {
		t.Fatalf("a token that is not a JWT has unknown roles, not none: %q", got)
	}
	p.now = func() time.Time { return exp.Add(time.Minute) }
	if got := badge(); !strings.Contains(got, "expired at 15:04") {
		t.Fatalf("past its expiry: %q", got)
	}
	p.Update(tokenMsg{Profile: "contoso-reader", Err: fmt.Errorf("acquire: %w", &auth.TokenError{Profile: "contoso-reader", Code: 7000215})})
	if got := badge(); !strings.Contains(got, "failed · AADSTS7000215") {
		t.Fatalf("failed with a code: %q", got)
	}
	p.Update(tokenMsg{Profile: "contoso-reader", Err: errors.New("dial tcp: connection refused")})
	if got := badge(); !strings.Contains(got, "token failed") {
		t.Fatalf("failed without a code: %q", got)
	}
	p.Update(tokenMsg{Profile: "somebody-else", Token: ptToken("somebody-else", exp)})
	if got := badge(); !strings.Contains(got, "token failed") {
		t.Fatalf("another profile's token changed this badge: %q", got)
	}
}

func TestPickerSetProfilesDropsStaleTokens(t *testing.T) {
	p := newTestPicker(ptProfiles(), "")
	exp := time.Date(2025, 3, 14, 15, 4, 0, 0, time.Local)
	for _, name := range []string{"contoso-reader", "no-consent"} {
		p.Update(tokenMsg{Profile: name, Token: ptToken(name, exp, "User.Read.All")})
	}
	list := ptProfiles()
	list[0].Source.Line = 9                                   // another edit moved it: same settings
	list[2].ClientID = "00000000-0000-0000-0000-000000000001" // edited: the old token is not for this app
	p.SetProfiles(list, "")
	if p.tokens["contoso-reader"].token == nil {
		t.Fatal("an unchanged profile keeps its token state")
	}
	if p.tokens["no-consent"].token != nil {
		t.Fatal("an edited profile must not show the old settings' token")
	}
}

func TestPickerEmptyList(t *testing.T) {
	p := newTestPicker(nil, "")
	if view := ansi.Strip(p.View()); !strings.Contains(view, "no profiles yet — press a to add one") {
		t.Fatalf("empty list hint missing:\n%s", view)
	}
	if got := onlyMsg[openProfileFormMsg](t, updateMsgs(p.Update(keyPress("a")))); got.Edit != nil {
		t.Fatal("a adds even with no profiles")
	}
	for _, k := range []string{"e", "d", "r", "enter", "down"} {
		if msgs := updateMsgs(p.Update(keyPress(k))); msgs != nil {
			t.Errorf("%s with no profiles: %#v", k, msgs)
		}
	}
}

func TestPickerScrollKeepsSelectionVisible(t *testing.T) {
	p := newTestPicker(ptProfiles(), "")
	p.SetSize(24, 5) // one line each, the selected one three: two profiles and the "more" line
	for range 4 {
		p.Update(keyPress("down"))
	}
	view := ansi.Strip(p.View())
	if !strings.Contains(view, "▸ mail-blocked") {
		t.Fatalf("the selected profile scrolled out of view:\n%s", view)
	}
	if !strings.Contains(view, "↑ 3 · ↓ 1 more") {
		t.Fatalf("hidden profiles not counted:\n%s", view)
	}
}

// When three lines each do not fit, every profile gets one line (name and
// token state) and the selected one keeps its three, so the list is whole
// at 80x24.
func TestPickerCollapsesWhenShort(t *testing.T) {
	p := ptPickerWithTokens()
	p.SetSize(24, 10)
	p.Update(keyPress("down"))
	view := ansi.Strip(p.View())
	requireSize(t, p.View(), 24, 10)
	for _, prof := range ptProfiles() {
		if !strings.Contains(view, prof.Name) {
			t.Errorf("%s is not on screen:\n%s", prof.Name, view)
		}
	}
	if strings.Contains(view, "more") {
		t.Errorf("profiles hidden although one line each fits:\n%s", view)
	}
	lines := strings.Split(view, "\n")
	for i, l := range lines {
		if strings.Contains(l, "▸ ") && (i+2 >= len(lines) || strings.TrimSpace(lines[i+2]) == "") {
			t.Errorf("the selected profile lost its details:\n%s", view)
		}
	}
}

func TestShortTenant(t *testing.T) {
	for _, tc := range []struct {
		tenant string
		w      int
		want   string
	}{
		{"contoso.onmicrosoft.com", 30, "contoso.onmicrosoft.com"},
		{"contoso.onmicrosoft.com", 12, "contoso.onm…"},
		{"8d0a3f3e-5b7c-4f0e-9a61-2c4e7b1d9f52", 13, "8d0a3f…1d9f52"},
		{"8d0a3f3e-5b7c-4f0e-9a61-2c4e7b1d9f52", 21, "8d0a3f3e…2c4e7b1d9f52"},
		{"8d0a3f3e-5b7c-4f0e-9a61-2c4e7b1d9f52", 29, "8d0a3f3e-5b7c…2c4e7b1d9f52"},
		{"8d0a3f3e-5b7c-4f0e-9a61-2c4e7b1d9f52", 2, "8d"},
	} {
		if got := shortTenant(tc.tenant, tc.w); got != tc.want {
			t.Errorf("shortTenant(%q, %d) = %q, want %q", tc.tenant, tc.w, got, tc.want)
		}
	}
}
