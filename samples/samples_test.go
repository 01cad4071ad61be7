package samples

import (
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/permissions"
)

// The embedded catalogue loads, and each sample names a known application
// permission, a workload, and no /me path.
func TestCatalogueLoads(t *testing.T) {
	all := All()
	if len(all) < 1000 {
		t.Fatalf("%d samples: the embedded catalogue lost most of its lines", len(all))
	}
	for _, s := range all {
		if s.Method != "GET" || !strings.HasPrefix(s.Path, "/") || s.Workload == "" {
			t.Errorf("%+v: malformed", s)
		}
		for _, p := range strings.Split(s.Permission, " + ") {
			if !permissions.IsKnown(p) {
				t.Errorf("%s: permission %q is not in the reference", s.Path, p)
			}
		}
		if lower := strings.ToLower(s.Path); strings.HasPrefix(lower, "/me/") || lower == "/me" || strings.HasPrefix(lower, "/me?") {
			t.Errorf("%s: a /me path", s.Path)
		}
	}
	if !slices.IsSortedFunc(all, func(a, b Sample) int { return strings.Compare(a.Workload, b.Workload) }) {
		t.Error("All is not grouped by workload")
	}
}

func TestSearch(t *testing.T) {
	if got, all := len(Search("  ")), len(All()); got != all {
		t.Errorf("an empty filter matched %d of %d", got, all)
	}
	if got := Search("no-such-sample-anywhere"); len(got) != 0 {
		t.Errorf("a filter matching nothing returned %d samples", len(got))
	}
	// Words match path, permission and workload, in any order and case.
	got := Search("MAIL.read messages")
	if len(got) == 0 {
		t.Fatal(`Search("MAIL.read messages") found nothing`)
	}
	for _, s := range got {
		if !strings.Contains(strings.ToLower(s.Path), "messages") || !strings.Contains(s.Permission, "Mail.Read") {
			t.Errorf("%+v does not match both words", s)
		}
	}
	if !slices.ContainsFunc(got, func(s Sample) bool {
		return s.Path == "/users/{id}/messages?$select=sender,subject" && s.Workload == "mail"
	}) {
		t.Errorf("/users/{id}/messages?$select=sender,subject (the docs' /me/messages?...) is not among %d results", len(got))
	}
	// Search hands out copies: changing one leaves the catalogue alone.
	got[0].Path = "changed"
	if Search("MAIL.read messages")[0].Path == "changed" {
		t.Error("Search returned the catalogue's own slice")
	}
}

func TestWorkloadOf(t *testing.T) {
	for path, want := range map[string]string{
		"/users":                                  "users",
		"/users/{id}/manager":                     "users",
		"/users/{id}/messages?$select=subject":    "mail",
		"/users/{id}/calendarView?startDateTime=": "calendar",
		"/users/{id}/drive/root/children":         "files",
		"/groups/{id}/members":                    "groups",
		"/groups/{id}/sites/root":                 "sites",
		"/sites/{id}/lists":                       "sites",
		"/teams/{id}/channels":                    "teams",
		"/applications(appId={appId})":            "applications",
		"/IdentityGovernance/accessReviews":       "identity",
		"/users/{id}/getManagedAppPolicies":       "devices",
		"/somethingNew":                           "other",
	} {
		if got := workloadOf(path); got != want {
			t.Errorf("workloadOf(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestWorkloads(t *testing.T) {
	w := Workloads()
	if !slices.IsSorted(w) || len(slices.Compact(slices.Clone(w))) != len(w) || !slices.Contains(w, "mail") {
		t.Errorf("Workloads() = %v: want each once, sorted, mail among them", w)
	}
}
