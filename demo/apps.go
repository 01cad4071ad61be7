package demo

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // certificate thumbprints (x5t) are SHA-1
	"crypto/sha256"
	"crypto/x509"
	"fmt"
	"strings"
	"time"
)

// Story profiles, in the order WriteConfig writes them. Each is an app
// registration in the demo tenant whose profile shows one situation.
const (
	ProfileReader      = "contoso-reader"
	ProfileCert        = "contoso-cert"
	ProfileNoConsent   = "no-consent"
	ProfileWrongRole   = "wrong-role"
	ProfileMailBlocked = "mail-blocked"
	ProfileWrongSecret = "wrong-secret"
)

// Error profiles, written after the story profiles by WriteConfigAll. Each
// makes the identity platform answer with one AADSTS error (see AADSTSProfiles).
const (
	ProfileExpiredSecret   = "expired-secret"
	ProfileDisabledApp     = "disabled-app"
	ProfileCABlocked       = "ca-blocked"
	ProfileUnknownApp      = "unknown-app"
	ProfileUnknownTenant   = "unknown-tenant"
	ProfileUnknownResource = "unknown-resource"
	ProfileUnknownCert     = "unknown-cert"
)

// Identity profiles, written by WriteConfigAll and WriteDemoConfig: a
// managed identity and a federated app, each with a story that works and
// one that fails (see IdentityStories).
const (
	ProfileManagedIdentity   = "mi-reader"
	ProfileMIMissingRole     = "mi-missing-role"
	ProfileFederated         = "fed-deploy"
	ProfileFederatedWrongSub = "fed-wrong-subject"
)

// Application (client) IDs of the demo registrations. They are fixed, so
// tests in other packages can write profiles that trigger each behaviour;
// secrets are fresh every run (Tenant.Secret).
const (
	ClientIDReader        = "c24b77a7-1f2c-43e5-b900-c406650b9dbd"
	ClientIDCert          = "7781e3dd-c8a3-4b96-887c-0b1372b2dcc1"
	ClientIDNoConsent     = "97d6378b-68c1-4916-ab56-b42687a1f46d"
	ClientIDWrongRole     = "10ce19aa-b3d7-4c92-9651-6f2659908000"
	ClientIDMailBlocked   = "05720cbf-8558-4206-a146-95246d496703"
	ClientIDWrongSecret   = "63599341-76ac-48f9-9759-26c154632cc4"
	ClientIDExpiredSecret = "9e2cebbe-1e93-4e54-a32f-74b5a60efb0f" // its only secret has expired: AADSTS7000222
	ClientIDDisabledApp   = "26df2abd-d192-44d2-aade-28a27a348b06" // its service principal is disabled: AADSTS7000112
	ClientIDCABlocked     = "2f77bfca-c10d-46f0-92cc-9273342fd7bc" // a Conditional Access policy blocks it: AADSTS53003
	// ClientIDMISystem is the client id of the demo host's system-assigned
	// managed identity; ClientIDMIUser of a user-assigned one assigned to
	// the host too. Neither has an app registration, only a service principal.
	ClientIDMISystem = "5d0c5b8e-6a43-4f0e-9d7b-0b6f2f0b8a11"
	ClientIDMIUser   = "8a4e6f21-3c9d-4b7a-a1e2-6d5c4b3a2f10"
	// ClientIDFederated is an app that trusts a CI system's tokens through a
	// federated credential.
	ClientIDFederated = "e3b1c7d2-94a8-4f6e-b05d-7c2a9e1f4d36"
	// ClientIDUnregistered is registered nowhere in the demo tenant: AADSTS700016.
	ClientIDUnregistered = "a98660bd-8bd7-4c81-acbf-6b1937eac3fe"
)

// Values used by the error profiles.
const (
	// GraphAppID is Microsoft Graph's well-known application ID; the demo
	// Graph accepts it as a resource and as a token audience.
	GraphAppID = "00000003-0000-0000-c000-000000000000"
	// HRAPIResource is another API registered in the tenant. Tokens for it
	// are issued normally, but Graph rejects them (wrong audience).
	HRAPIResource = "api://contoso-hr"
	// UnknownResourceScope names a resource the tenant does not have: AADSTS500011.
	UnknownResourceScope = "api://contoso-payroll/.default"
	// UnknownTenantDomain is a well-formed domain of no tenant: AADSTS90002.
	UnknownTenantDomain = "fabrikam-demo.onmicrosoft.com"
	// MalformedTenant is neither a GUID nor a DNS name: AADSTS900023.
	MalformedTenant = "contoso_tenant"
)

// AADSTSProfiles maps each AADSTS code that a loadable profile can trigger
// to that profile's name in the config written by WriteConfigAll. The other
// codes need a hand-built request or profile, because graphtui's own config
// validation stops them first or a config cannot express them:
//   - 900023: tenant MalformedTenant (config validation refuses it)
//   - 1002012: scope GraphURL()+"/User.Read.All" (config validation refuses it)
//   - 700024: start the tenant with Options.Now well ahead of the real clock
//     and use ProfileCert
//   - 7000218: post to the token endpoint without a credential
var AADSTSProfiles = map[int]string{
	7000215: ProfileWrongSecret,
	7000222: ProfileExpiredSecret,
	700016:  ProfileUnknownApp,
	90002:   ProfileUnknownTenant,
	700027:  ProfileUnknownCert,
	500011:  ProfileUnknownResource,
	7000112: ProfileDisabledApp,
	53003:   ProfileCABlocked,
}

// Story says what one demo profile shows.
type Story struct {
	Profile string
	Shows   string
}

// Stories lists the story profiles in config order, for the CLI and README.
var Stories = []Story{
	{ProfileReader, "an app with the right application permissions, admin-consented: /users, /groups, mail, sites all work"},
	{ProfileCert, "the same kind of app with a certificate credential; Sites.Selected grants it one site only (HR); it may create and change users and add members, but not admins or passwords"},
	{ProfileNoConsent, "permissions configured but never admin-consented: the token has no roles and Graph answers 401"},
	{ProfileWrongRole, "consented, but only Group.Read.All: /groups works, /users answers 403 Authorization_RequestDenied"},
	{ProfileMailBlocked, "Mail.Read and Mail.Send limited by an application access policy: the support mailbox opens and sends, the CEO's answers 403"},
	{ProfileWrongSecret, "the config holds the secret's ID instead of its value: the token request fails with AADSTS7000215"},
}

// IdentityStories lists the identity profiles, for the CLI and README.
var IdentityStories = []Story{
	{ProfileManagedIdentity, "the demo host's system-assigned managed identity, with User.Read.All and Group.Read.All as app role assignments: /users works"},
	{ProfileMIMissingRole, "a user-assigned managed identity with Group.Read.All only: /users answers 403, and the doctor gives the appRoleAssignment request that fixes it"},
	{ProfileFederated, "a deploy pipeline's app that trusts the CI issuer's token through a federated credential: no secret at all"},
	{ProfileFederatedWrongSub, "the same app, with a token from another branch: no federated credential matches its subject (AADSTS70021)"},
}

// Mailboxes of the story.
const (
	// MailboxOpen is readable by every app with Mail.Read, mail-blocked included.
	MailboxOpen = "support@" + CompanyDomain
	// MailboxBlocked is outside the mail-blocked app's access policy.
	MailboxBlocked = "ava.thompson@" + CompanyDomain
)

// Application permission names and their app role IDs on Microsoft Graph.
// The IDs are the real ones, so appRoleAssignments look like a real tenant's.
var graphAppRoles = map[string]string{
	"User.Read.All":                 "df021288-bdef-4463-88db-98f22de89214",
	"User.ReadBasic.All":            "97235f07-e226-4f63-ace3-39588e11d3a1",
	"User.ReadWrite.All":            "741f803b-c850-494e-b5df-cde7c675a1ca",
	"Directory.Read.All":            "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
	"Directory.ReadWrite.All":       "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
	"Group.Read.All":                "5b567255-7703-4780-807c-7be8301ae99b",
	"Group.ReadBasic.All":           "07d67222-3a10-4d3b-9ddc-b8aa43198a00",
	"Group.ReadWrite.All":           "62a82d76-70ea-41e2-9197-370581804d09",
	"GroupMember.Read.All":          "98830695-27a2-44f7-8c18-0c3ebc9698f6",
	"GroupMember.ReadBasic.All":     "8222c640-cae5-4860-8d11-b32cfad95e03",
	"GroupMember.ReadWrite.All":     "dbaae8cf-10b5-4b86-a4a1-f871c94c6695",
	"Application.Read.All":          "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
	"Application.ReadWrite.All":     "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
	"Application.ReadWrite.OwnedBy": "18a4783c-866b-4cc7-a460-3d5e5662c884",
	"Mail.Read":                     "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
	"Mail.ReadBasic.All":            "693c5e45-0940-467d-9b8a-1022fb9d42ef",
	"Mail.ReadWrite":                "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
	"Sites.Read.All":                "332a536c-c7ef-4017-ab91-336970924f0d",
	"Sites.ReadWrite.All":           "9492366f-7969-46a4-8d15-ed1a20078fff",
	"Sites.Manage.All":              "0c0bf378-bf22-4481-8f81-9e89a9b4960a",
	"Sites.FullControl.All":         "a82116e5-55eb-4c41-a434-62fe8a61c773",
	"Sites.Selected":                "883ea226-0bf2-4a8f-9f9d-92c9162a727d",
	"Organization.Read.All":         "498476ce-e0fe-48b0-b801-37ba7e2685c6",
	"Organization.ReadWrite.All":    "292d869f-3427-49a8-9dab-8c70152b74e9",
	"AuditLog.Read.All":             "b0afded3-3588-46d8-8b3d-9842eff778da",
}

// secretCredential is one client secret of an app registration.
type secretCredential struct {
	keyID       string // the "secret ID" shown in the portal
	displayName string
	value       string
	start, end  time.Time
}

// certCredential is a certificate registered on an app (or, for the
// unknown-cert profile, one that is not).
type certCredential struct {
	cert    *x509.Certificate
	key     *rsa.PrivateKey
	keyID   string
	sha1    [20]byte
	sha256  [32]byte
	subject string
}

func newCertCredential(keyName, subject string) (*certCredential, error) {
	key, err := processKey(keyName)
	if err != nil {
		return nil, err
	}
	cert, err := selfSignedRSA(key, subject, 365*24*time.Hour)
	if err != nil {
		return nil, err
	}
	return &certCredential{
		cert:    cert,
		key:     key,
		keyID:   stableID("cert/" + subject),
		sha1:    sha1.Sum(cert.Raw), //nolint:gosec // thumbprint
		sha256:  sha256.Sum256(cert.Raw),
		subject: subject,
	}, nil
}

// app is one app registration with its service principal.
type app struct {
	profile     string // profile name in the generated config
	displayName string
	clientID    string
	objectID    string // the application object
	spID        string // the service principal: oid and sub of its tokens
	created     time.Time

	secrets      []secretCredential
	cert         *certCredential
	configSecret string // what the profile's secret file holds

	requested []string // permissions configured on the registration
	granted   []string // admin-consented application permissions on Graph

	managed   bool                  // a managed identity: a service principal, no registration
	federated []federatedCredential // trusted tokens of other issuers
	disabled  bool                  // service principal accountEnabled=false
	caBlocked bool                  // a Conditional Access policy blocks its sign-ins
	// mailScopeGroup, when set, is an application access policy: the app may
	// only open mailboxes of this group's members.
	mailScopeGroup string
	selectedSites  []string // site IDs granted through Sites.Selected
}

// resource is an API the tenant issues tokens for.
type resource struct {
	appID       string
	displayName string
	spID        string
	names       []string // service principal names accepted in a scope
}

// registry holds the tenant's app registrations and resources.
type registry struct {
	apps       []*app
	byClientID map[string]*app
	resources  []*resource
}

func newRegistry(now time.Time, graphURL string) (*registry, error) {
	day := 24 * time.Hour
	created := time.Date(2024, 3, 4, 9, 30, 0, 0, time.UTC)
	validSecret := func(name string) (secretCredential, error) {
		return newSecret(name, now.Add(-30*day), now.Add(180*day))
	}

	r := &registry{byClientID: map[string]*app{}}
	readerRoles := []string{"User.Read.All", "Group.Read.All", "GroupMember.Read.All", "Application.Read.All",
		"Mail.Read", "Sites.Read.All", "Organization.Read.All", "AuditLog.Read.All"}
	// HR Sync writes (creates and changes users, adds them to groups) and
	// the mail triage app answers mail: the demo's write stories.
	hrRoles := []string{"User.Read.All", "User.ReadWrite.All", "GroupMember.ReadWrite.All", "Organization.Read.All", "Sites.Selected"}
	specs := []*app{
		{profile: ProfileReader, displayName: "Contoso Directory Reader", clientID: ClientIDReader,
			requested: readerRoles, granted: readerRoles},
		{profile: ProfileCert, displayName: "Contoso HR Sync", clientID: ClientIDCert,
			requested:     hrRoles,
			granted:       hrRoles,
			selectedSites: []string{siteHRID}},
		{profile: ProfileNoConsent, displayName: "Contoso Onboarding Bot", clientID: ClientIDNoConsent,
			requested: []string{"User.Read.All", "Group.Read.All"}},
		{profile: ProfileWrongRole, displayName: "Contoso Team Directory", clientID: ClientIDWrongRole,
			requested: []string{"Group.Read.All"}, granted: []string{"Group.Read.All"}},
		{profile: ProfileMailBlocked, displayName: "Contoso Support Mail Triage", clientID: ClientIDMailBlocked,
			requested: []string{"Mail.Read", "Mail.Send", "User.ReadBasic.All"}, granted: []string{"Mail.Read", "Mail.Send", "User.ReadBasic.All"},
			mailScopeGroup: groupMailAccessID},
		{profile: ProfileWrongSecret, displayName: "Contoso Payroll Export", clientID: ClientIDWrongSecret,
			requested: []string{"User.Read.All"}, granted: []string{"User.Read.All"}},
		{profile: ProfileExpiredSecret, displayName: "Contoso Legacy Reporting", clientID: ClientIDExpiredSecret,
			requested: []string{"User.Read.All"}, granted: []string{"User.Read.All"}},
		{profile: ProfileDisabledApp, displayName: "Contoso Retired Connector", clientID: ClientIDDisabledApp,
			requested: []string{"User.Read.All"}, granted: []string{"User.Read.All"}, disabled: true},
		{profile: ProfileCABlocked, displayName: "Contoso Offsite Backup", clientID: ClientIDCABlocked,
			requested: []string{"User.Read.All"}, granted: []string{"User.Read.All"}, caBlocked: true},
		{profile: ProfileManagedIdentity, displayName: "contoso-nightly-export", clientID: ClientIDMISystem, managed: true,
			granted: []string{"User.Read.All", "Group.Read.All"}},
		{profile: ProfileMIMissingRole, displayName: "contoso-hr-reports-mi", clientID: ClientIDMIUser, managed: true,
			granted: []string{"Group.Read.All"}},
		{profile: ProfileFederated, displayName: "Contoso Deploy Pipeline", clientID: ClientIDFederated,
			requested: []string{"User.Read.All", "Group.Read.All"}, granted: []string{"User.Read.All", "Group.Read.All"},
			federated: []federatedCredential{{name: "hr-sync-production", issuer: FederatedIssuer, subject: FederatedSubject, audience: FederatedAudience}}},
	}
	for i, a := range specs {
		a.objectID = stableID("application/" + a.clientID)
		a.spID = stableID("servicePrincipal/" + a.clientID)
		a.created = created.Add(time.Duration(i) * 37 * day)
		switch a.profile {
		case ProfileCert:
			cert, err := newCertCredential("app-certificate", "CN=contoso-hr-sync")
			if err != nil {
				return nil, err
			}
			a.cert = cert
		case ProfileManagedIdentity, ProfileMIMissingRole, ProfileFederated:
			// No secret: the host or the issuer proves who they are.
		case ProfileExpiredSecret:
			s, err := newSecret("reporting-2023", now.Add(-400*day), now.Add(-35*day))
			if err != nil {
				return nil, err
			}
			a.secrets = []secretCredential{s}
			a.configSecret = s.value
		default:
			s, err := validSecret("graphtui-demo")
			if err != nil {
				return nil, err
			}
			a.secrets = []secretCredential{s}
			a.configSecret = s.value
			if a.profile == ProfileWrongSecret {
				// The classic mistake: the portal shows a secret's ID right
				// beside its value, and the ID gets pasted.
				a.configSecret = s.keyID
			}
		}
		r.apps = append(r.apps, a)
		r.byClientID[a.clientID] = a
	}

	r.resources = []*resource{
		{appID: GraphAppID, displayName: "Microsoft Graph", spID: stableID("servicePrincipal/" + GraphAppID),
			// On a real tenant Graph also answers to its public name, the
			// resource an Azure host's implicit managed-identity profile
			// asks for; the token's audience is then that name.
			names: []string{graphURL, GraphAppID, "https://graph.microsoft.com"}},
		{appID: hrAPIAppID, displayName: "Contoso HR API", spID: stableID("servicePrincipal/" + hrAPIAppID),
			names: []string{HRAPIResource, hrAPIAppID}},
	}
	return r, nil
}

const hrAPIAppID = "47cf581f-1906-4f8a-ae81-ebde46aeb35d"

func (r *registry) app(clientID string) *app {
	return r.byClientID[strings.ToLower(clientID)]
}

func (r *registry) appByProfile(profile string) *app {
	for _, a := range r.apps {
		if a.profile == profile {
			return a
		}
	}
	return nil
}

// resourceFor finds the resource a scope's resource part names. It returns
// the name as registered, which becomes the token's audience.
func (r *registry) resourceFor(name string) (*resource, string) {
	name = strings.TrimRight(name, "/")
	for _, res := range r.resources {
		for _, n := range res.names {
			if strings.EqualFold(n, name) {
				return res, n
			}
		}
	}
	return nil, ""
}

// secretAlphabet is what Entra ID client secret values are made of.
const secretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.~"

// newSecret makes a secret shaped like the portal's: 40 characters with the
// "8Q~" marker after a 3-character prefix (the prefix is Graph's "hint").
func newSecret(displayName string, start, end time.Time) (secretCredential, error) {
	buf := make([]byte, 37)
	if _, err := rand.Read(buf); err != nil {
		return secretCredential{}, err
	}
	var sb strings.Builder
	for i, b := range buf {
		if i == 3 {
			sb.WriteString("8Q~")
		}
		sb.WriteByte(secretAlphabet[int(b)%len(secretAlphabet)])
	}
	return secretCredential{
		keyID:       randomGUID(),
		displayName: displayName,
		value:       sb.String()[:40],
		start:       start,
		end:         end,
	}, nil
}

// stableID derives a fixed GUID from a name, so directory objects keep their
// IDs from run to run without a table of literals.
func stableID(name string) string {
	sum := sha256.Sum256([]byte("graphtui-demo/" + name))
	sum[6] = sum[6]&0x0f | 0x40 // version 4 layout
	sum[8] = sum[8]&0x3f | 0x80 // RFC 4122 variant
	return formatGUID(sum[:16])
}

func randomGUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return formatGUID(b[:])
}

func formatGUID(b []byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
