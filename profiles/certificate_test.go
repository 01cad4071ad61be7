package profiles

import (
	"context"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"software.sslmate.com/src/go-pkcs12"
)

func TestLoadCertificatePEM(t *testing.T) {
	dir := t.TempDir()
	ca, _ := newCert(t, "issuer", nil, nil)
	leaf, leafKey := newCert(t, "graphtui-app", nil, ca)
	self, selfKey := newCert(t, "self-signed", nil, nil)
	ecKey := newECKey(t)
	ecCert, _ := newCert(t, "ec", ecKey, nil)

	cases := []struct {
		name     string
		pem      string
		wantLeaf *x509.Certificate
		certs    int
	}{
		{"cert then PKCS#1 key", pemCert(self) + pemPKCS1(selfKey), self, 1},
		{"PKCS#8 key, chain out of order", pemPKCS8(t, leafKey) + pemCert(ca) + pemCert(leaf), leaf, 2},
		{"EC key", pemEC(t, ecKey) + pemCert(ecCert), ecCert, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".pem")
			writeFile(t, path, tc.pem, 0o600)
			certs, key, err := LoadCertificate(context.Background(), Profile{Name: "app", Certificate: path}, Secrets{})
			if err != nil {
				t.Fatal(err)
			}
			if len(certs) != tc.certs || !certs[0].Equal(tc.wantLeaf) {
				t.Errorf("got %d certs, first %q; want %d with %q first", len(certs), certs[0].Subject.CommonName, tc.certs, tc.wantLeaf.Subject.CommonName)
			}
			if key == nil {
				t.Error("no key")
			}
		})
	}
}

func TestLoadCertificatePEMProblems(t *testing.T) {
	dir := t.TempDir()
	cert, key := newCert(t, "app", nil, nil)
	_, otherKey := newCert(t, "other", nil, nil)
	cases := []struct {
		name, content, want string
	}{
		{"certificate without key", pemCert(cert), "holds no private key"},
		{"key without certificate", pemPKCS1(key), "no certificate"},
		{"key of another certificate", pemCert(cert) + pemPKCS1(otherKey), "does not belong to any certificate"},
		{"two keys", pemCert(cert) + pemPKCS1(key) + pemPKCS8(t, key), "more than one private key"},
		{"encrypted key", pemCert(cert) + "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n", "is encrypted"},
		{"damaged certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "cannot be parsed"},
		{"not a certificate at all", "-----BEGIN NOTHING-----\n-----END NOTHING-----\n", "no PEM certificate or key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".pem")
			writeFile(t, path, tc.content, 0o600)
			_, _, err := LoadCertificate(context.Background(), Profile{Name: "app", Certificate: path}, Secrets{})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("got %v; want an error naming the file and containing %q", err, tc.want)
			}
		})
	}

	_, _, err := LoadCertificate(context.Background(), Profile{Name: "app", Certificate: filepath.Join(dir, "missing.pem")}, Secrets{})
	if err == nil || !strings.Contains(err.Error(), "cannot read certificate file") || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestLoadCertificatePKCS12(t *testing.T) {
	dir := t.TempDir()
	ca, _ := newCert(t, "issuer", nil, nil)
	leaf, key := newCert(t, "pfx-app", nil, ca)
	pfx, err := pkcs12.Modern.Encode(key, leaf, []*x509.Certificate{ca}, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "app.pfx")
	if err := os.WriteFile(path, pfx, 0o600); err != nil {
		t.Fatal(err)
	}
	env := Secrets{LookupEnv: fakeEnv(map[string]string{"PFX_PASSWORD": "correct horse", "WRONG": "battery staple"})}
	p := Profile{Name: "app", Certificate: path, CertificatePassword: "env:PFX_PASSWORD"}

	certs, gotKey, err := LoadCertificate(context.Background(), p, env)
	if err != nil {
		t.Fatal(err)
	}
	if len(certs) != 2 || !certs[0].Equal(leaf) || !certs[1].Equal(ca) || gotKey == nil {
		t.Errorf("got %d certs (first %q), key %T", len(certs), certs[0].Subject.CommonName, gotKey)
	}

	cases := []struct {
		name     string
		password string
		want     string
	}{
		{"wrong password", "env:WRONG", "wrong password for " + path},
		{"no password reference", "", "is protected by a password; set certificate_password"},
		{"password reference unset", "env:NOT_SET", "NOT_SET (from env:NOT_SET) is not set"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p.CertificatePassword = tc.password
			_, _, err := LoadCertificate(context.Background(), p, env)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "battery") || strings.Contains(err.Error(), "horse") {
				t.Errorf("the error repeats a password: %v", err)
			}
		})
	}

	garbage := filepath.Join(dir, "garbage.pfx")
	if err := os.WriteFile(garbage, []byte{0x30, 0x03, 0x02, 0x01, 0x00}, 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err = LoadCertificate(context.Background(), Profile{Name: "app", Certificate: garbage}, Secrets{})
	if err == nil || !strings.Contains(err.Error(), "neither a PEM file nor a readable PKCS#12") {
		t.Errorf("garbage: %v", err)
	}
}
