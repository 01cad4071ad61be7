package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/internal/qrtext"
)

// consentQR sends /users as no-consent and presses Q in the viewer.
func consentQR(t *testing.T, w, h int) (*flow, *qrtext.Code) {
	f := startFlow(t, w, h)
	f.waitFor("contoso-reader")
	f.pickProfile(2, "no roles")
	f.typeText("/users")
	f.press("enter")
	f.waitFor("401", "no-roles") // the response has the focus
	url := f.tenant.LoginURL() + "/" + f.tenant.TenantID() + "/adminconsent?client_id=" + f.tenant.ClientID(demo.ProfileNoConsent)
	code, err := qrtext.Render(url, false) // the flow's backend has no colours
	if err != nil {
		t.Fatal(err)
	}
	return f, code
}

// requireCode fails unless every line of code is on screen s.
func requireCode(t *testing.T, s string, code *qrtext.Code) {
	t.Helper()
	for i, line := range code.Lines {
		if !strings.Contains(s, line) {
			t.Fatalf("line %d of the code is not on screen:\n%s", i, s)
		}
	}
}

// Q on a 401 shows the consent URL as a whole, scannable code: every line
// of it as drawn for that URL; u copies the URL; esc closes.
func TestFlowConsentQRCode(t *testing.T) {
	f, code := consentQR(t, 160, 48)
	f.typeText("Q")
	s := f.waitFor("admin consent · u copy URL · esc close")
	requireCode(t, s, code)
	f.typeText("u")
	f.waitFor("sent the admin-consent URL as OSC 52") // no clipboard tool in tests
	f.press("esc")
	f.waitUntil("esc did not close the QR code", func(s string) bool { return !strings.Contains(s, code.Lines[1]) })
}

// In 80x24 the code fits only without the dialog frame, status bar and
// footer around it: it is shown alone, whole, and esc brings the panes back.
func TestFlowConsentQRCodeFullScreenIn80x24(t *testing.T) {
	f, code := consentQR(t, 80, 24)
	f.typeText("Q")
	s := f.waitFor("admin consent · u copy URL · esc close")
	requireCode(t, s, code)
	if strings.Contains(s, "Profiles") {
		t.Errorf("the panes are drawn around a full-screen code:\n%s", s)
	}
	f.press("esc")
	f.waitFor("Profiles", "401")
}

// Smaller still, the dialog says what size the code needs rather than draw
// a cut code that would not scan; enlarging the terminal shows the code.
func TestFlowConsentQRCodeTooSmall(t *testing.T) {
	f, code := consentQR(t, 80, 24)
	f.tm.Send(tea.WindowSizeMsg{Width: 72, Height: 22})
	f.typeText("Q")
	s := f.waitFor("The QR code needs a terminal of")
	if strings.Contains(s, code.Lines[1]) {
		t.Errorf("a cut code is drawn:\n%s", s)
	}
	f.tm.Send(tea.WindowSizeMsg{Width: 160, Height: 48})
	s = f.waitFor("admin consent · u copy URL · esc close")
	requireCode(t, s, code) // after the resize
}

// Presenter mode hides the tenant; a QR code would give it away.
func TestFlowConsentQRCodeRefusedInPresenterMode(t *testing.T) {
	f, code := consentQR(t, 160, 48)
	f.press("ctrl+g")
	f.typeText("Q")
	s := f.waitFor("holds the tenant id")
	if strings.Contains(s, code.Lines[1]) {
		t.Errorf("the code is drawn in presenter mode:\n%s", s)
	}
}

// Any size, from nothing up: the dialog fills exactly its block, and shows
// the code only where the whole of it fits.
func TestQRDialogAtEverySize(t *testing.T) {
	url := "https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=5a6c1e0f-2b3d-4c8e-9f7a-1d2e3f4a5b6c"
	d := NewQRDialog(testCommon(), url, false)
	code, err := qrtext.Render(url, false)
	if err != nil {
		t.Fatal(err)
	}
	nw, nh := d.NeedSize()
	for w := 0; w <= nw+2; w++ {
		for h := 0; h <= nh+2; h++ {
			d.SetSize(w, h)
			view := ansi.Strip(d.View())
			requireSize(t, view, w, h)
			shown := strings.Contains(view, code.Lines[len(code.Lines)/2])
			if fits := w >= nw && h >= nh; shown != fits {
				t.Fatalf("%dx%d: code shown %v, but it fits: %v", w, h, shown, fits)
			}
		}
	}
}

// Turning presenter mode on while the code is open closes it: the code
// holds the tenant id.
func TestFlowPresenterModeClosesAnOpenQRCode(t *testing.T) {
	f, code := consentQR(t, 160, 48)
	f.typeText("Q")
	f.waitFor("admin consent · u copy URL · esc close")
	f.press("ctrl+g")
	s := f.waitFor("masked on screen")
	if strings.Contains(s, code.Lines[1]) {
		t.Errorf("the code is still drawn in presenter mode:\n%s", s)
	}
}
