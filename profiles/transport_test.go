package profiles

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHTTPClientTrustsOnlyWhatItIsGiven(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()

	plain, err := HTTPClient(Profile{Name: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.Get(srv.URL); err == nil {
		t.Fatal("a self-signed server was trusted without ca_file")
	}

	ca := filepath.Join(t.TempDir(), "ca.pem")
	block := &pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}
	if err := os.WriteFile(ca, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	trusted, err := HTTPClient(Profile{Name: "p", CAFile: ca})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := trusted.Get(srv.URL)
	if err != nil {
		t.Fatalf("ca_file not trusted: %v", err)
	}
	resp.Body.Close()

	os.WriteFile(ca, []byte("not a certificate"), 0o600)
	if _, err := HTTPClient(Profile{Name: "p", CAFile: ca}); err == nil {
		t.Error("a ca_file without certificates must be an error")
	}
}

// writeCA writes certificates as a PEM ca_file and returns its path.
func writeCA(t *testing.T, certs ...[]byte) string {
	t.Helper()
	var data []byte
	for _, der := range certs {
		data = append(data, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// countSystemChecks counts the fall-backs to the system roots for one test.
func countSystemChecks(t *testing.T) *int {
	n := new(int)
	orig := verifySystem
	verifySystem = func(leaf *x509.Certificate, opts x509.VerifyOptions) error {
		*n++
		return orig(leaf, opts)
	}
	t.Cleanup(func() { verifySystem = orig })
	return n
}

// A server the ca_file vouches for is trusted without reading the system's
// roots, which costs tens of milliseconds per run; its host name is still
// checked, and a server the ca_file does not vouch for is checked against
// the system's roots and refused.
func TestCAFileIsTriedBeforeTheSystemRoots(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	systemChecks := countSystemChecks(t)

	client, err := HTTPClient(Profile{Name: "p", CAFile: writeCA(t, srv.Certificate().Raw)})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		resp, err := client.Get(srv.URL)
		if err != nil {
			t.Fatalf("ca_file not trusted: %v", err)
		}
		resp.Body.Close()
		client.CloseIdleConnections() // a new handshake each time
	}
	if *systemChecks != 0 {
		t.Errorf("the system roots were read %d times for a server the ca_file vouches for", *systemChecks)
	}

	// httptest's certificate names 127.0.0.1 and example.com, not localhost.
	_, err = client.Get(strings.Replace(srv.URL, "127.0.0.1", "localhost", 1))
	var badHost x509.HostnameError
	if !errors.As(err, &badHost) {
		t.Errorf("a certificate for another name was accepted, or the wrong error: %v", err)
	}
	if *systemChecks != 0 {
		t.Errorf("a wrong host name was tried against the system roots too (%d times); it is wrong against any roots", *systemChecks)
	}

	other, _ := newCert(t, "some other CA", nil, nil)
	client, err = HTTPClient(Profile{Name: "p", CAFile: writeCA(t, other.Raw)})
	if err != nil {
		t.Fatal(err)
	}
	*systemChecks = 0
	_, err = client.Get(srv.URL)
	var unknownCA x509.UnknownAuthorityError
	if !errors.As(err, &unknownCA) || !strings.Contains(err.Error(), "tls: failed to verify certificate") {
		t.Errorf("a server neither the ca_file nor the system trusts: %v", err)
	}
	if *systemChecks != 1 {
		t.Errorf("the system roots were consulted %d times, want 1", *systemChecks)
	}
}
