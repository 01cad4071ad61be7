package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// ptDeleteMsg stands for the message the root wants back on yes.
type ptDeleteMsg struct{ Name string }

func (ptDeleteMsg) intent() {}

func TestConfirmAnswers(t *testing.T) {
	for _, k := range []string{"y", "Y", "enter"} {
		d := NewConfirm(testCommon(), `Delete profile "wrong-role"?`, ptDeleteMsg{Name: "wrong-role"})
		if got := onlyMsg[ptDeleteMsg](t, updateMsgs(d.Update(keyPress(k)))); got.Name != "wrong-role" {
			t.Errorf("%s: got %+v", k, got)
		}
	}
	for _, k := range []string{"n", "N", "esc"} {
		d := NewConfirm(testCommon(), "Delete?", ptDeleteMsg{})
		onlyMsg[closeDialogMsg](t, updateMsgs(d.Update(keyPress(k))))
	}
	d := NewConfirm(testCommon(), "Delete?", ptDeleteMsg{})
	for _, k := range []string{"q", "d", "space", "tab"} {
		if msgs := updateMsgs(d.Update(keyPress(k))); msgs != nil {
			t.Errorf("%s must neither confirm nor cancel: %#v", k, msgs)
		}
	}
	if !d.Capturing() {
		t.Fatal("the dialog must keep q from quitting")
	}
}

func TestConfirmView(t *testing.T) {
	d := NewConfirm(testCommon(), `Delete profile "wrong-role" from /home/dev/.config/graphtui/config.toml?`, ptDeleteMsg{})
	d.SetSize(44, 5)
	view := d.View()
	requireSize(t, view, 44, 5)
	golden.RequireEqual(t, []byte(ansi.Strip(view)))
	for w := 0; w <= 4; w++ {
		for h := 0; h <= 4; h++ {
			d.SetSize(w, h)
			requireSize(t, d.View(), w, h)
		}
	}
}

// The question names the profile, which presenter mode may need to hide.
func TestConfirmMasksInPresenterMode(t *testing.T) {
	c := testCommon()
	c.Presenter = &Presenter{}
	c.Presenter.AddTenants("contoso.onmicrosoft.com")
	c.Presenter.SetOn(true)
	d := NewConfirm(c, `Delete profile "adele.vance@contoso.onmicrosoft.com" from /home/dev/config.toml?`, ptDeleteMsg{})
	d.SetSize(60, 5)
	view := ansi.Strip(d.View())
	if strings.Contains(view, "adele") || strings.Contains(view, "contoso") {
		t.Errorf("the question is drawn unmasked:\n%s", view)
	}
	if !strings.Contains(view, "Delete profile") {
		t.Errorf("the question is gone:\n%s", view)
	}
}

// The root gives the dialog the screen: the question wraps to it, so the
// config path at its end is never cut ("Delete profile … from…").
func TestConfirmShowsTheWholeQuestion(t *testing.T) {
	const path = "/home/developer/.config/graphtui/profiles/contoso-tenant/config.toml"
	q := `Delete profile "contoso-reader-with-a-long-name" from ` + path + "?"
	for _, screen := range []struct{ w, h int }{{80, 24}, {160, 50}, {60, 16}} {
		d := NewConfirm(testCommon(), q, ptDeleteMsg{})
		w, h, _ := d.Size(screen.w, screen.h)
		if w > screen.w-4 {
			t.Fatalf("%dx%d: %d columns do not fit with the frame", screen.w, screen.h, w)
		}
		d.SetSize(w, h)
		view := d.View()
		requireSize(t, view, w, h)
		var joined strings.Builder
		for _, l := range strings.Split(ansi.Strip(view), "\n") {
			joined.WriteString(strings.TrimSpace(l))
		}
		if !strings.Contains(joined.String(), path+"?") || !strings.Contains(joined.String(), "y yes") {
			t.Errorf("%dx%d: the question or the answers are cut:\n%s", screen.w, screen.h, ansi.Strip(view))
		}
		if screen.w == 160 && h != 3 {
			t.Errorf("at 160 columns the question fits on one line; got %d lines", h)
		}
	}
}
