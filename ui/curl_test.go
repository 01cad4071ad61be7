package ui

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/demo"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// The ui wrapper hands the exchange's URL and headers to graph.CurlCommand.
func TestCurlCommandOfAnExchange(t *testing.T) {
	x := &Exchange{
		Request:  graph.Request{Path: "/users", Header: http.Header{"Consistencylevel": {"eventual"}}},
		Response: &graph.Response{URL: "https://graph.microsoft.com/v1.0/users?$count=true"},
	}
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
	tenant, err := demo.Start(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tenant.Close()
	path, err := tenant.WriteConfig(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := profiles.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := cfg.Get(demo.ProfileReader)
	if !ok {
		t.Fatalf("demo config has no %s profile", demo.ProfileReader)
	}
	ctx := context.Background()
	tok, err := auth.NewManager(auth.Options{}).Token(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	hc, err := profiles.HTTPClient(p)
	if err != nil {
		t.Fatal(err)
	}
	c := &graph.Client{HTTP: hc, Base: p.GraphBase(), Token: func(context.Context) (string, error) { return tok.Raw(), nil }}
	req := graph.Request{Path: "/users", Query: []graph.QueryParam{{Key: "$top", Value: "3"}}, Header: http.Header{"ConsistencyLevel": {"eventual"}}}
	resp, err := c.Get(ctx, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := &Exchange{Seq: 1, Profile: p.Name, Request: req, Response: resp, Token: tok, Page: 1}
	x.Lines = vwHighlight(t, resp.Body)

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
		v.Update(vwKey(k))
		for _, part := range []string{raw, raw[:20], raw[len(raw)-20:]} {
			if strings.Contains(v.View(), part) {
				t.Fatalf("the %q tab shows (part of) the token", k)
			}
		}
	}
}
