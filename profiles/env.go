package profiles

import "strings"

// EnvProfileName is the name of the implicit profile built from the
// standard Azure environment variables.
const EnvProfileName = "env"

// EnvProfile builds the implicit "env" profile from the variables Azure SDKs
// and CI systems already use. It needs AZURE_TENANT_ID, AZURE_CLIENT_ID and a
// credential: AZURE_CLIENT_SECRET (preferred, as in the Azure SDKs) or
// AZURE_CLIENT_CERTIFICATE_PATH with an optional
// AZURE_CLIENT_CERTIFICATE_PASSWORD, or AZURE_FEDERATED_TOKEN_FILE (workload
// identity federation, as AKS and azidentity's workload identity credential
// set it up). Secrets stay in the environment: the profile holds env: or
// file: references to them.
func EnvProfile(lookup func(string) (string, bool)) (Profile, bool) {
	get := func(name string) string {
		v, _ := lookup(name)
		return strings.TrimSpace(v)
	}
	p := Profile{Name: EnvProfileName, Tenant: get("AZURE_TENANT_ID"), ClientID: get("AZURE_CLIENT_ID")}
	if p.Tenant == "" || p.ClientID == "" {
		return Profile{}, false
	}
	switch {
	case get("AZURE_CLIENT_SECRET") != "":
		p.ClientSecret = refEnv + "AZURE_CLIENT_SECRET"
	case get("AZURE_CLIENT_CERTIFICATE_PATH") != "":
		p.Certificate = get("AZURE_CLIENT_CERTIFICATE_PATH")
		if get("AZURE_CLIENT_CERTIFICATE_PASSWORD") != "" {
			p.CertificatePassword = refEnv + "AZURE_CLIENT_CERTIFICATE_PASSWORD"
		}
	case get("AZURE_FEDERATED_TOKEN_FILE") != "":
		p.FederatedToken = refFile + get("AZURE_FEDERATED_TOKEN_FILE")
	default:
		return Profile{}, false
	}
	if host := get("AZURE_AUTHORITY_HOST"); host != "" {
		p.Cloud, p.AuthorityHost = cloudForLogin(host)
	}
	return p, true
}

// cloudForLogin maps a well-known login host to its cloud, so the Graph
// host follows; any other host stays an authority_host override.
func cloudForLogin(host string) (Cloud, string) {
	normalized := normalizeHost(host)
	for _, c := range cloudNames { // usgov before usgov-dod: they share a login host
		if Clouds[c].Login == normalized {
			return c, ""
		}
	}
	return "", host
}

// ManagedIdentityProfileName is the implicit profile of an Azure host.
const ManagedIdentityProfileName = "managed-identity"

// ManagedIdentityProfile builds the implicit "managed-identity" profile on a
// host that offers a managed identity endpoint (IDENTITY_ENDPOINT: App
// Service, Functions, Container Apps, Arc; MSI_ENDPOINT: Cloud Shell, Azure
// ML). As in DefaultAzureCredential, AZURE_CLIENT_ID picks a user-assigned
// identity; without it the system-assigned one is used. IMDS (VMs) has no
// variable to detect it by: there, write managed_identity = "system".
func ManagedIdentityProfile(lookup func(string) (string, bool)) (Profile, bool) {
	get := func(name string) string {
		v, _ := lookup(name)
		return strings.TrimSpace(v)
	}
	if get("IDENTITY_ENDPOINT") == "" && get("MSI_ENDPOINT") == "" {
		return Profile{}, false
	}
	p := Profile{Name: ManagedIdentityProfileName, ManagedIdentity: ManagedIdentitySystem}
	if id := get("AZURE_CLIENT_ID"); guidPattern.MatchString(id) {
		p.ManagedIdentity = id
	}
	return p, true
}

// All is the config's profiles followed by the implicit ones ("env",
// "managed-identity") whose variables are set and whose name the config
// does not already use.
func All(cfg *Config, lookup func(string) (string, bool)) []Profile {
	var list []Profile
	if cfg != nil {
		list = append(list, cfg.Profiles...)
	}
	for _, build := range []func(func(string) (string, bool)) (Profile, bool){EnvProfile, ManagedIdentityProfile} {
		p, ok := build(lookup)
		if !ok {
			continue
		}
		if cfg != nil {
			if _, taken := cfg.Get(p.Name); taken {
				continue
			}
		}
		list = append(list, p)
	}
	return list
}
