package ui

import (
	"testing"

	"github.com/graphtui/graphtui/session"
)

// testSession opens a session for a test's Backend; an unset LookupEnv is
// an empty environment.
func testSession(t testing.TB, o session.Options) *session.Session {
	t.Helper()
	s, err := session.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
