package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/permissions"
)

// newIdentityDemo is the demo tenant with the config `graphtui demo`
// writes, on an Azure host of its own (see demotest.StartHost).
func newIdentityDemo(t *testing.T) demoEnv {
	t.Helper()
	tenant, cfg := demotest.StartHost(t, demo.Options{})
	return demoEnv{tenant: tenant, config: cfg}
}

// cachedEnv is d's environment with a file token cache in a temporary
// XDG_CACHE_HOME: never the user's own cache.
func cachedEnv(t *testing.T, d demoEnv) (map[string]string, string) {
	env := d.env()
	env["XDG_CACHE_HOME"] = t.TempDir()
	env["HOME"] = t.TempDir()
	env["GRAPHTUI_TOKEN_CACHE"] = "file"
	return env, filepath.Join(env["XDG_CACHE_HOME"], "graphtui", auth.CacheFileName)
}

func identityRequests(d demoEnv) int {
	s := d.tenant.Stats()
	n := s.DiscoveryRequests
	for _, c := range s.TokenRequests {
		n += c.Total()
	}
	return n
}

func TestWarmRunMakesNoIdentityRequestAndLogoutForgets(t *testing.T) {
	d := newDemo(t)
	env, file := cachedEnv(t, d)

	first := run(t, env, "token", "-p", demo.ProfileReader)
	if first.code != 0 || !strings.Contains(first.out, "identity provider") {
		t.Fatalf("cold token: exit %d, want source identity provider:\n%s%s", first.code, first.out, first.err)
	}
	cold := identityRequests(d)
	warm := run(t, env, "get", "/users", "-p", demo.ProfileReader, "-o", "json")
	if warm.code != 0 {
		t.Fatalf("warm get: exit %d %s", warm.code, warm.err)
	}
	if n := identityRequests(d) - cold; n != 0 {
		t.Errorf("a warm second run made %d identity-platform requests, want 0", n)
	}
	if again := run(t, env, "token", "-p", demo.ProfileReader); !strings.Contains(again.out, "cache (disk)") {
		t.Errorf("a token from the file should say cache (disk):\n%s", again.out)
	}
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("cache file %s: %v", file, err)
	}

	out := run(t, env, "logout", "-p", demo.ProfileReader)
	if out.code != 0 || !strings.Contains(out.err, "Deleted 1 cached token entry") || !strings.Contains(out.err, file) {
		t.Fatalf("logout should say how many and where: exit %d\n%s", out.code, out.err)
	}
	before := d.tenant.Stats().TokenRequests[demo.ClientIDReader].Total()
	if r := run(t, env, "token", "-p", demo.ProfileReader); !strings.Contains(r.out, "identity provider") {
		t.Errorf("after logout the token should come from the identity provider:\n%s", r.out)
	}
	if n := d.tenant.Stats().TokenRequests[demo.ClientIDReader].Total(); n != before+1 {
		t.Errorf("token requests after logout = %d, want %d", n, before+1)
	}

	all := run(t, env, "logout", "--all")
	if all.code != 0 || !strings.Contains(all.err, "of every profile") {
		t.Fatalf("logout --all: exit %d %s", all.code, all.err)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("logout --all should remove %s: %v", file, err)
	}
	if r := run(t, env, "logout", "--all", "-p", demo.ProfileReader); r.code != exitUsage {
		t.Errorf("--all with -p: exit %d, want usage", r.code)
	}
}

func TestLogoutWithoutCacheSaysNothingWasOnDisk(t *testing.T) {
	d := newDemo(t)
	r := run(t, d.env(), "logout", "-p", demo.ProfileReader)
	if r.code != 0 || !strings.Contains(r.err, "none were on disk") {
		t.Errorf("exit %d: %s", r.code, r.err)
	}
}

func TestProfilesShowKindAndTokenCache(t *testing.T) {
	d := newIdentityDemo(t)
	env, file := cachedEnv(t, d)
	for k, v := range d.tenant.ManagedIdentityEnv() {
		env[k] = v
	}
	r := runOK(t, env, "profiles")
	wantIn(t, "profiles", r.out, "KIND", demo.ProfileMIMissingRole, "managed-identity", demo.ProfileFederated, "federated", demo.ProfileCert, "certificate")
	// The demo host's variables also bring the implicit managed-identity profile.
	if !strings.Contains(r.out, "\nmanaged-identity ") {
		t.Errorf("the implicit managed-identity profile is missing:\n%s", r.out)
	}
	if !strings.Contains(r.err, "token cache: file, unencrypted (mode 0600): "+file) {
		t.Errorf("profiles should say where tokens are kept:\n%s", r.err)
	}
}

func TestTokenFederatedShowsAssertionClaimsNeverTheAssertion(t *testing.T) {
	d := newIdentityDemo(t)
	r := runOK(t, d.env(), "token", "-p", demo.ProfileFederated)
	wantIn(t, "token output", r.out, "kind", "federated", "source", "identity provider", "assertion iss", demo.FederatedIssuer,
		"assertion sub", demo.FederatedSubject, "assertion aud", demo.FederatedAudience)
	jwt, err := os.ReadFile(filepath.Join(filepath.Dir(d.config), demo.ProfileFederated+".jwt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range strings.Split(strings.TrimSpace(string(jwt)), ".") {
		if len(part) > 16 && strings.Contains(r.all(), part) {
			t.Fatalf("the federated assertion reached the output:\n%s", r.all())
		}
	}
}

func TestFederatedWrongSubjectExplainsAADSTS70021(t *testing.T) {
	d := newIdentityDemo(t)
	r := run(t, d.env(), "get", "/users", "-p", demo.ProfileFederatedWrongSub)
	if r.code != exitFailure {
		t.Fatalf("exit %d, want 1: %s", r.code, r.err)
	}
	wantIn(t, "stderr", r.err, "AADSTS70021", "presented subject", demo.FederatedWrongSubject, "presented issuer", demo.FederatedIssuer)
}

func TestManagedIdentityMissingRoleGivesTheRoleAssignment(t *testing.T) {
	d := newIdentityDemo(t)
	r := run(t, d.env(), "get", "/users", "-p", demo.ProfileMIMissingRole)
	if r.code != exitFailure {
		t.Fatalf("exit %d, want 1: %s", r.code, r.err)
	}
	oid := d.tenant.ManagedIdentityObjectID(demo.ProfileMIMissingRole)
	if oid == "" {
		t.Fatal("the demo has no object id for the identity")
	}
	roleID, ok := permissions.AppRoleID("User.ReadBasic.All")
	if !ok {
		t.Fatal("no app role id for User.ReadBasic.All")
	}
	wantIn(t, "stderr", r.err,
		"App role assignment:", "permission:", "app role id:", roleID, "principal id:", oid,
		"permission:   User.ReadBasic.All",
		"request:      POST "+d.tenant.GraphURL()+"/v1.0/servicePrincipals/"+oid+"/appRoleAssignments",
		`body:         {"principalId":"`+oid+`"`,
		"Azure CLI:\n    az rest --method POST", "PowerShell:\n    New-MgServicePrincipalAppRoleAssignment",
	)
	if strings.Contains(r.err, "adminconsent") {
		t.Errorf("a managed identity has no consent URL:\n%s", r.err)
	}
	if c := strings.Count(r.err, "New-MgServicePrincipalAppRoleAssignment"); c != 1 {
		t.Errorf("the PowerShell line appears %d times, want once", c)
	}
	if cu := run(t, d.env(), "consent-url", "-p", demo.ProfileMIMissingRole); cu.code != exitUsage || !strings.Contains(cu.err, "app role assignment") || cu.out != "" {
		t.Errorf("consent-url for a managed identity: exit %d out %q err %s", cu.code, cu.out, cu.err)
	}
}

// On an Azure host (IDENTITY_ENDPOINT set) the implicit managed-identity
// profile asks for Microsoft Graph by its public name, as a new user tries
// first; the demo's identity endpoint answers for the system identity.
func TestImplicitManagedIdentityProfileGetsAToken(t *testing.T) {
	d := newIdentityDemo(t)
	env := d.env()
	for k, v := range d.tenant.ManagedIdentityEnv() {
		env[k] = v // what the CLI sees of the host's environment
	}
	r := runOK(t, env, "token", "-p", "managed-identity")
	wantIn(t, "stdout", r.out, "kind             managed-identity", "aud              https://graph.microsoft.com", "roles (")
}
