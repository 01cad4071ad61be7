package ui

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/samples"
)

// ctrl+s in the path input opens the catalogue; typing filters it; enter
// fills the path and selects its first placeholder, which typing replaces.
func TestSamplesChooseFillsPath(t *testing.T) {
	m := newRootForTest(t, 120, 40)
	press(m, "ctrl+t") // POST: the sample sets GET back
	pumpRoot(m, press(m, "ctrl+s"))
	d := dialogOf[*SamplesDialog](t, m, "ctrl+s in the path input")
	if !d.loaded || d.total == 0 {
		t.Fatalf("the catalogue did not load: %d samples", d.total)
	}
	for _, r := range "mail" {
		press(m, string(r))
	}
	if len(d.shown) == 0 || len(d.shown) >= d.total {
		t.Fatalf("\"mail\" shows %d of %d samples", len(d.shown), d.total)
	}
	for _, s := range d.shown {
		if !strings.Contains(strings.ToLower(s.Path+s.Permission+s.Workload), "mail") {
			t.Errorf("\"mail\" shows %+v", s)
		}
	}
	if v := m.View().Content; !strings.Contains(v, d.shown[0].Path) || !strings.Contains(v, d.shown[0].Permission) {
		t.Errorf("the first match %+v is not on screen:\n%s", d.shown[0], v)
	}
	i := slices.IndexFunc(d.shown, func(s samples.Sample) bool { return strings.Contains(s.Path, "{") })
	if i < 0 {
		t.Fatal("no mail sample has a placeholder")
	}
	for range i {
		press(m, "down")
	}
	chosen := d.shown[i]
	start, end, _ := firstPlaceholder(chosen.Path)
	press(m, "enter")
	if m.dialog != nil {
		t.Fatalf("enter left %T open", m.dialog)
	}
	if got := m.request.Request(); got.Path != chosen.Path || m.request.Method() != chosen.Method {
		t.Fatalf("the builder holds %s %s, want %s %s", m.request.Method(), got.Path, chosen.Method, chosen.Path)
	}
	press(m, "x", "y")
	r := []rune(chosen.Path)
	want := string(r[:start]) + "xy" + string(r[end:])
	if got := m.request.Request().Path; got != want {
		t.Errorf("typing after choosing gave %q, want %q (the placeholder replaced)", got, want)
	}
}

// ctrl+s also opens it while the pane browses, but in the body editor it
// still sends; esc closes the catalogue and leaves the request alone.
func TestSamplesKeyOnlyOutsideBody(t *testing.T) {
	m := newRootForTest(t, 120, 40)
	press(m, "esc") // leave the path: browsing
	if !m.request.Browsing() {
		t.Fatal("esc did not leave the path input")
	}
	press(m, "ctrl+s")
	dialogOf[*SamplesDialog](t, m, "ctrl+s while browsing")
	press(m, "esc")
	if m.dialog != nil {
		t.Fatalf("esc left %T open", m.dialog)
	}

	press(m, "m", "b") // POST, then the body editor
	if m.request.mode != modeBody {
		t.Fatalf("m b left the builder in mode %v, want the body editor", m.request.mode)
	}
	press(m, "ctrl+s")
	if m.dialog != nil {
		t.Errorf("ctrl+s in the body editor opened %T: it must send", m.dialog)
	}
}

// The footer and help list ctrl+s in the path input and while browsing.
func TestSamplesKeyListed(t *testing.T) {
	b := rbBuilder(120, 10)
	has := func(keys []key.Binding) bool {
		return slices.ContainsFunc(keys, func(k key.Binding) bool { return k.Help().Key == "ctrl+s" && k.Help().Desc == "samples" })
	}
	for _, mode := range []builderMode{modePath, modeBrowse} {
		b.mode = mode
		if !has(b.ShortHelp()) {
			t.Errorf("mode %v: ctrl+s samples is not in the footer", mode)
		}
		if !has(slices.Concat(b.FullHelp()...)) {
			t.Errorf("mode %v: ctrl+s samples is not in the help", mode)
		}
	}
}

// On the demo tenant: a sample chosen from the catalogue, its placeholder
// typed over, is sent and answered.
func TestFlowSampleOnDemo(t *testing.T) {
	f := startFlow(t, 120, 40)
	f.waitFor("contoso-reader")
	f.press("ctrl+s")
	f.waitFor("Sample queries (")
	f.typeText("users/{id}/manager")
	f.waitFor("/users/{id}/manager")
	f.press("enter")
	f.typeText("ben.okafor@" + demo.CompanyDomain)
	f.press("enter")
	f.waitFor("Ava", "Thompson", "200")
}
