package profiles

import "fmt"

// validateApp checks an app registration's profile: tenant, client id and
// exactly one credential (secret, certificate or federated token).
func validateApp(p Profile, baseDir string, files *fileChecks, bad func(key, format string, args ...any)) {
	if msg := checkTenant(p.Tenant); msg != "" {
		bad(keyTenant, "%s", msg)
	}
	switch {
	case p.ClientID == "":
		bad(keyClientID, `missing; set client_id = "<Application (client) ID>" from the app registration's Overview page`)
	case !guidPattern.MatchString(p.ClientID):
		bad(keyClientID, "is not a GUID (8-4-4-4-12 hex digits, like 00000000-0000-0000-0000-000000000000); copy the Application (client) ID from the app registration's Overview page")
	}

	set := 0
	for _, v := range []string{p.ClientSecret, p.Certificate, p.FederatedToken} {
		if v != "" {
			set++
		}
	}
	switch {
	case set == 0:
		bad("", "%s", msgNoCredential)
	case set > 1 && p.FederatedToken != "":
		bad(keyFederatedToken, "federated_token is a credential of its own; keep exactly one of client_secret, certificate and federated_token")
	case set > 1:
		bad(keyCertificate, "both client_secret and certificate are set; keep exactly one credential and remove the other")
	}
	if p.ClientSecret != "" {
		if msg := checkReference(p.ClientSecret); msg != "" {
			bad(keyClientSecret, "%s", msg)
		}
	}
	if p.FederatedToken != "" {
		if msg := checkReference(p.FederatedToken); msg != "" {
			bad(keyFederatedToken, "%s", msg)
		}
	}
	if p.Certificate != "" {
		if msg := files.readable(resolveFile(p.Certificate, baseDir)); msg != "" {
			bad(keyCertificate, "%s; fix the path (a relative path is relative to the config file's directory)", msg)
		}
	}
	if p.CertificatePassword != "" {
		if p.Certificate == "" {
			bad(keyCertificatePassword, "is only used with certificate (a PKCS#12 file); remove it or set certificate")
		} else if msg := checkReference(p.CertificatePassword); msg != "" {
			bad(keyCertificatePassword, "%s", msg)
		}
	}
}

// validateManagedIdentity checks a managed identity profile: the host
// decides the tenant and proves the identity, so nothing else may be set.
func validateManagedIdentity(p Profile, bad func(key, format string, args ...any)) {
	if p.ManagedIdentityBy() == "" {
		bad(keyManagedIdentity, `must be "system", a user-assigned identity's client id (a GUID) or its resource id `+
			`(/subscriptions/SUB/resourceGroups/RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/NAME)`)
	}
	notWith(p, KindManagedIdentity, bad, map[string]string{
		keyTenant:   "the host's identity endpoint decides the tenant",
		keyClientID: `a user-assigned identity's client id goes in managed_identity = "GUID"`,
	})
}

// validateAccessToken checks a profile that brings its own token: the
// token says its tenant and app, and nothing else may be set.
func validateAccessToken(p Profile, bad func(key, format string, args ...any)) {
	if msg := checkReference(p.AccessToken); msg != "" {
		bad(keyAccessToken, "%s", msg)
	}
	notWith(p, KindAccessToken, bad, map[string]string{
		keyTenant:   "the token names its tenant",
		keyClientID: "the token names its app",
	})
}

// notWith reports every identity key set beside a kind that needs none.
func notWith(p Profile, kind string, bad func(key, format string, args ...any), why map[string]string) {
	main := keyManagedIdentity
	if kind == KindAccessToken {
		main = keyAccessToken
	}
	for _, key := range []string{keyTenant, keyClientID, keyClientSecret, keyCertificate, keyCertificatePassword,
		keyFederatedToken, keyAccessToken, keyManagedIdentity, keyAuthorityHost} {
		if key == main || *field(&p, key) == "" {
			continue
		}
		reason := why[key]
		if reason == "" {
			reason = "it is not used with " + main
		}
		bad(key, "%s", fmt.Sprintf("cannot be set beside %s (%s); remove it, or make this a separate profile", main, reason))
	}
}
