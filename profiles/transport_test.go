package profiles

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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
