package demo

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// A first delta round walks every user by nextLink and ends with a
// deltaLink; the next round, from that link, finds nothing changed. The
// path autocomplete offers /users/delta, so the demo must answer it.
func TestUsersDelta(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	_, count := graphGet(t, tn, token, "/v1.0/users/$count", "ConsistencyLevel", "eventual")
	total, err := strconv.Atoi(string(count))
	if err != nil {
		t.Fatalf("/users/$count: %q", count)
	}
	for _, path := range []string{"/v1.0/users/delta?$select=displayName&$top=2", "/beta/users/delta()?$top=2"} {
		next, seen, pages := path, 0, 0
		var delta string
		for next != "" {
			page := graphJSONBody(t, tn, token, strings.TrimPrefix(next, tn.GraphURL()), http.StatusOK)
			pages++
			seen += len(values(t, page))
			next, _ = page["@odata.nextLink"].(string)
			link, _ := page["@odata.deltaLink"].(string)
			if next != "" && link != "" {
				t.Fatalf("%s: a page with both a nextLink and a deltaLink", path)
			}
			delta = link
		}
		if seen != total || pages < 2 {
			t.Errorf("%s: %d users in %d pages, want %d users", path, seen, pages, total)
		}
		if !strings.HasPrefix(delta, tn.GraphURL()) || !strings.Contains(delta, "$deltatoken=") {
			t.Fatalf("%s: deltaLink %q", path, delta)
		}
		again := graphJSONBody(t, tn, token, strings.TrimPrefix(delta, tn.GraphURL()), http.StatusOK)
		if n := len(values(t, again)); n != 0 || again["@odata.deltaLink"] == nil {
			t.Errorf("%s: the next round has %d changes and deltaLink %v; want none and a new link", path, n, again["@odata.deltaLink"])
		}
	}
	// Delta is gated like /users.
	graphJSONBody(t, tn, tokenFor(t, tn, ProfileWrongRole), "/v1.0/users/delta", http.StatusForbidden)
}
