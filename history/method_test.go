package history

import (
	"os"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/graph"
)

// A write is kept with its method and never with its body; an entry from
// a file written before methods existed loads as GET.
func TestEntryKeepsMethodNotBody(t *testing.T) {
	path := tempHistory(t)
	s, _ := Load(path)
	s.Add(NewEntry("a", graph.Request{Method: "post", Version: "v1.0", Path: "/users/x/sendMail", Body: []byte(`{"secret":"hunter2"}`)}, t0))
	s.Add(NewEntry("a", graph.Request{Method: "GET", Path: "/users"}, t0.Add(1)))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "hunter2") {
		t.Fatalf("the history file holds the write's body:\n%s", data)
	}
	s, err = Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got := s.For("a")
	if len(got) != 2 || got[1].MethodName() != "POST" || got[1].Request().Method != "POST" || got[1].Request().Body != nil {
		t.Fatalf("the write came back as %+v", got)
	}
	if got[0].MethodName() != "GET" || got[0].Method != "" {
		t.Errorf("GET is kept as no method, so old entries compare equal: %+v", got[0])
	}

	old := `{"version":1,"entries":[{"profile":"a","path":"/groups","time":"2025-03-01T09:00:00Z"},` +
		`{"profile":"a","method":"TRACE","path":"/x","time":"2025-03-01T09:00:00Z"}]}`
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.For("a"); len(got) != 1 || got[0].MethodName() != "GET" || got[0].Path != "/groups" {
		t.Errorf("old file: %+v (a GET, and no TRACE: graphtui does not send it)", got)
	}
}
