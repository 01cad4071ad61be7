package ui

import (
	"strings"
	"testing"

	"github.com/graphtui/graphtui/profiles"
)

// Test helpers for the request builder. Names start with rb to stay clear
// of other panes' test helpers.

// rbBuilder is a focused builder for the global cloud at w x h.
func rbBuilder(w, h int) *RequestBuilder {
	b := NewRequestBuilder(testCommon())
	b.SetProfile(profiles.Profile{Name: "contoso-reader", Tenant: "contoso.onmicrosoft.com"})
	b.SetSize(w, h)
	b.Focus()
	return b
}

// rbView is the view without styles, as golden files hold it.
func rbView(t *testing.T, b *RequestBuilder) string {
	t.Helper()
	return requireSize(t, b.View(), b.width, b.height)
}

// rbRefuses presses enter and requires an error in the status bar that
// says want, and nothing else.
func rbRefuses(t *testing.T, b *RequestBuilder, want string) {
	t.Helper()
	if st := onlyMsg[statusMsg](t, pressKeys(b, "enter")); !st.Err || !strings.Contains(st.Text, want) {
		t.Errorf("status = %+v, want an error saying %q", st, want)
	}
}
