package ui

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/demotest"
	"github.com/graphtui/graphtui/session"
)

// The ui wrapper hands the exchange's URL and headers to graph.CurlCommand.
func TestCurlCommandOfAnExchange(t *testing.T) {
	x := &Exchange{Exchange: session.Exchange{
		Request:  graph.Request{Path: "/users", Header: http.Header{"Consistencylevel": {"eventual"}}},
		Response: &graph.Response{URL: "https://graph.microsoft.com/v1.0/users?$count=true"},
	}}
	want := `curl -H "Authorization: Bearer $TOKEN" -H 'ConsistencyLevel: eventual' 'https://graph.microsoft.com/v1.0/users?$count=true'`
	if got := curlCommand(x); got != want {
		t.Fatalf("curlCommand =\n%s\nwant\n%s", got, want)
	}
}

func TestCurlCommandNeedsASentRequest(t *testing.T) {
	if got := curlCommand(vwWrongSecret()); got != "" {
		t.Fatalf("curlCommand of a request never sent = %q, want empty", got)
	}
	if got := curlCommand(nil); got != "" {
		t.Fatalf("curlCommand(nil) = %q", got)
	}
}

// With a real token from the demo tenant attached to the exchange, neither
// the curl command nor any tab shows it.
func TestViewerNeverShowsTheToken(t *testing.T) {
	_, path := demotest.Start(t, demo.Options{})
	s := testSession(t, session.Options{Config: path})
	p := pickProfile(t, s, demo.ProfileReader)
	req := graph.Request{Path: "/users", Query: []graph.QueryParam{{Key: "$top", Value: "3"}}, Header: http.Header{"ConsistencyLevel": {"eventual"}}}
	sx := s.Send(context.Background(), p, req, session.SendOptions{})
	if sx.Response == nil || sx.Token == nil {
		t.Fatalf("no response or no token: %v %v", sx.Err, sx.TokenErr)
	}
	x := &Exchange{Seq: 1, Exchange: *sx}
	x.Lines = vwHighlight(t, x.Response.Body)
	tok := x.Token

	raw := tok.Raw()
	if len(raw) < 20 {
		t.Fatalf("the demo token is suspiciously short: %d bytes", len(raw))
	}
	curl := curlCommand(x)
	if strings.Contains(curl, raw) || !strings.Contains(curl, "$TOKEN") {
		t.Fatalf("curl command leaks the token or lacks $TOKEN: %s", curl)
	}
	v := vwViewer(118, 32)
	vwShow(v, x)
	for _, k := range []string{"b", "h", "t", "r"} {
		v.Update(keyPress(k))
		for _, part := range []string{raw, raw[:20], raw[len(raw)-20:]} {
			if strings.Contains(v.View(), part) {
				t.Fatalf("the %q tab shows (part of) the token", k)
			}
		}
	}
}
