package demo

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// demoProfile is one profile the tenant can write into a graphtui config.
type demoProfile struct {
	name     string
	comment  string
	tenant   string
	clientID string
	secret   string          // the secret file's content; "" for certificate profiles
	cert     *certCredential // certificate profiles
	scope    string          // override; "" for the default
	story    bool
	// identity profiles (IdentityStories): written by WriteConfigAll and
	// WriteDemoConfig only.
	identity        bool
	managedIdentity string // managed_identity value
	federatedToken  string // the <profile>.jwt file's content
}

// buildProfiles lists the story profiles, then the error profiles, then the
// identity profiles.
func buildProfiles(t *Tenant) ([]demoProfile, error) {
	reg := t.apps
	var out []demoProfile
	for _, s := range Stories {
		a := reg.appByProfile(s.Profile)
		p := demoProfile{name: s.Profile, comment: s.Shows, tenant: TenantGUID, clientID: a.clientID,
			secret: a.configSecret, cert: a.cert, story: true}
		if s.Profile == ProfileReader {
			p.tenant = TenantDomain // show that a domain works as well as the GUID
		}
		out = append(out, p)
	}

	reader := reg.appByProfile(ProfileReader)
	fromApp := func(profile, comment string) demoProfile {
		a := reg.appByProfile(profile)
		return demoProfile{name: profile, comment: comment, tenant: TenantGUID, clientID: a.clientID, secret: a.configSecret}
	}
	asReader := func(name, comment string) demoProfile {
		return demoProfile{name: name, comment: comment, tenant: TenantGUID, clientID: reader.clientID, secret: reader.configSecret}
	}
	unregistered, err := newSecret("unregistered", time.Now(), time.Now())
	if err != nil {
		return nil, err
	}
	strayCert, err := newCertCredential("unregistered-certificate", "CN=contoso-hr-sync-old")
	if err != nil {
		return nil, err
	}

	expired := fromApp(ProfileExpiredSecret, "AADSTS7000222: the app's only client secret has expired")
	disabled := fromApp(ProfileDisabledApp, "AADSTS7000112: the app's service principal is disabled")
	blocked := fromApp(ProfileCABlocked, "AADSTS53003: a Conditional Access policy blocks the app")
	unknownApp := demoProfile{name: ProfileUnknownApp, comment: "AADSTS700016: the client ID is not registered in this tenant",
		tenant: TenantGUID, clientID: ClientIDUnregistered, secret: unregistered.value}
	unknownTenant := asReader(ProfileUnknownTenant, "AADSTS90002: the tenant does not exist")
	unknownTenant.tenant = UnknownTenantDomain
	unknownResource := asReader(ProfileUnknownResource, "AADSTS500011: the scope names an API this tenant does not have")
	unknownResource.scope = UnknownResourceScope
	unknownCert := demoProfile{name: ProfileUnknownCert, comment: "AADSTS700027: the certificate is not the one registered on the app",
		tenant: TenantGUID, clientID: ClientIDCert, cert: strayCert}

	out = append(out, expired, disabled, blocked, unknownApp, unknownTenant, unknownResource, unknownCert)

	exp := t.now().Add(federatedTokenLifetime)
	good, err := t.IssueFederatedToken(FederatedIssuer, FederatedSubject, FederatedAudience, exp)
	if err != nil {
		return nil, err
	}
	wrong, err := t.IssueFederatedToken(FederatedIssuer, FederatedWrongSubject, FederatedAudience, exp)
	if err != nil {
		return nil, err
	}
	comments := map[string]string{}
	for _, s := range IdentityStories {
		comments[s.Profile] = s.Shows
	}
	return append(out,
		demoProfile{name: ProfileManagedIdentity, comment: comments[ProfileManagedIdentity], clientID: ClientIDMISystem,
			identity: true, managedIdentity: "system"},
		demoProfile{name: ProfileMIMissingRole, comment: comments[ProfileMIMissingRole], clientID: ClientIDMIUser,
			identity: true, managedIdentity: ClientIDMIUser},
		demoProfile{name: ProfileFederated, comment: comments[ProfileFederated], tenant: TenantGUID, clientID: ClientIDFederated,
			identity: true, federatedToken: good},
		demoProfile{name: ProfileFederatedWrongSub, comment: comments[ProfileFederatedWrongSub], tenant: TenantGUID, clientID: ClientIDFederated,
			identity: true, federatedToken: wrong},
	), nil
}

func (t *Tenant) profile(name string) *demoProfile {
	for i := range t.profiles {
		if t.profiles[i].name == name {
			return &t.profiles[i]
		}
	}
	return nil
}

// Secret is what the named profile's secret file holds: the secret for
// secret apps, the secret's ID for wrong-secret, "" for certificate
// profiles and unknown names. Tests grep graphtui's output for it.
func (t *Tenant) Secret(profile string) string {
	if p := t.profile(profile); p != nil {
		return p.secret
	}
	return ""
}

// ClientID is the client ID the named profile uses ("" if unknown).
func (t *Tenant) ClientID(profile string) string {
	if p := t.profile(profile); p != nil {
		return p.clientID
	}
	return ""
}

// Roles are the application permissions granted to the profile's app, as
// they appear in its tokens' roles claim (nil when none).
func (t *Tenant) Roles(profile string) []string {
	if p := t.profile(profile); p != nil {
		if a := t.apps.app(p.clientID); a != nil {
			return a.grantedRoles()
		}
	}
	return nil
}

// CertificatePEM is the certificate and private key of a certificate
// profile (contoso-cert, unknown-cert), as written next to the config.
func (t *Tenant) CertificatePEM(profile string) ([]byte, error) {
	p := t.profile(profile)
	if p == nil || p.cert == nil {
		return nil, fmt.Errorf("demo tenant: profile %q has no certificate", profile)
	}
	return certPEM(p.cert)
}

func certPEM(c *certCredential) ([]byte, error) {
	key, err := x509.MarshalPKCS8PrivateKey(c.key)
	if err != nil {
		return nil, err
	}
	out := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.cert.Raw})
	return append(out, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: key})...), nil
}

// WriteConfig writes a graphtui config for the story profiles into dir,
// with everything it refers to: ca.pem, one <profile>.secret per secret
// profile and <profile>.pem per certificate profile. Secrets, keys and the
// config are mode 0600. It returns the config's path.
func (t *Tenant) WriteConfig(dir string) (string, error) {
	return t.writeConfig(dir, false, false)
}

// WriteConfigAll is WriteConfig plus the error profiles, one per AADSTS
// code in AADSTSProfiles, and the identity profiles, for tests of token
// handling.
func (t *Tenant) WriteConfigAll(dir string) (string, error) {
	return t.writeConfig(dir, true, true)
}

// WriteDemoConfig is WriteConfig plus the identity profiles
// (IdentityStories): what `graphtui demo` offers a new user. The managed
// identity profiles work where ManagedIdentityEnv is set; federated ones
// read <profile>.jwt, written beside the config.
func (t *Tenant) WriteDemoConfig(dir string) (string, error) {
	return t.writeConfig(dir, false, true)
}

// FederatedTokenFile is the token file a federated profile's
// federated_token points at, in the directory the config was written to.
func FederatedTokenFile(dir, profile string) string {
	return filepath.Join(dir, profile+".jwt")
}

func (t *Tenant) writeConfig(dir string, all, identities bool) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("demo config: %w", err)
	}
	caPath := filepath.Join(dir, "ca.pem")
	if err := writeFileMode(caPath, t.ca.certPEM, 0o644); err != nil {
		return "", err
	}

	var b strings.Builder
	fmt.Fprintf(&b, "# graphtui demo tenant configuration, generated %s.\n", time.Now().UTC().Format(time.RFC3339))
	b.WriteString("# Every profile below points at the demo tenant graphtui runs on this machine\n")
	b.WriteString("# (loopback only, nothing reaches Microsoft). The ports, secrets and certificates\n")
	b.WriteString("# are new each time the demo starts, so this file only works while it runs.\n")
	for _, p := range t.profiles {
		switch {
		case p.identity && !identities, !p.identity && !p.story && !all:
			continue
		}
		fmt.Fprintf(&b, "\n# %s\n[profiles.%s]\n", p.comment, p.name)
		if p.managedIdentity != "" {
			// The host proves the identity: no tenant, client id or secret.
			fmt.Fprintf(&b, "managed_identity = %s\n", tomlString(p.managedIdentity))
			fmt.Fprintf(&b, "graph_host = %s\n", tomlString(t.graphURL))
			fmt.Fprintf(&b, "ca_file = %s\n", tomlString(caPath))
			continue
		}
		fmt.Fprintf(&b, "tenant = %s\n", tomlString(p.tenant))
		fmt.Fprintf(&b, "client_id = %s\n", tomlString(p.clientID))
		switch {
		case p.federatedToken != "":
			path := FederatedTokenFile(dir, p.name)
			if err := writeFileMode(path, []byte(p.federatedToken), 0o600); err != nil {
				return "", err
			}
			fmt.Fprintf(&b, "federated_token = %s\n", tomlString("file:"+path))
		case p.cert != nil:
			pemBytes, err := certPEM(p.cert)
			if err != nil {
				return "", err
			}
			path := filepath.Join(dir, p.name+".pem")
			if err := writeFileMode(path, pemBytes, 0o600); err != nil {
				return "", err
			}
			fmt.Fprintf(&b, "certificate = %s\n", tomlString(path))
		default:
			path := filepath.Join(dir, p.name+".secret")
			if err := writeFileMode(path, []byte(p.secret), 0o600); err != nil {
				return "", err
			}
			fmt.Fprintf(&b, "client_secret = %s\n", tomlString("file:"+path))
		}
		fmt.Fprintf(&b, "authority_host = %s\n", tomlString(t.loginURL))
		fmt.Fprintf(&b, "graph_host = %s\n", tomlString(t.graphURL))
		if p.scope != "" {
			fmt.Fprintf(&b, "scope = %s\n", tomlString(p.scope))
		}
		fmt.Fprintf(&b, "ca_file = %s\n", tomlString(caPath))
		b.WriteString("allow_writes = true\n") // the demo's writes stay in memory
	}
	configPath := filepath.Join(dir, "config.toml")
	if err := writeFileMode(configPath, []byte(b.String()), 0o600); err != nil {
		return "", err
	}
	return configPath, nil
}

// writeFileMode writes data and sets mode even when the file existed
// before with a looser one.
func writeFileMode(path string, data []byte, mode os.FileMode) error {
	if err := os.WriteFile(path, data, mode); err != nil {
		return fmt.Errorf("demo config: %w", err)
	}
	if err := os.Chmod(path, mode); err != nil {
		return fmt.Errorf("demo config: %w", err)
	}
	return nil
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
