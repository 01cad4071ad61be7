package demo

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// TestDoctorOnErrorRoutes sends a valid token to each error route over
// HTTP and hands what came back to the doctor, as graphtui does: the kind
// must follow Graph's words, not the token, which looks right.
func TestDoctorOnErrorRoutes(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	claims, err := auth.DecodeClaims(token)
	if err != nil {
		t.Fatal(err)
	}
	p := profiles.Profile{Name: ProfileReader, Tenant: tn.TenantID(), ClientID: tn.ClientID(ProfileReader),
		AuthorityHost: tn.LoginURL(), GraphHost: tn.GraphURL()}
	want := map[string]doctor.Kind{
		ErrorsPath + "expiredToken":     doctor.KindExpiredToken,
		ErrorsPath + "invalidAudience":  doctor.KindWrongAudience,
		ErrorsPath + "invalidSignature": doctor.KindInvalidToken,
		ErrorsPath + "noLicense":        doctor.KindNoLicense,
		"/me/messages":                  doctor.KindMeWithAppToken,
	}
	if len(want) != len(ErrorRoutes())+1 {
		t.Fatalf("error routes %v: each needs a case here", ErrorRoutes())
	}
	for path, kind := range want {
		t.Run(path, func(t *testing.T) {
			u := tn.GraphURL() + "/v1.0" + path
			req, err := http.NewRequest(http.MethodGet, u, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := tn.HTTPClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			ge := graph.ParseError(resp.StatusCode, resp.Header.Get("Content-Type"), body)
			d := doctor.Diagnose(doctor.Input{Profile: p, URL: u, Status: resp.StatusCode, GraphError: ge, Claims: &claims, Now: time.Now()})
			if d == nil || d.Kind != kind {
				t.Fatalf("HTTP %d %q: diagnosis %+v, want %s", resp.StatusCode, ge.Message, d, kind)
			}
		})
	}
}
