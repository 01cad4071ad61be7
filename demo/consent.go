package demo

import (
	"slices"
	"sync"
)

// grantMu guards every app's granted roles: an admin-consent visit changes
// them while the token endpoint reads them.
var grantMu sync.RWMutex

// grantedRoles is a copy of the app's admin-consented roles.
func (a *app) grantedRoles() []string {
	grantMu.RLock()
	defer grantMu.RUnlock()
	return slices.Clone(a.granted)
}

// GrantConsent plays the tenant admin approving the admin-consent page: the
// app's configured permissions become granted, and its next token carries
// them as roles. It reports whether the client ID is registered.
func (t *Tenant) GrantConsent(clientID string) bool {
	a := t.apps.app(clientID)
	if a == nil {
		return false
	}
	grantMu.Lock()
	defer grantMu.Unlock()
	a.granted = slices.Clone(a.requested)
	return true
}
