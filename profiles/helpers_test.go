package profiles

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// helperEnv makes the test binary act as a small command for cmd: references,
// so the tests need no shell and run the same everywhere.
const helperEnv = "PROFILES_TEST_HELPER"

func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "":
		os.Exit(m.Run())
	case "print":
		fmt.Println(os.Getenv("PROFILES_TEST_OUT"))
		os.Exit(0)
	case "args":
		for _, a := range os.Args[1:] {
			fmt.Printf("[%s]", a)
		}
		os.Exit(0)
	case "fail":
		fmt.Print("leaked-stdout-secret")
		fmt.Fprintln(os.Stderr, "vault is locked")
		os.Exit(3)
	case "silent":
		os.Exit(0)
	case "proxy-get":
		os.Exit(proxyGetHelper())
	case "hang":
		if addr := os.Getenv(startedEnv); addr != "" {
			net.Dial("tcp", addr) // tell the test it runs; stay connected
		}
		time.Sleep(time.Minute) // the hang under test, not a wait for anything
		os.Exit(0)
	}
	os.Exit(2)
}

// startedEnv is where the "hang" helper says it has started.
const startedEnv = "PROFILES_TEST_STARTED"

// helperStarted returns a channel that is closed once a helper in "hang"
// mode runs: it connects to a loopback listener the test opens.
func helperStarted(t *testing.T) <-chan struct{} {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	t.Setenv(startedEnv, ln.Addr().String())
	started := make(chan struct{})
	go func() {
		if c, err := ln.Accept(); err == nil {
			c.Close()
			close(started)
		}
	}()
	return started
}

// useHelper makes cmd: references to os.Args[0] behave as mode.
func useHelper(t *testing.T, mode string) string {
	t.Helper()
	t.Setenv(helperEnv, mode)
	return os.Args[0]
}

// copyTestdata copies testdata/name into a fresh directory, next to a
// generated certificate (cert.pem) that profiles may point at.
func copyTestdata(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	writeFile(t, path, string(data), 0o600)
	if testdataCert == "" {
		cert, key := newCert(t, "test", nil, nil)
		testdataCert = pemCert(cert) + pemPKCS1(key)
	}
	writeFile(t, filepath.Join(dir, "cert.pem"), testdataCert, 0o600)
	return path
}

// testdataCert is generated once: RSA key generation is slow.
var testdataCert string

func writeFile(t testing.TB, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// newCert makes a self-signed certificate (or one signed by parent) for a
// fresh RSA key, or for key when given.
func newCert(t testing.TB, cn string, key crypto.Signer, parent *x509.Certificate) (*x509.Certificate, crypto.Signer) {
	t.Helper()
	if key == nil {
		rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		key = rsaKey
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: cn},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  parent == nil,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
	}
	signer, issuer := key, tmpl
	if parent != nil {
		issuer = parent
		signer = caKeys[parent]
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, issuer, key.Public(), signer)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	caKeys[cert] = key
	return cert, key
}

// caKeys remembers each generated certificate's key so it can sign others.
var caKeys = map[*x509.Certificate]crypto.Signer{}

func newECKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func pemCert(c *x509.Certificate) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
}

func pemPKCS1(k crypto.Signer) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k.(*rsa.PrivateKey))}))
}

func pemPKCS8(t *testing.T, k crypto.Signer) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

func pemEC(t *testing.T, k *ecdsa.PrivateKey) string {
	t.Helper()
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
}

// fakeEnv is a LookupEnv over a map.
func fakeEnv(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}
