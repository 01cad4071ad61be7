package ui

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/history"
)

func TestRequestBuilderMethodCycle(t *testing.T) {
	b := rbBuilder(54, 8)
	typeKeys(b, "/users")
	var seen []string
	for range requestMethods {
		seen = append(seen, b.Method())
		if line := ansi.Strip(strings.Split(b.View(), "\n")[0]); !strings.HasPrefix(line, b.Method()+" ") {
			t.Errorf("the request line does not start with %s: %q", b.Method(), line)
		}
		msgs := pressKeys(b, "ctrl+t")
		if e := msgsOf[pathEditedMsg](msgs); len(e) != 1 || e[0].Method != b.Method() {
			t.Errorf("ctrl+t to %s: completions not asked for it: %#v", b.Method(), msgs)
		}
	}
	if want := requestMethods; !slices.Equal(seen, want) || b.Method() != http.MethodGet {
		t.Errorf("ctrl+t cycles %v, back to %s; want %v then GET", seen, b.Method(), want)
	}
	if r := b.Request(); r.Method != "" {
		t.Errorf("GET goes as %q, want \"\" (graph.Request's GET)", r.Method)
	}
	pressKeys(b, "esc", "m") // browsing: m
	if b.Method() != http.MethodPost || b.Request().Method != http.MethodPost {
		t.Errorf("m while browsing: %s", b.Method())
	}
}

// Completions are the reference's paths for the selected method.
func TestRequestSuggestionsFollowMethod(t *testing.T) {
	post := onlyMsg[pathSuggestionsMsg](t, cmdMsgs(suggestPaths("/users/adele@contoso.com/sen", http.MethodPost)))
	if !slices.ContainsFunc(post.Paths, func(p string) bool { return strings.EqualFold(p, "/users/{id}/sendMail") }) {
		t.Errorf("POST completions lack sendMail: %v", post.Paths)
	}
	get := onlyMsg[pathSuggestionsMsg](t, cmdMsgs(suggestPaths("/users/adele@contoso.com/sen", http.MethodGet)))
	if slices.ContainsFunc(get.Paths, func(p string) bool { return strings.EqualFold(p, "/users/{id}/sendMail") }) {
		t.Errorf("GET completions offer sendMail: %v", get.Paths)
	}
	b := rbBuilder(54, 8)
	typeKeys(b, "/users/x/sen")
	b.Update(post) // for POST, while GET is selected: stale
	if b.path.ShowSuggestions {
		t.Error("completions for another method were shown")
	}
}

func TestRequestBodyTemplatesAndGET(t *testing.T) {
	cases := []struct{ method, path, want string }{
		{"POST", "/users/adele@contoso.com/sendMail", `"toRecipients"`},
		{"POST", "/v1.0/users", `"passwordProfile"`},
		{"PATCH", "/users/adele@contoso.com", `"jobTitle"`},
		{"POST", "https://graph.microsoft.com/beta/groups/g1/members/$ref", `"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/`},
	}
	for _, c := range cases {
		b := rbBuilder(54, 12)
		b.SetRequest(graph.Request{Method: c.method, Path: c.path})
		pressKeys(b, "esc", "b", "ctrl+y")
		r := b.Request()
		if !strings.Contains(string(r.Body), c.want) || graph.CheckBody(r.Body) != nil {
			t.Errorf("%s %s: template %q", c.method, c.path, r.Body)
		}
		// A second ctrl+y never replaces what is there.
		st := onlyMsg[statusMsg](t, pressKeys(b, "ctrl+y"))
		if !strings.Contains(st.Text, "empty body") || string(b.Request().Body) != string(r.Body) {
			t.Errorf("ctrl+y on a filled body: %q", st.Text)
		}
	}
	b := rbBuilder(54, 12)
	b.SetRequest(graph.Request{Method: "POST", Path: "/teams"})
	st := onlyMsg[statusMsg](t, pressKeys(b, "esc", "b", "ctrl+y"))
	if !strings.Contains(st.Text, "no template for POST /teams") || !strings.Contains(st.Text, "sendMail") {
		t.Errorf("no template: %q", st.Text)
	}
	typeKeys(b, `{"a": 1}`)
	pressKeys(b, "esc", "m", "m") // POST → PATCH → PUT
	if got := string(b.Request().Body); got != `{"a": 1}` {
		t.Errorf("PUT body %q", got)
	}
	pressKeys(b, "m") // DELETE
	if r := b.Request(); r.Body != nil || b.bodyLines() != 0 {
		t.Errorf("DELETE carries a body: %q", r.Body)
	}
	if st := onlyMsg[statusMsg](t, pressKeys(b, "b")); !strings.Contains(st.Text, "DELETE takes no body") {
		t.Errorf("b on DELETE: %q", st.Text)
	}
}

func TestCurlNamesTheWrite(t *testing.T) {
	x := &Exchange{}
	x.Request = graph.Request{Method: "POST", Path: "/users/a/sendMail", Body: []byte(`{"secret":"x"}`)}
	x.Response = &graph.Response{URL: "https://graph.microsoft.com/v1.0/users/a/sendMail", Status: 202}
	got := curlCommand(x)
	if !strings.HasPrefix(got, "curl -X POST ") || !strings.Contains(got, "--data @body.json") || strings.Contains(got, "secret") {
		t.Errorf("curl for a write: %s", got)
	}
	if !strings.Contains(strings.Join(headersRows(x, NewStyles(true), nil, 80), "\n"), "POST https://") {
		t.Error("the Headers tab does not name the method")
	}
}

// The confirmation masks the URL's address and the tenant in presenter mode.
func TestWriteConfirmPresenter(t *testing.T) {
	c := &Common{Styles: NewStyles(true), Presenter: &Presenter{}}
	c.Presenter.SetOn(true)
	c.Presenter.AddTenants("b03b09d7-5f35-4001-9f99-2578e865f845")
	d := NewWriteConfirm(c, "Send this write?", [][2]string{
		{"POST", "https://graph.microsoft.com/v1.0/users/adele@contoso.com/sendMail"},
		{"profile", "mail-blocked"},
		{"tenant", "b03b09d7-5f35-4001-9f99-2578e865f845"},
	}, closeDialogMsg{})
	w, h, _ := d.Size(80, 24)
	d.SetSize(w, h)
	view := requireSize(t, d.View(), w, h)
	for _, leak := range []string{"adele@contoso.com", "b03b09d7"} {
		if strings.Contains(view, leak) {
			t.Errorf("presenter mode shows %q:\n%s", leak, view)
		}
	}
	if !strings.Contains(view, "mail-blocked") || !strings.Contains(view, "POST") {
		t.Errorf("the dialog lost the method or profile:\n%s", view)
	}
}

// The request pane with a write and its confirmation, at 80x24, on a dark
// and a light terminal (the goldens are the text; the colours differ).
func TestRootGoldenWrite(t *testing.T) {
	for _, theme := range []string{"dark", "light"} {
		m := newRootForTest(t, 80, 24)
		m.restyle(theme == "dark")
		ps := rootFixtureProfiles()
		for i := range ps {
			ps[i].AllowWrites = true
		}
		m.route(profilesLoadedMsg{Profiles: ps, Select: "wrong-role"})
		for _, r := range "/users/adele@contoso.com/sendMail" {
			press(m, string(r))
		}
		press(m, "ctrl+t", "ctrl+y", "ctrl+y")
		t.Run("request/"+theme, func(t *testing.T) {
			golden.RequireEqual(t, []byte(goldenScreen(t, m, 80, 24)))
		})
		press(m, "ctrl+s")
		t.Run("confirm/"+theme, func(t *testing.T) {
			dialogOf[*WriteConfirm](t, m, "ctrl+s")
			golden.RequireEqual(t, []byte(goldenScreen(t, m, 80, 24)))
		})
		if cmd := press(m, "n"); m.dialog != nil || slices.ContainsFunc(cmdMsgs(cmd), func(msg tea.Msg) bool { _, ok := msg.(exchangeMsg); return ok }) {
			t.Errorf("n: dialog %T, command %v", m.dialog, cmd)
		}
	}
}

// The history list names a write's method, and recalling it selects the
// method without a body: none was kept.
func TestHistoryListNamesWrites(t *testing.T) {
	b := rbBuilder(54, 8)
	b.SetHistory([]history.Entry{
		history.NewEntry("contoso-reader", graph.Request{Method: "PATCH", Path: "/users/u1", Body: []byte(`{"jobTitle":"x"}`)}, time.Time{}),
		history.NewEntry("contoso-reader", graph.Request{Path: "/users"}, time.Time{}),
	})
	pressKeys(b, "ctrl+r")
	typeKeys(b, "patch")
	view := rbView(t, b)
	if !strings.Contains(string(view), "PATCH /users/u1") || strings.Contains(string(view), "  /users\n") {
		t.Errorf("the filtered list:\n%s", view)
	}
	pressKeys(b, "enter")
	if r := b.Request(); r.Method != "PATCH" || r.Path != "/users/u1" || r.Body != nil {
		t.Errorf("recalled %+v", r)
	}
}
