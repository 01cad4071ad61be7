package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/graphtui/graphtui/internal/fakeidp"
	"github.com/graphtui/graphtui/profiles"
)

// An expired or not yet valid certificate is reported from its dates,
// before anything is sent: the identity platform would only say it does not
// know the key.
func TestCertificateOutsideItsValidity(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name             string
		notBefore, after time.Time
		want             string
	}{
		{"expired", now.Add(-48 * time.Hour), now.Add(-24 * time.Hour), "expired on " + now.Add(-24*time.Hour).UTC().Format("2006-01-02 15:04:05 UTC")},
		{"not yet valid", now.Add(24 * time.Hour), now.Add(48 * time.Hour), "is not valid until " + now.Add(24*time.Hour).UTC().Format("2006-01-02 15:04:05 UTC")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			idp := fakeidp.Start(t, nil)
			var requests atomic.Int32
			m := NewManager(Options{HTTPClient: func(p profiles.Profile) (*http.Client, error) {
				hc, err := profiles.HTTPClient(p)
				if err != nil {
					return nil, err
				}
				hc.Transport = countingTransport{next: hc.Transport, n: &requests}
				return hc, nil
			}})
			p := idp.Profile("cert", "https://graph.invalid")
			p.ClientSecret, p.Certificate = "", writeCertificate(t, tc.notBefore, tc.after)
			_, err := m.Token(context.Background(), p)
			var ce *CredentialError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want a credential error saying %q", err, tc.want)
			}
			if n := requests.Load(); n != 0 {
				t.Errorf("%d request(s) reached the identity platform", n)
			}
		})
	}
}

type countingTransport struct {
	next http.RoundTripper
	n    *atomic.Int32
}

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(r)
}
