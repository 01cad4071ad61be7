// Package demotest starts the demo tenant for a test, the way the CLI's,
// the TUI's, auth's and the session's tests all need it. It is used only
// from tests.
package demotest

import (
	"testing"

	"github.com/graphtui/graphtui/demo"
)

// Tenant runs the demo tenant until the test ends.
func Tenant(t testing.TB, o demo.Options) *demo.Tenant {
	t.Helper()
	tenant, err := demo.Start(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tenant.Close() })
	return tenant
}

// Start runs the demo tenant and writes its config into a temporary
// directory; both go away with the test. It returns the tenant and the
// config's path.
func Start(t testing.TB, o demo.Options) (*demo.Tenant, string) {
	t.Helper()
	return start(t, o, (*demo.Tenant).WriteConfig)
}

// StartAll is Start with the error profiles in the config too, one per
// AADSTS code the tenant can answer with.
func StartAll(t testing.TB, o demo.Options) (*demo.Tenant, string) {
	t.Helper()
	return start(t, o, (*demo.Tenant).WriteConfigAll)
}

func start(t testing.TB, o demo.Options, write func(*demo.Tenant, string) (string, error)) (*demo.Tenant, string) {
	t.Helper()
	tenant := Tenant(t, o)
	cfg, err := write(tenant, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return tenant, cfg
}

// StartHost runs the demo tenant with the config `graphtui demo` writes
// (the identity profiles too) and makes this process look like an Azure
// host of the tenant: MSAL reads the managed identity endpoint from the
// environment. As it sets the environment, the test cannot run in parallel.
func StartHost(t testing.TB, o demo.Options) (*demo.Tenant, string) {
	t.Helper()
	tenant, cfg := start(t, o, (*demo.Tenant).WriteDemoConfig)
	for k, v := range tenant.ManagedIdentityEnv() {
		t.Setenv(k, v)
	}
	return tenant, cfg
}
