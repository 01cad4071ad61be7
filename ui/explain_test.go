package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

const explainBody403 = `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2025-01-01T00:00:00","request-id":"6f1c","client-request-id":"6f1c"}}}`

// The dialog at 80x24 over the panes, filled in: URL, method, status, the
// pasted body and whose roles.
func TestExplainDialogGolden(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	press(m, "ctrl+x")
	dialogOf[*ExplainDialog](t, m, "ctrl+x")
	for _, r := range "/users" {
		press(m, string(r))
	}
	press(m, "tab", "tab", "4", "0", "3", "tab")
	m.Update(tea.PasteMsg{Content: "ODataError: Insufficient privileges.\n  Response body: " + explainBody403 + "\n  at Program.Main()"})
	golden.RequireEqual(t, []byte(goldenScreen(t, m, 80, 24)))
}

// A paste while a dialog is open is typing in the dialog: it must not
// also land in the request's path input below it.
func TestPasteGoesOnlyToTheDialog(t *testing.T) {
	for _, open := range []struct {
		name string
		msg  tea.Msg
	}{{"profile form", openProfileFormMsg{}}, {"explain", nil}} {
		t.Run(open.name, func(t *testing.T) {
			m := newRootForTest(t, 80, 24)
			if open.msg != nil {
				m.route(open.msg)
			} else {
				press(m, "ctrl+x")
			}
			if m.dialog == nil {
				t.Fatal("no dialog")
			}
			m.Update(tea.PasteMsg{Content: "pasted-text"})
			if v := m.request.path.Value(); strings.Contains(v, "pasted-text") {
				t.Errorf("the paste reached the request path behind the dialog: %q", v)
			}
			if !strings.Contains(ansi.Strip(m.dialog.View()), "pasted-text") {
				t.Errorf("the dialog did not get the paste:\n%s", ansi.Strip(m.dialog.View()))
			}
		})
	}
}

// ctrl+x is not typeable: it opens the dialog from the path input, and
// types nothing there.
func TestExplainKeyWhileTyping(t *testing.T) {
	m := newRootForTest(t, 80, 24)
	if !m.capturing() {
		t.Fatal("the path input should have the keyboard")
	}
	press(m, "ctrl+x")
	dialogOf[*ExplainDialog](t, m, "ctrl+x while typing")
	press(m, "esc")
	if m.dialog != nil {
		t.Fatal("esc did not close the dialog")
	}
}

// Presenter mode masks the dialog: addresses in the URL and the body, the
// tenant in the error text.
func TestExplainDialogMasksInPresenterMode(t *testing.T) {
	c := testCommon()
	c.Presenter = &Presenter{}
	c.Presenter.AddTenants("contoso.onmicrosoft.com")
	c.Presenter.SetOn(true)
	d := NewExplainDialog(c, "adele@contoso.onmicrosoft.com")
	d.SetSize(72, 18)
	d.Focus()
	for _, r := range "/users/adele@contoso.onmicrosoft.com" {
		d.Update(keyPress(string(r)))
	}
	d.Update(keyPress("tab"))
	d.Update(keyPress("tab"))
	d.Update(keyPress("tab"))
	d.Update(tea.PasteMsg{Content: `{"error":{"code":"ErrorAccessDenied","message":"Access to megan@contoso.onmicrosoft.com is denied."}}`})
	view := ansi.Strip(d.View())
	for _, leak := range []string{"adele", "megan", "contoso"} {
		if strings.Contains(view, leak) {
			t.Errorf("presenter mode shows %q:\n%s", leak, view)
		}
	}
	if !strings.Contains(view, "ErrorAccessDenied") {
		t.Errorf("the body is not shown:\n%s", view)
	}
	for w := 0; w <= 40; w += 5 {
		for h := 0; h <= 12; h += 3 {
			d.SetSize(w, h)
			requireSize(t, d.View(), w, h)
		}
	}
}
