package session

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/graphtui/graphtui/audit"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/internal/demotest"
)

// AuditHistory reads the profile's own history and the token's roles,
// and takes the principal id for the requests from the token.
func TestAuditHistoryOnDemo(t *testing.T) {
	_, cfg := demotest.StartHost(t, demo.Options{})
	s, err := New(Options{Config: cfg, TokenCache: "off"})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	p, err := ps.Pick(demo.ProfileManagedIdentity)
	if err != nil {
		t.Fatal(err)
	}
	h, err := history.Load(filepath.Join(t.TempDir(), history.FileName))
	if err != nil {
		t.Fatal(err)
	}
	h.Add(history.Entry{Profile: demo.ProfileManagedIdentity, Path: "/users", Time: time.Now()})
	h.Add(history.Entry{Profile: demo.ProfileReader, Path: "/auditLogs/signIns", Time: time.Now()})
	r, err := s.AuditHistory(context.Background(), p, h)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Granted, []string{"Group.Read.All", "User.Read.All"}) || !slices.Equal(r.Needed, []string{"User.ReadBasic.All"}) {
		t.Errorf("granted %q needed %q", r.Granted, r.Needed)
	}
	if len(r.Calls) != 1 || r.Calls[0].URL != "/users" || r.Calls[0].Note != audit.NoteNoSelect {
		t.Errorf("calls = %+v", r.Calls)
	}
	if len(r.Assign) != 1 || strings.Contains(r.Assign[0].Request, "PRINCIPAL_ID") {
		t.Errorf("the assignment should name the identity's service principal from the token: %+v", r.Assign)
	}
}

// A recorded URL can carry a credential; the report never does.
func TestAuditRedactsURLs(t *testing.T) {
	d := startDemo(t, nil)
	jwt := "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl"
	r, err := d.s.Audit(context.Background(), d.profile(demo.ProfileReader), []audit.Call{{Method: "GET", URL: "/users?$select=id&access_token=" + jwt}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Calls) != 1 || strings.Contains(r.Calls[0].URL, jwt) {
		t.Errorf("calls = %+v", r.Calls)
	}
}
