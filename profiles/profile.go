// Package profiles holds graphtui's app identities: how they are written in
// the config file, validated, resolved into credentials and edited in place.
package profiles

import (
	"fmt"
	"strings"
)

// Cloud names a national cloud. It selects the login host and the Graph host.
type Cloud string

const (
	CloudGlobal   Cloud = "global"
	CloudUSGov    Cloud = "usgov"
	CloudUSGovDoD Cloud = "usgov-dod"
	CloudChina    Cloud = "china"
)

// CloudHosts are the default endpoints of one cloud, as https base URLs.
type CloudHosts struct {
	Login string
	Graph string
}

// Clouds maps every supported cloud to its hosts.
var Clouds = map[Cloud]CloudHosts{
	CloudGlobal:   {Login: "https://login.microsoftonline.com", Graph: "https://graph.microsoft.com"},
	CloudUSGov:    {Login: "https://login.microsoftonline.us", Graph: "https://graph.microsoft.us"},
	CloudUSGovDoD: {Login: "https://login.microsoftonline.us", Graph: "https://dod-graph.microsoft.us"},
	CloudChina:    {Login: "https://login.chinacloudapi.cn", Graph: "https://microsoftgraph.chinacloudapi.cn"},
}

// Position says where a profile was defined, for error messages.
type Position struct {
	File string
	Line int
}

func (p Position) String() string {
	if p.File == "" {
		return ""
	}
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Profile is one app identity. Secret fields hold references (env:, cmd:,
// file:, keyring:), never the secret itself.
type Profile struct {
	Name     string
	Tenant   string // GUID or domain
	ClientID string // GUID

	// Exactly one credential, or one of the other kinds below.
	ClientSecret        string // reference
	Certificate         string // path to a PEM (cert + key) or PKCS#12 file
	CertificatePassword string // reference, PKCS#12 only

	// ManagedIdentity is "system", a user-assigned identity's client id
	// (GUID) or its ARM resource id; no tenant, client id or credential.
	ManagedIdentity string
	// FederatedToken is a reference yielding another issuer's OIDC token,
	// sent as the client assertion (with tenant and client_id).
	FederatedToken string
	// AccessToken is a reference yielding a ready access token.
	AccessToken string

	Cloud         Cloud
	AuthorityHost string // override of the cloud's login host (https URL)
	GraphHost     string // override of the cloud's Graph host (https URL, or http on loopback)
	Scope         string // default: <graph host>/.default
	APIVersion    string // default: v1.0
	CAFile        string // extra CA certificates (PEM) trusted for this profile's hosts
	AllowWrites   bool   // allow_writes = true: the profile may send POST, PATCH, PUT and DELETE

	Source Position // where it was defined; zero for implicit profiles
}

// Profile kinds, as shown by `graphtui profiles`. The first two are the
// credential kinds of a confidential client.
const (
	CredentialSecret      = "secret"
	CredentialCertificate = "certificate"
	KindManagedIdentity   = "managed-identity"
	KindFederated         = "federated"
	KindAccessToken       = "access-token"
)

// CredentialKind says which credential the profile uses. It is Kind under
// its older name.
func (p Profile) CredentialKind() string { return p.Kind() }

// Kind says how the profile gets its token: "secret", "certificate",
// "managed-identity", "federated" or "access-token".
func (p Profile) Kind() string {
	switch {
	case p.ManagedIdentity != "":
		return KindManagedIdentity
	case p.AccessToken != "":
		return KindAccessToken
	case p.FederatedToken != "":
		return KindFederated
	case p.Certificate != "":
		return CredentialCertificate
	}
	return CredentialSecret
}

// ManagedIdentitySystem is the managed_identity value of the host's
// system-assigned identity.
const ManagedIdentitySystem = "system"

// Ways a managed_identity value names the identity.
const (
	ManagedIdentityBySystem     = "system"
	ManagedIdentityByClientID   = "client-id"
	ManagedIdentityByResourceID = "resource-id"
)

// ManagedIdentityBy says how managed_identity names the identity: the
// system-assigned one, a user-assigned one by client id or by ARM resource
// id; "" when the value is none of these (or the profile has none).
func (p Profile) ManagedIdentityBy() string {
	v := strings.TrimSpace(p.ManagedIdentity)
	switch {
	case strings.EqualFold(v, ManagedIdentitySystem):
		return ManagedIdentityBySystem
	case guidPattern.MatchString(v):
		return ManagedIdentityByClientID
	case armIdentityPattern.MatchString(v):
		return ManagedIdentityByResourceID
	}
	return ""
}

func (p Profile) cloudHosts() CloudHosts {
	if h, ok := Clouds[p.Cloud]; ok {
		return h
	}
	return Clouds[CloudGlobal]
}

// LoginBase is the identity platform base URL, normalised (see
// normalizeHost), without a trailing slash.
func (p Profile) LoginBase() string {
	if p.AuthorityHost != "" {
		return normalizeHost(p.AuthorityHost)
	}
	return p.cloudHosts().Login
}

// GraphBase is the Graph base URL (scheme and host), normalised (see
// normalizeHost), without a trailing slash.
func (p Profile) GraphBase() string {
	if p.GraphHost != "" {
		return normalizeHost(p.GraphHost)
	}
	return p.cloudHosts().Graph
}

// Authority is the login base plus the tenant, as MSAL wants it.
func (p Profile) Authority() string {
	return p.LoginBase() + "/" + p.Tenant
}

// EffectiveScope is the scope requested for tokens.
func (p Profile) EffectiveScope() string {
	if p.Scope != "" {
		return p.Scope
	}
	return p.GraphBase() + "/.default"
}

// Version is the Graph API version used when a request does not say.
func (p Profile) Version() string {
	if p.APIVersion != "" {
		return p.APIVersion
	}
	return "v1.0"
}

// CloudName is the cloud, with the default spelled out.
func (p Profile) CloudName() Cloud {
	if p.Cloud == "" {
		return CloudGlobal
	}
	return p.Cloud
}

// AdminConsentURL is the page where a tenant admin grants the app's
// application permissions.
func (p Profile) AdminConsentURL() string {
	return p.LoginBase() + "/" + p.Tenant + "/adminconsent?client_id=" + p.ClientID
}

func withScheme(host string) string {
	if strings.Contains(host, "://") {
		return host
	}
	return "https://" + host
}
