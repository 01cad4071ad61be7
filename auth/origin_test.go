package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphtui/graphtui/internal/fakeidp"
	"github.com/graphtui/graphtui/profiles"
)

// recorder is a server on another origin that must never hear from
// graphtui: it counts requests and keeps what was posted.
type recorder struct {
	*httptest.Server
	mu     sync.Mutex
	hits   int
	bodies []string
}

func startRecorder(t *testing.T) *recorder {
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.hits++
		r.bodies = append(r.bodies, string(body))
		r.mu.Unlock()
		fakeidp.GoodToken(w, req)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) assertUntouched(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.hits != 0 {
		// Say whether a credential went along, without printing it.
		creds := 0
		for _, b := range r.bodies {
			if strings.Contains(b, "client_secret=") || strings.Contains(b, "client_assertion=") {
				creds++
			}
		}
		t.Errorf("the other origin received %d request(s), %d with a credential", r.hits, creds)
	}
}

// A discovery document naming a token endpoint on another origin (plain
// http, another port) must not get the secret.
func TestTokenEndpointOnAnotherOriginIsRefused(t *testing.T) {
	other := startRecorder(t)
	idp := fakeidp.Start(t, nil)
	idp.SetTokenEndpoint(other.URL + "/" + fakeidp.TenantID + "/oauth2/v2.0/token")
	tok, err := faultManager().Token(context.Background(), idp.Profile("elsewhere", "https://graph.invalid"))
	other.assertUntouched(t)
	var te *TokenError
	if !errors.As(err, &te) {
		t.Fatalf("got token %v, err %v; want a TokenError", tok, err)
	}
	for _, want := range []string{idp.URL, other.URL, "not sent"} {
		if !strings.Contains(te.Cause, want) {
			t.Errorf("cause %q does not say %q", te.Cause, want)
		}
	}
	if te.NextStep == "" || strings.Contains(everyText(te), fakeidp.Secret) {
		t.Errorf("no next step, or the secret shows:\n%s", everyText(te))
	}
}

// A token endpoint answering 307 or 308 would make Go's client re-POST the
// credential to wherever the Location points; no redirect of a token
// request is followed, to another origin or the same one.
func TestTokenEndpointRedirectIsNotFollowed(t *testing.T) {
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		for _, cred := range []string{profiles.CredentialSecret, profiles.CredentialCertificate} {
			t.Run(http.StatusText(status)+"/"+cred, func(t *testing.T) {
				other := startRecorder(t)
				idp := fakeidp.Start(t, func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, other.URL+"/steal", status)
				})
				p := idp.Profile("redirected", "https://graph.invalid")
				if cred == profiles.CredentialCertificate {
					p.ClientSecret, p.Certificate = "", writeCertificate(t, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
				}
				_, err := faultManager().Token(context.Background(), p)
				other.assertUntouched(t)
				var te *TokenError
				if !errors.As(err, &te) {
					t.Fatalf("got %v, want a TokenError", err)
				}
				want := "the token endpoint redirected to " + other.URL + "/steal; not followed"
				if te.Cause != want {
					t.Errorf("cause %q, want %q", te.Cause, want)
				}
				if n := idp.TokenCalls(); n != 1 {
					t.Errorf("the token endpoint was called %d times, want 1", n)
				}
			})
		}
	}

	t.Run("same origin", func(t *testing.T) {
		idp := fakeidp.Start(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect)
		})
		_, err := faultManager().Token(context.Background(), idp.Profile("loop", "https://graph.invalid"))
		var te *TokenError
		if !errors.As(err, &te) || !strings.Contains(te.Cause, "the token endpoint redirected to "+idp.URL) {
			t.Fatalf("got %v", err)
		}
		if n := idp.TokenCalls(); n != 1 {
			t.Errorf("the credential was posted %d times, want once", n)
		}
	})
}

// The discovery request (a GET) may be redirected on the authority's
// origin, not off it; the refusal comes before the request is sent.
func TestIdentityClientRedirectsOfGets(t *testing.T) {
	other := startRecorder(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/here", http.StatusFound) })
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, other.URL+"/x", http.StatusFound) })
	mux.HandleFunc("/here", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "here") })
	authority := httptest.NewServer(mux)
	defer authority.Close()

	hc, err := identityClient(&http.Client{}, strings.Replace(authority.URL, "127.0.0.1", "127.0.0.1.", 1))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := hc.Get(authority.URL + "/moved")
	if err != nil {
		t.Fatalf("a same-origin redirect of a GET was refused: %v", err)
	}
	resp.Body.Close()
	var redir *redirectError
	if _, err := hc.Get(authority.URL + "/away"); !errors.As(err, &redir) {
		t.Errorf("a redirect off the origin gave %v", err)
	}
	var off *offOriginError
	if _, err := hc.Post(other.URL+"/token", "text/plain", strings.NewReader("client_secret=x")); !errors.As(err, &off) {
		t.Errorf("a POST off the origin gave %v", err)
	}
	other.assertUntouched(t)

	for _, bad := range []string{"http://login.example.com", "ftp://127.0.0.1"} {
		if _, err := identityClient(&http.Client{}, bad); err == nil {
			t.Errorf("authority %s accepted", bad)
		}
	}
}

// testKey is made once: RSA key generation is slow, and MSAL signs
// assertions only with RSA keys.
var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// writeCertificate writes a PEM file with a self-signed certificate valid
// from notBefore to notAfter and its key, and returns its path.
func writeCertificate(t *testing.T, notBefore, notAfter time.Time) string {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "graphtui test"},
		NotBefore:    notBefore,
		NotAfter:     notAfter,
	}
	key := testKey()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	data := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	data = append(data, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})...)
	path := filepath.Join(t.TempDir(), "cert.pem")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
