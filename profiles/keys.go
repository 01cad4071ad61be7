package profiles

import (
	"math"
	"slices"

	"github.com/graphtui/graphtui/internal/editdistance"
)

// Config keys of a profile table, in the order graphtui writes them.
const (
	keyTenant              = "tenant"
	keyClientID            = "client_id"
	keyClientSecret        = "client_secret"
	keyCertificate         = "certificate"
	keyCertificatePassword = "certificate_password"
	keyManagedIdentity     = "managed_identity"
	keyFederatedToken      = "federated_token"
	keyAccessToken         = "access_token"
	keyCloud               = "cloud"
	keyAuthorityHost       = "authority_host"
	keyGraphHost           = "graph_host"
	keyScope               = "scope"
	keyAPIVersion          = "api_version"
	keyCAFile              = "ca_file"
)

// keyAllowWrites is the one true/false key: true lets the profile send
// POST, PATCH, PUT and DELETE (see Profile.MayWrite). It is not in
// profileKeys, whose values are strings (see field).
const keyAllowWrites = "allow_writes"

// knownKeys are every key a profile table may hold, for suggestions.
func knownKeys() []string { return append(append([]string{}, profileKeys...), keyAllowWrites) }

// profileFields are the keys whose values are strings, in the order
// graphtui writes them, each with the Profile field it fills: decoding,
// encoding and comparing walk this one list.
var profileFields = []struct {
	key string
	of  func(*Profile) *string
}{
	{keyTenant, func(p *Profile) *string { return &p.Tenant }},
	{keyClientID, func(p *Profile) *string { return &p.ClientID }},
	{keyClientSecret, func(p *Profile) *string { return &p.ClientSecret }},
	{keyCertificate, func(p *Profile) *string { return &p.Certificate }},
	{keyCertificatePassword, func(p *Profile) *string { return &p.CertificatePassword }},
	{keyManagedIdentity, func(p *Profile) *string { return &p.ManagedIdentity }},
	{keyFederatedToken, func(p *Profile) *string { return &p.FederatedToken }},
	{keyAccessToken, func(p *Profile) *string { return &p.AccessToken }},
	{keyCloud, func(p *Profile) *string { return (*string)(&p.Cloud) }},
	{keyAuthorityHost, func(p *Profile) *string { return &p.AuthorityHost }},
	{keyGraphHost, func(p *Profile) *string { return &p.GraphHost }},
	{keyScope, func(p *Profile) *string { return &p.Scope }},
	{keyAPIVersion, func(p *Profile) *string { return &p.APIVersion }},
	{keyCAFile, func(p *Profile) *string { return &p.CAFile }},
}

// profileKeys are the keys of profileFields.
var profileKeys = func() []string {
	keys := make([]string, len(profileFields))
	for i, f := range profileFields {
		keys[i] = f.key
	}
	return keys
}()

func isProfileKey(k string) bool { return slices.Contains(profileKeys, k) }

// isSecretKey reports keys whose line may hold a secret when mistyped, so
// parse errors never quote them.
func isSecretKey(k string) bool {
	switch k {
	case keyClientSecret, keyCertificatePassword, keyFederatedToken, keyAccessToken:
		return true
	}
	return false
}

// field returns a pointer to the Profile field a string key fills, nil for
// any other key.
func field(p *Profile, key string) *string {
	for _, f := range profileFields {
		if f.key == key {
			return f.of(p)
		}
	}
	return nil
}

// closestKey suggests the known key a typo was probably meant to be, or ""
// when nothing is close enough to be a useful guess.
func closestKey(typo string, known []string) string {
	best, bestDist := "", len(typo)/3+2
	for _, k := range known {
		if d := editdistance.Bounded(typo, k, math.MaxInt); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}
