package profiles

import (
	"bytes"
	"context"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"time"

	"github.com/graphtui/graphtui/internal/fileio"
	"software.sslmate.com/src/go-pkcs12"
)

// LoadCertificate reads a profile's certificate credential: a PEM file with
// the certificate(s) and the private key, or a PKCS#12 (.pfx/.p12) file whose
// password comes from the certificate_password reference. The certificate
// matching the key comes first, as the token request signs with it.
func LoadCertificate(ctx context.Context, p Profile, s Secrets) ([]*x509.Certificate, crypto.PrivateKey, error) {
	if p.Certificate == "" {
		return nil, nil, fmt.Errorf("profile %q has no certificate; set certificate = \"path/to/cert.pem\"", p.Name)
	}
	path, err := expandHome(p.Certificate)
	if err != nil {
		return nil, nil, err
	}
	data, err := fileio.ReadRegular(path, maxCertFile)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read certificate file %s: %v; fix the certificate path of profile %q", path, err, p.Name)
	}
	if bytes.Contains(data, []byte("-----BEGIN")) {
		return loadPEM(path, data)
	}
	password := ""
	if p.CertificatePassword != "" {
		if password, err = s.Resolve(ctx, p.CertificatePassword); err != nil {
			return nil, nil, fmt.Errorf("certificate password of profile %q: %w", p.Name, err)
		}
	}
	return loadPKCS12(path, data, password, p.CertificatePassword != "")
}

func loadPEM(path string, data []byte) ([]*x509.Certificate, crypto.PrivateKey, error) {
	var (
		certs []*x509.Certificate
		key   crypto.PrivateKey
	)
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		var (
			k   crypto.PrivateKey
			err error
		)
		switch block.Type {
		case "CERTIFICATE":
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, nil, fmt.Errorf("certificate %d in %s cannot be parsed: %v", len(certs)+1, path, err)
			}
			certs = append(certs, c)
			continue
		case "ENCRYPTED PRIVATE KEY":
			return nil, nil, fmt.Errorf("the private key in %s is encrypted, which graphtui does not read from PEM; "+
				"convert it to PKCS#12 (openssl pkcs12 -export) and reference the password with certificate_password", path)
		case "RSA PRIVATE KEY", "EC PRIVATE KEY":
			if _, encrypted := block.Headers["DEK-Info"]; encrypted {
				return nil, nil, fmt.Errorf("the private key in %s is encrypted, which graphtui does not read from PEM; "+
					"convert it to PKCS#12 (openssl pkcs12 -export) and reference the password with certificate_password", path)
			}
			if block.Type == "RSA PRIVATE KEY" {
				k, err = x509.ParsePKCS1PrivateKey(block.Bytes)
			} else {
				k, err = x509.ParseECPrivateKey(block.Bytes)
			}
		case "PRIVATE KEY":
			k, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		default:
			continue // e.g. EC PARAMETERS: nothing graphtui needs
		}
		if err != nil {
			return nil, nil, fmt.Errorf("the private key in %s cannot be parsed (%s block): %v", path, block.Type, err)
		}
		if key != nil {
			return nil, nil, fmt.Errorf("%s holds more than one private key; keep only the one that belongs to the certificate", path)
		}
		key = k
	}
	switch {
	case len(certs) == 0 && key == nil:
		return nil, nil, fmt.Errorf("%s holds no PEM certificate or key; graphtui needs the certificate and its private key in one PEM file, or a PKCS#12 (.pfx) file", path)
	case len(certs) == 0:
		return nil, nil, fmt.Errorf("%s holds a private key but no certificate; add the certificate (-----BEGIN CERTIFICATE-----) to the same file", path)
	case key == nil:
		return nil, nil, fmt.Errorf("%s holds no private key; put the certificate and its key in one file (e.g. cat cert.pem key.pem > both.pem) or use a PKCS#12 (.pfx) file", path)
	}
	certs, err := leafFirst(path, certs, key)
	return certs, key, err
}

func loadPKCS12(path string, data []byte, password string, hasPasswordRef bool) ([]*x509.Certificate, crypto.PrivateKey, error) {
	key, leaf, chain, err := pkcs12.DecodeChain(data, password)
	switch {
	case errors.Is(err, pkcs12.ErrIncorrectPassword) && !hasPasswordRef:
		return nil, nil, fmt.Errorf("%s is protected by a password; set certificate_password to a reference such as \"env:CERT_PASSWORD\"", path)
	case errors.Is(err, pkcs12.ErrIncorrectPassword):
		return nil, nil, fmt.Errorf("wrong password for %s; check the secret that certificate_password references", path)
	case err != nil:
		return nil, nil, fmt.Errorf("%s is neither a PEM file nor a readable PKCS#12 (.pfx/.p12) file (%v); export the certificate with its private key", path, err)
	}
	certs, err := leafFirst(path, append([]*x509.Certificate{leaf}, chain...), key)
	return certs, key, err
}

// leafFirst moves the certificate that belongs to key to the front, and
// fails when none does: signing with a mismatched pair only surfaces later
// as an opaque AADSTS700027.
func leafFirst(path string, certs []*x509.Certificate, key crypto.PrivateKey) ([]*x509.Certificate, error) {
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("the private key in %s is of an unsupported type %T", path, key)
	}
	pub, ok := signer.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok {
		return nil, fmt.Errorf("the private key in %s is of an unsupported type %T", path, key)
	}
	for i, c := range certs {
		if pub.Equal(c.PublicKey) {
			out := append([]*x509.Certificate{c}, certs[:i]...)
			return append(out, certs[i+1:]...), nil
		}
	}
	return nil, fmt.Errorf("the private key in %s does not belong to any certificate in it; put the matching certificate and key together", path)
}

// CheckValidity says whether the signing certificate (the first one that
// LoadCertificate returns) is in force at now. The identity platform
// answers an assertion from an expired certificate with "a key the app
// does not know", which points the wrong way; the dates are known here.
func CheckValidity(p Profile, leaf *x509.Certificate, now time.Time) error {
	const layout = "2006-01-02 15:04:05 UTC"
	switch {
	case now.After(leaf.NotAfter):
		return fmt.Errorf("the certificate in %s expired on %s; create a new certificate, upload its public part to the app registration (Certificates & secrets) and point certificate of profile %q at it",
			p.Certificate, leaf.NotAfter.UTC().Format(layout), p.Name)
	case now.Before(leaf.NotBefore):
		return fmt.Errorf("the certificate in %s is not valid until %s; check this machine's clock, or point certificate of profile %q at a certificate in force now",
			p.Certificate, leaf.NotBefore.UTC().Format(layout), p.Name)
	}
	return nil
}
