package ui

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/graphtui/graphtui/render"
)

const (
	pmTenantGUID   = "b03b09d7-5f35-4001-9f99-2578e865f845"
	pmTenantDomain = "contoso.onmicrosoft.com"
	pmRequestID    = "5c3e1a2b-0d4f-4e6a-9b8c-7d6e5f4a3b2c"
)

func pmOn(tenants ...string) *Presenter {
	p := &Presenter{}
	p.AddTenants(tenants...)
	p.SetOn(true)
	return p
}

func TestPresenterMasksTenantsAndAddresses(t *testing.T) {
	p := pmOn(pmTenantGUID, pmTenantDomain)
	for _, tc := range []struct{ in, want string }{
		{"tid " + pmTenantGUID, "tid ********-****-****-****-************"},
		{"TID " + strings.ToUpper(pmTenantGUID) + "!", "TID ********-****-****-****-************!"},
		{"https://login.microsoftonline.com/Contoso.OnMicrosoft.com/oauth2", "https://login.microsoftonline.com/*******.***********.***/oauth2"},
		{`"userPrincipalName": "adele.vance@contoso.com",`, `"userPrincipalName": "*****.*****@*******.***",`},
		{"/users/adele_fabrikam.com#EXT#@contoso.onmicrosoft.com/messages", "/users/*****_********.***#***#@*******.***********.***/messages"},
		{"$filter=mail+eq+%27megan%40contoso.com%27", "$filter=****+**+%*******%*********.***%27"},
		{"request-id " + pmRequestID, "request-id " + pmRequestID},
		{`"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users"`, `"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users"`},
	} {
		got := p.Mask(tc.in)
		if got != tc.want {
			t.Errorf("Mask(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if len(got) != len(tc.in) {
			t.Errorf("Mask(%q) changed the length: %d bytes, want %d", tc.in, len(got), len(tc.in))
		}
	}
}

func TestPresenterOffOrNilShowsEverything(t *testing.T) {
	s := "tid " + pmTenantGUID + " adele@contoso.com"
	p := pmOn(pmTenantGUID)
	p.SetOn(false)
	if got := p.Mask(s); got != s {
		t.Errorf("off: Mask changed %q to %q", s, got)
	}
	var nilP *Presenter
	if got := nilP.Mask(s); got != s || nilP.On() {
		t.Errorf("nil presenter: Mask changed %q to %q", s, got)
	}
	gen := p.Gen()
	p.AddTenants(strings.ToUpper(pmTenantGUID), "", "common")
	if p.Gen() != gen {
		t.Error("a known tenant, an empty one or 'common' changed the generation: caches would be dropped for nothing")
	}
}

// A text input shows a window of its value: with the cursor at the start
// of a long path, the window ends inside the address. The whole value is
// masked before the input cuts it, so no piece of the address shows, and
// the cursor stays where it was.
func TestPresenterMasksAScrolledInput(t *testing.T) {
	p := pmOn(pmTenantDomain)
	in := textinput.New()
	in.Prompt = ""
	in.SetWidth(24)
	in.Focus()
	in.SetValue("/users/adele.vance@contoso.onmicrosoft.com/memberOf/microsoft.graph.group")
	in.SetCursor(0)
	for _, all := range []bool{false, true} {
		got := ansi.Strip(p.InputView(in, all))
		if !strings.HasPrefix(got, "/") || strings.Contains(got, "adele") || strings.Contains(got, "vance") || strings.Contains(got, "contos") {
			t.Errorf("all=%v: %q", all, got)
		}
	}
	if got := ansi.Strip(p.InputView(in, false)); !strings.HasPrefix(got, "/users/*****.*****@") {
		t.Errorf("the window moved or the path was masked: %q", got)
	}
	if in.Value() != "/users/adele.vance@contoso.onmicrosoft.com/memberOf/microsoft.graph.group" || in.Position() != 0 {
		t.Error("drawing changed the input itself")
	}
	// A tenant being typed is not known yet: all masks it anyway.
	in.SetValue("fabrikam.onmicrosoft.com")
	if got := ansi.Strip(p.InputView(in, true)); strings.Contains(got, "fabrikam") {
		t.Errorf("a typed tenant shows: %q", got)
	}
	if got := perRune("café@x.io", "caf**@*.**"); got != "caf*@*.**" {
		t.Errorf("perRune: %q", got)
	}
}

// Highlighted lines hold one-byte colour marks: masking leaves them where
// they are, so colours and byte offsets stay right.
func TestPresenterKeepsColourMarks(t *testing.T) {
	p := pmOn(pmTenantGUID)
	body := []byte(`{"tid":"` + pmTenantGUID + `","upn":"adele.vance@contoso.com","id":"` + pmRequestID + `"}`)
	lines := vwHighlight(t, body)
	var all strings.Builder
	for i := range lines.Len() {
		orig := lines.Line(i)
		masked := append([]byte(nil), orig...)
		p.MaskBytes(masked)
		for j := range orig {
			if render.IsMark(orig[j]) != render.IsMark(masked[j]) || render.IsMark(orig[j]) && orig[j] != masked[j] {
				t.Fatalf("line %d: colour mark at byte %d changed", i, j)
			}
		}
		all.Write(masked)
	}
	for _, leak := range []string{"b03b09d7", "e865f845", "adele", "vance"} {
		if strings.Contains(all.String(), leak) {
			t.Errorf("masked lines still hold %q", leak)
		}
	}
	if !strings.Contains(all.String(), pmRequestID) {
		t.Error("a GUID that is not a tenant id was masked")
	}
}

// pmLeaks are pieces of the fixtures' tenants and UPNs that must never
// reach the screen in presenter mode, not even cut.
var pmLeaks = []string{"b03b09d7", "e865f845", "5f35-4001", "onmicrosoft", "adele.", "alex.", "diego.", "@contoso"}

func pmRootWithUsers(t *testing.T, w, h int, on bool) *Model {
	t.Helper()
	m := newRootForTest(t, w, h)
	if on {
		m.togglePresenter()
	}
	for _, r := range "/users/adele.vance@contoso.onmicrosoft.com" {
		press(m, string(r))
	}
	x := vwUsersExchange(t, 30, true)
	x.Seq = m.seq
	m.route(exchangeMsg{Exchange: x})
	m.viewer.body.scrollDown(5) // the first user's UPN and mail on screen at 80x24 too
	return m
}

func pmTabs(t *testing.T, m *Model) []string {
	t.Helper()
	var screens []string
	for tab := range tabCount {
		m.viewer.tab = tab
		screens = append(screens, ansi.Strip(m.render()))
	}
	m.viewer.tab = tabBody
	return screens
}

func TestRootPresenterModeHidesTenantsAndUPNs(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(itoaTest(size.w)+"x"+itoaTest(size.h), func(t *testing.T) {
			m := pmRootWithUsers(t, size.w, size.h, true)
			for i, view := range pmTabs(t, m) {
				assertScreenSize(t, view, size.w, size.h)
				for _, leak := range pmLeaks {
					if strings.Contains(view, leak) {
						t.Errorf("%s tab: presenter mode shows %q:\n%s", viewerTabNames[i], leak, view)
					}
				}
				if !strings.Contains(view, "presenter") {
					t.Errorf("%s tab: no presenter badge in the status bar", viewerTabNames[i])
				}
			}
			// ctrl+g shows everything again, from any pane.
			press(m, "ctrl+g")
			screens := strings.Join(pmTabs(t, m), "\n")
			for _, want := range []string{"b03b09d7", "onmicrosoft", "adele.0@contoso.com", "adele.vance@contoso"} {
				if !strings.Contains(screens, want) {
					t.Errorf("presenter mode off, but %q is not on screen", want)
				}
			}
		})
	}
}

// The key works while the path input has focus, where letters are typed.
func TestRootPresenterKeyWhileTyping(t *testing.T) {
	m := newRootForTest(t, 100, 30)
	if !m.capturing() {
		t.Fatal("the path input should have the keyboard")
	}
	press(m, "ctrl+g")
	if !m.common.Presenter.On() {
		t.Fatal("ctrl+g did not switch presenter mode on")
	}
	if v := m.request.path.Value(); v != "" {
		t.Errorf("ctrl+g reached the input: %q", v)
	}
}

func TestRootPresenterFlagStartsMasked(t *testing.T) {
	m := New(Options{Backend: newRootForTest(t, 80, 24).backend, Presenter: true})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.route(profilesLoadedMsg{Profiles: rootFixtureProfiles()})
	view := ansi.Strip(m.render())
	if strings.Contains(view, "b03b09d7") || strings.Contains(view, "onmicrosoft") || !strings.Contains(view, "presenter") {
		t.Errorf("Presenter: true did not start masked:\n%s", view)
	}
}

// Presenter mode changes the screen only: y still copies the real body.
func TestRootPresenterCopiesTheRealBody(t *testing.T) {
	m := pmRootWithUsers(t, 100, 30, true)
	m.setFocus(focusViewer)
	body := string(m.viewer.Exchange().Response.Body)
	if !strings.Contains(body, `"adele.0@contoso.com"`) {
		t.Fatalf("the fixture changed: %.200s", body)
	}
	// The root answers y with the clipboard command; the unexported message
	// it produces compares equal only for the same text.
	want := tea.SetClipboard(body)()
	msgs := cmdMsgs(press(m, "y"))
	if !slices.Contains(msgs, want) {
		t.Errorf("y did not copy the real body; the root's command gave %#v", msgs)
	}
}

// The table view (T) masks cells before they are cut to their columns.
func TestRootPresenterTable(t *testing.T) {
	m := pmRootWithUsers(t, 160, 48, true)
	m.setFocus(focusViewer)
	pumpRoot(m, press(m, "T"))
	view := ansi.Strip(m.render())
	if !strings.Contains(view, "userPrincipalName") {
		t.Fatalf("no table on screen:\n%s", view)
	}
	for _, leak := range pmLeaks {
		if strings.Contains(view, leak) {
			t.Errorf("the table shows %q", leak)
		}
	}
}

func TestRootGoldenPresenter(t *testing.T) {
	m := pmRootWithUsers(t, 80, 24, true)
	view := ansi.Strip(m.render())
	assertScreenSize(t, view, 80, 24)
	golden.RequireEqual(t, []byte(view))
}

// addressSpans is a hand-written scan for speed; the pattern it stands for
// is the reference. On thousands of strings made of the characters that
// matter, masking what each finds gives the same text.
func TestAddressSpansMatchThePattern(t *testing.T) {
	pattern := regexp.MustCompile(`[A-Za-z0-9._%+#-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`)
	const alphabet = "ab9._-%40@#+ \"/é"
	rng := rand.New(rand.NewPCG(1, 2))
	mask := func(s string, spans func(string, func(int, int))) string {
		b := []byte(s)
		spans(s, func(start, end int) { maskSpan(b, start, end) })
		return string(b)
	}
	byPattern := func(s string, fn func(int, int)) {
		for _, m := range pattern.FindAllStringIndex(s, -1) {
			fn(m[0], m[1])
		}
	}
	cases := []string{"adele.vance@contoso.com", "a_b.com#EXT#@contoso.onmicrosoft.com", "eq 'adele%40contoso.com'", "x@y", "@a.b", "a@.b", "a@b.", "a@b..c", "a@b.c.", "a@b@c.d"}
	for range 20000 {
		n := rng.IntN(24)
		var b strings.Builder
		for range n {
			r := []rune(alphabet)
			b.WriteRune(r[rng.IntN(len(r))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := mask(s, addressSpans), mask(s, byPattern); got != want {
			t.Fatalf("%q: masked %q, the pattern masks %q", s, got, want)
		}
	}
}

// SharePoint hosts carry the tenant's name: masked, with or without a
// known tenant, and the rest of the URL stays readable.
func TestPresenterMasksSharePointTenantNames(t *testing.T) {
	p := pmOn(pmTenantGUID)
	for in, want := range map[string]string{
		"https://contoso.sharepoint.com/sites/hr":                    "https://*******.sharepoint.com/sites/hr",
		"https://Contoso-My.SharePoint.com/personal/x":               "https://*******-**.SharePoint.com/personal/x",
		`"id": "contoso.sharepoint.com,4c9e6d3b-a8aa-487d,f967ce0f"`: `"id": "*******.sharepoint.com,4c9e6d3b-a8aa-487d,f967ce0f"`,
		"https://fabrikam.sharepoint.us/sites/x":                     "https://********.sharepoint.us/sites/x",
		"the .sharepoint. suffix alone":                              "the .sharepoint. suffix alone",
	} {
		if got := p.Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}
