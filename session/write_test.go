package session

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/doctor"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

const sendMailBody = `{"message":{"subject":"hello","toRecipients":[{"emailAddress":{"address":"ben.okafor@` + demo.CompanyDomain + `"}}]}}`

func sendMail() graph.Request {
	return graph.Request{Method: "POST", Path: "/users/" + demo.MailboxOpen + "/sendMail", Body: []byte(sendMailBody)}
}

// Nothing leaves for a write the profile does not allow, nor for one
// graphtui refuses: not even a token request.
func TestSendRefusesBeforeAnyNetworkCall(t *testing.T) {
	d := startDemo(t, nil)
	off := d.profile(demo.ProfileMailBlocked)
	off.AllowWrites = false
	on := d.profile(demo.ProfileMailBlocked)
	for _, c := range []struct {
		name string
		p    profiles.Profile
		r    graph.Request
		want func(error) bool
	}{
		{"writes off", off, sendMail(), func(err error) bool { var wo *profiles.WritesOffError; return errors.As(err, &wo) }},
		{"batch", on, graph.Request{Method: "POST", Path: "/$batch", Body: []byte(`{"requests":[]}`)}, func(err error) bool { return errors.Is(err, graph.ErrBatch) }},
		{"bad JSON", on, graph.Request{Method: "POST", Path: "/users", Body: []byte("{\n  \"a\": 1,\n}")}, func(err error) bool {
			var be *graph.BodyError
			return errors.As(err, &be) && be.Line == 3 && be.Column == 1
		}},
		{"body on DELETE", on, graph.Request{Method: "DELETE", Path: "/users/x", Body: []byte(`{}`)}, func(err error) bool { return err != nil }},
		{"unknown method", on, graph.Request{Method: "TRACE", Path: "/users"}, func(err error) bool { return err != nil }},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := d.tenant.Stats()
			x := d.s.Send(context.Background(), c.p, c.r, SendOptions{})
			var se *SetupError
			if !errors.As(x.Err, &se) || !c.want(se.Err) {
				t.Fatalf("Err = %v, want a refusal", x.Err)
			}
			after := d.tenant.Stats()
			if after.GraphTotal() != before.GraphTotal() || after.TokenRequests[demo.ClientIDMailBlocked] != before.TokenRequests[demo.ClientIDMailBlocked] {
				t.Errorf("a refused request reached the tenant: %+v -> %+v", before, after)
			}
			if x.Response != nil || x.Token != nil {
				t.Errorf("refused, yet a response or a token: %+v", x)
			}
		})
	}
}

func TestSendWritesAndDiagnosesThemByMethod(t *testing.T) {
	d := startDemo(t, nil)
	ctx := context.Background()
	x := d.s.Send(ctx, d.profile(demo.ProfileMailBlocked), sendMail(), SendOptions{})
	if x.Response == nil || x.Response.Status != 202 {
		t.Fatalf("sendMail with Mail.Send: %+v %v", x.Response, x.Err)
	}
	x = d.s.Send(ctx, d.profile(demo.ProfileWrongRole), sendMail(), SendOptions{})
	if x.Response == nil || x.Response.Status != 403 || x.Diagnosis == nil {
		t.Fatalf("sendMail without Mail.Send: %+v %v", x.Response, x.Err)
	}
	if x.Diagnosis.Kind != doctor.KindMissingRole || !slices.Equal(x.Diagnosis.Missing, []string{"Mail.Send"}) {
		t.Errorf("diagnosis %s %v, want missing Mail.Send", x.Diagnosis.Kind, x.Diagnosis.Missing)
	}
	if x.Endpoint == nil || x.Endpoint.Method != "POST" {
		t.Errorf("endpoint %+v, want the reference's POST entry", x.Endpoint)
	}
	patch := graph.Request{Method: "PATCH", Path: "/users/diego.alvarez@" + demo.CompanyDomain, Body: []byte(`{"jobTitle":"Analyst"}`)}
	if x := d.s.Send(ctx, d.profile(demo.ProfileCert), patch, SendOptions{}); x.Response == nil || x.Response.Status/100 != 2 {
		t.Errorf("PATCH as contoso-cert: %+v %v", x.Response, x.Err)
	}
}

func TestFetchAllRefusesWrites(t *testing.T) {
	d := startDemo(t, nil)
	x := d.s.FetchAll(context.Background(), d.profile(demo.ProfileMailBlocked), sendMail(), 0, SendOptions{}, func(*graph.Response) error { return nil })
	var se *SetupError
	if !errors.As(x.Err, &se) || d.tenant.Stats().GraphTotal() != 0 {
		t.Errorf("FetchAll of a write: %v, %d Graph requests", x.Err, d.tenant.Stats().GraphTotal())
	}
}

// The matrix of a write: each profile's diagnosis is for the method, and a
// profile without allow_writes sends nothing.
func TestMatrixOfAWrite(t *testing.T) {
	d := startDemo(t, nil)
	off := d.profile(demo.ProfileReader)
	off.AllowWrites = false
	list := []profiles.Profile{d.profile(demo.ProfileMailBlocked), d.profile(demo.ProfileWrongRole), off}
	rows := d.s.Matrix(context.Background(), list, func(profiles.Profile) (graph.Request, error) { return sendMail(), nil }, SendOptions{})
	if rows[0].Status != 202 {
		t.Errorf("mail-blocked: %+v", rows[0])
	}
	if rows[1].Status != 403 || !slices.Equal(rows[1].Missing, []string{"Mail.Send"}) {
		t.Errorf("wrong-role: %+v, want 403 missing Mail.Send", rows[1])
	}
	if rows[2].Status != 0 || !strings.Contains(rows[2].Error, "allow_writes") {
		t.Errorf("a profile without allow_writes: %+v", rows[2])
	}
	if n := d.tenant.Stats().TokenRequests[demo.ClientIDReader].Total(); n != 0 {
		t.Errorf("the guarded profile asked for %d tokens", n)
	}
}
