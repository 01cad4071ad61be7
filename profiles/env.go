package profiles

import "strings"

// EnvProfileName is the name of the implicit profile built from the
// standard Azure environment variables.
const EnvProfileName = "env"

// EnvProfile builds the implicit "env" profile from the variables Azure SDKs
// and CI systems already use. It needs AZURE_TENANT_ID, AZURE_CLIENT_ID and a
// credential: AZURE_CLIENT_SECRET (preferred, as in the Azure SDKs) or
// AZURE_CLIENT_CERTIFICATE_PATH with an optional
// AZURE_CLIENT_CERTIFICATE_PASSWORD. Secrets stay in the environment: the
// profile holds env: references to them.
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
