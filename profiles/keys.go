package profiles

import (
	"math"

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

var profileKeys = []string{
	keyTenant, keyClientID, keyClientSecret, keyCertificate, keyCertificatePassword,
	keyManagedIdentity, keyFederatedToken, keyAccessToken,
	keyCloud, keyAuthorityHost, keyGraphHost, keyScope, keyAPIVersion, keyCAFile,
}

func isProfileKey(k string) bool {
	for _, known := range profileKeys {
		if k == known {
			return true
		}
	}
	return false
}

// isSecretKey reports keys whose line may hold a secret when mistyped, so
// parse errors never quote them.
func isSecretKey(k string) bool {
	switch k {
	case keyClientSecret, keyCertificatePassword, keyFederatedToken, keyAccessToken:
		return true
	}
	return false
}

// field returns a pointer to the Profile field a config key fills, so that
// decoding, encoding and comparing walk one list instead of three switches.
func field(p *Profile, key string) *string {
	switch key {
	case keyTenant:
		return &p.Tenant
	case keyClientID:
		return &p.ClientID
	case keyClientSecret:
		return &p.ClientSecret
	case keyCertificate:
		return &p.Certificate
	case keyCertificatePassword:
		return &p.CertificatePassword
	case keyManagedIdentity:
		return &p.ManagedIdentity
	case keyFederatedToken:
		return &p.FederatedToken
	case keyAccessToken:
		return &p.AccessToken
	case keyCloud:
		return (*string)(&p.Cloud)
	case keyAuthorityHost:
		return &p.AuthorityHost
	case keyGraphHost:
		return &p.GraphHost
	case keyScope:
		return &p.Scope
	case keyAPIVersion:
		return &p.APIVersion
	case keyCAFile:
		return &p.CAFile
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
