package demo

import (
	"context"
	"strings"
	"testing"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// graphtui's auth package gets tokens with MSAL Go; these tests pin that
// the demo tenant speaks what MSAL expects (discovery with a matching
// issuer, its client assertion format, its error handling).

func msalClient(t *testing.T, tn *Tenant, tenant, clientID string, cred confidential.Credential) confidential.Client {
	t.Helper()
	c, err := confidential.New(tn.LoginURL()+"/"+tenant, clientID, cred,
		confidential.WithHTTPClient(tn.HTTPClient()),
		confidential.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatalf("confidential.New: %v", err)
	}
	return c
}

func TestMSALGetsTokensWithSecretAndCertificate(t *testing.T) {
	tn := startTenant(t, Options{})
	secretCred, err := confidential.NewCredFromSecret(tn.Secret(ProfileReader))
	if err != nil {
		t.Fatal(err)
	}
	pemData, err := tn.CertificatePEM(ProfileCert)
	if err != nil {
		t.Fatal(err)
	}
	certs, key, err := confidential.CertFromPEM(pemData, "")
	if err != nil {
		t.Fatal(err)
	}
	certCred, err := confidential.NewCredFromCert(certs, key)
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		tenant, clientID string
		cred             confidential.Credential
		acr              string
	}{
		{TenantDomain, ClientIDReader, secretCred, "1"},
		{TenantGUID, ClientIDCert, certCred, "2"},
	} {
		client := msalClient(t, tn, tc.tenant, tc.clientID, tc.cred)
		res, err := client.AcquireTokenByCredential(context.Background(), []string{graphScope(tn)})
		if err != nil {
			t.Fatalf("%s: AcquireTokenByCredential: %v", tc.clientID, err)
		}
		_, claims := jwtParts(t, res.AccessToken)
		if claims["appid"] != tc.clientID || claims["appidacr"] != tc.acr {
			t.Errorf("claims appid=%v appidacr=%v, want %s %s", claims["appid"], claims["appidacr"], tc.clientID, tc.acr)
		}
		// A second call is served from MSAL's cache: no new token request.
		before := tn.Stats().TokenRequests[tc.clientID].Total()
		if _, err := client.AcquireTokenByCredential(context.Background(), []string{graphScope(tn)}); err != nil {
			t.Fatal(err)
		}
		if after := tn.Stats().TokenRequests[tc.clientID].Total(); after != before {
			t.Errorf("%s: second acquisition made %d token requests, want 0", tc.clientID, after-before)
		}
	}
}

func TestMSALSurfacesAADSTSErrors(t *testing.T) {
	tn := startTenant(t, Options{})
	for _, tc := range []struct {
		tenant, clientID, secret, code string
	}{
		{TenantGUID, ClientIDWrongSecret, tn.Secret(ProfileWrongSecret), "AADSTS7000215"},
		// Discovery itself fails for an unknown tenant, as with the real service.
		{UnknownTenantDomain, ClientIDReader, tn.Secret(ProfileReader), "AADSTS90002"},
	} {
		cred, err := confidential.NewCredFromSecret(tc.secret)
		if err != nil {
			t.Fatal(err)
		}
		_, err = msalClient(t, tn, tc.tenant, tc.clientID, cred).AcquireTokenByCredential(context.Background(), []string{graphScope(tn)})
		if err == nil || !strings.Contains(err.Error(), tc.code) {
			t.Errorf("%s: error %v, want one carrying %s", tc.clientID, err, tc.code)
		}
	}
}
