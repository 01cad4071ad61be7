package audit

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/history"
)

func TestParseList(t *testing.T) {
	in := `# the nightly export
GET /users?$select=id,displayName

/groups
post https://graph.microsoft.com/v1.0/users/a@contoso.com/sendMail
	# indented comment
/users?$filter=displayName eq 'Adele Vance'
DELETE	/groups/1/members/2/$ref
`
	got, err := ParseList(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Call{
		{"GET", "/users?$select=id,displayName"},
		{"GET", "/groups"},
		{"POST", "https://graph.microsoft.com/v1.0/users/a@contoso.com/sendMail"},
		{"GET", "/users?$filter=displayName eq 'Adele Vance'"},
		{"DELETE", "/groups/1/members/2/$ref"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("calls:\n got %q\nwant %q", got, want)
	}
}

func TestParseListErrorsNameTheLine(t *testing.T) {
	cases := map[string]string{
		"/users\nFETCH /users\n":                    `line 2: unknown method "FETCH"`,
		"\n\n  post\n":                              "line 3: POST without a path",
		"/users\n" + strings.Repeat("a", maxLine+1): "after line 1",
	}
	for in, want := range cases {
		_, err := ParseList(strings.NewReader(in))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%.20q: error %v, want it to start with %q", in, err, want)
		}
	}
}

func TestFromHistory(t *testing.T) {
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	newest := []history.Entry{
		{Profile: "p", Method: "POST", Path: "/users/x/sendMail", Time: at.Add(2 * time.Minute)},
		{Profile: "p", Path: "/groups", Query: []graph.QueryParam{{Key: "$select", Value: "id,displayName"}, {Key: "$top", Value: "5"}}, Time: at.Add(time.Minute)},
		{Profile: "p", Path: "/users?$count=true", Query: []graph.QueryParam{{Key: "$select", Value: "id"}}, Time: at},
	}
	got := FromHistory(newest)
	want := []Call{{"GET", "/users?$count=true&$select=id"}, {"GET", "/groups?$select=id,displayName&$top=5"}, {"POST", "/users/x/sendMail"}}
	if !slices.Equal(got, want) {
		t.Errorf("calls:\n got %q\nwant %q", got, want)
	}
}

func TestReadHAR(t *testing.T) {
	f, err := os.Open("testdata/session.har")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := ReadHAR(f, func(origin string) bool { return origin == "https://graph.microsoft.com" })
	if err != nil {
		t.Fatal(err)
	}
	want := []Call{{"GET", "https://graph.microsoft.com/v1.0/users?$select=id,displayName"}, {"POST", "https://graph.microsoft.com/v1.0/users/adele@contoso.com/sendMail"}}
	if !slices.Equal(h.Calls, want) || h.Skipped != 3 {
		t.Errorf("calls %q skipped %d, want %q and 3 (sign-in page, preflight, script)", h.Calls, h.Skipped, want)
	}
}

func TestReadHARRefusesOtherJSON(t *testing.T) {
	for _, in := range []string{`{"entries": []}`, `[1, 2]`, `not json`} {
		if _, err := ReadHAR(strings.NewReader(in), func(string) bool { return true }); err == nil || !strings.Contains(err.Error(), "not a HAR file") {
			t.Errorf("%s: error %v, want 'not a HAR file'", in, err)
		}
	}
}
