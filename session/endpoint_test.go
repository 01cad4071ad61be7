package session

import (
	"context"
	"testing"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
)

// The CLI does not load the permission index for a request that worked.
func TestSendFailuresOnlySkipsTheReferenceOnSuccess(t *testing.T) {
	d := startDemo(t, nil)
	p := d.profile(demo.ProfileReader)
	req := graph.Request{Path: "/users"}
	if x := d.s.Send(context.Background(), p, req, SendOptions{FailuresOnly: true}); x.Response == nil || x.Endpoint != nil {
		t.Errorf("FailuresOnly success: response %v, endpoint %v; want no endpoint", x.Response != nil, x.Endpoint)
	}
	if x := d.s.Send(context.Background(), p, req, SendOptions{}); x.Endpoint == nil {
		t.Error("by default the endpoint's permissions are looked up")
	}
	denied := d.s.Send(context.Background(), d.profile(demo.ProfileWrongRole), req, SendOptions{FailuresOnly: true})
	if denied.Diagnosis == nil || denied.Endpoint == nil {
		t.Error("a failure is still diagnosed with the reference")
	}
}
