package graph

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestGetSendsTokenUserAgentAndRequestID(t *testing.T) {
	srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "11111111-2222-3333-4444-555555555555")
		w.Header().Set("client-request-id", r.Header.Get("client-request-id"))
		w.Header().Set("x-ms-ags-diagnostic", `{"ServerInfo":{"DataCenter":"West Europe"}}`)
		fmt.Fprint(w, `{"value":[{"id":"1"},{"id":"2"}]}`)
	})
	c := newClient(srv, nil)
	hdr := http.Header{}
	hdr.Set("ConsistencyLevel", "eventual")
	hdr.Set("Authorization", "Bearer caller-supplied")
	resp, err := c.Get(context.Background(), Request{Path: "/users", Header: hdr}, nil)
	if err != nil {
		t.Fatal(err)
	}
	req := got.all()[0]
	if a := req.Header.Get("Authorization"); a != "Bearer "+testToken {
		t.Errorf("Authorization = %q, want the client's token (a caller header must not replace it)", a)
	}
	if ua := req.Header.Get("User-Agent"); ua != "graphtui/test" {
		t.Errorf("User-Agent = %q", ua)
	}
	if id := req.Header.Get("client-request-id"); !uuidV4.MatchString(id) {
		t.Errorf("client-request-id %q is not a v4 UUID", id)
	}
	if req.Header.Get("ConsistencyLevel") != "eventual" {
		t.Error("extra header not sent")
	}
	if req.URL.Path != "/v1.0/users" {
		t.Errorf("path = %s", req.URL.Path)
	}
	if resp.Status != 200 || resp.Error != nil || !resp.OK() {
		t.Errorf("status %d, error %v", resp.Status, resp.Error)
	}
	if resp.RequestID != "11111111-2222-3333-4444-555555555555" || resp.ClientRequestID != req.Header.Get("client-request-id") {
		t.Errorf("ids: %q %q", resp.RequestID, resp.ClientRequestID)
	}
	if resp.Date == "" || !strings.Contains(resp.Diagnostic, "West Europe") || resp.Proto == "" {
		t.Errorf("Date %q, Diagnostic %q, Proto %q", resp.Date, resp.Diagnostic, resp.Proto)
	}
	if resp.Page != 1 || resp.Duration <= 0 {
		t.Errorf("page %d duration %s", resp.Page, resp.Duration)
	}
}

func TestTokenOnlyToGraphHost(t *testing.T) {
	graph, _ := server(t, func(w http.ResponseWriter, r *http.Request) {})
	other, otherSeen := server(t, func(w http.ResponseWriter, r *http.Request) {})
	c := newClient(graph, nil)
	_, err := c.Get(context.Background(), Request{Path: other.URL + "/v1.0/users"}, nil)
	var fe *ForeignHostError
	if !errors.As(err, &fe) || fe.What != "URL" {
		t.Fatalf("got %v, want a ForeignHostError for the URL", err)
	}
	if n := len(otherSeen.all()); n != 0 {
		t.Errorf("the other host received %d requests", n)
	}
}

func TestRedirectToOtherHostDropsToken(t *testing.T) {
	download, downloadSeen := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "file content")
	})
	graph, graphSeen := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1.0/me/drive/items/1/content":
			// Both servers are 127.0.0.1: net/http alone would keep the
			// header across ports, so this checks graph's own rule.
			http.Redirect(w, r, download.URL+"/file?sig=abc", http.StatusFound)
		case "/v1.0/old":
			http.Redirect(w, r, "/v1.0/new", http.StatusMovedPermanently)
		default:
			fmt.Fprint(w, `{}`)
		}
	})
	c := newClient(graph, nil)
	var log eventLog

	resp, err := c.Get(context.Background(), Request{Path: "/me/drive/items/1/content"}, log.add)
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "file content" {
		t.Errorf("body %q", resp.Body)
	}
	if a := downloadSeen.all()[0].Header.Get("Authorization"); a != "" {
		t.Errorf("token sent to the redirect target: %q", a)
	}
	host := strings.TrimPrefix(download.URL, "https://")
	if want := "redirected to " + host + "; the token was not sent"; len(resp.Notices) != 1 || resp.Notices[0] != want {
		t.Errorf("notices %q, want [%q]", resp.Notices, want)
	}
	if r := log.kinds(EventRedirect); len(r) != 1 || r[0].TokenSent || r[0].Host != host || strings.Contains(r[0].URL, "sig=abc") {
		t.Errorf("redirect events %+v (the download link's query must not be shown)", r)
	}

	// A redirect within the Graph host keeps the token and needs no notice.
	resp, err = c.Get(context.Background(), Request{Path: "/old"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	reqs := graphSeen.all()
	if last := reqs[len(reqs)-1]; last.URL.Path != "/v1.0/new" || last.Header.Get("Authorization") != "Bearer "+testToken {
		t.Errorf("same-host redirect: path %s, auth %q", last.URL.Path, last.Header.Get("Authorization"))
	}
	if len(resp.Notices) != 0 {
		t.Errorf("notices %q", resp.Notices)
	}
	log.assertNoToken(t)
}

func TestRedirectCap(t *testing.T) {
	srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/v1.0/again", http.StatusFound)
	})
	resp, err := newClient(srv, nil).Get(context.Background(), Request{Path: "/again"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusFound {
		t.Errorf("status %d, want the last 302", resp.Status)
	}
	if n := len(got.all()); n != 6 {
		t.Errorf("%d requests, want 1 + 5 redirects", n)
	}
	if len(resp.Notices) != 1 || !strings.Contains(resp.Notices[0], "stopped after 5 redirects") {
		t.Errorf("notices %q", resp.Notices)
	}
}

func TestBodyCap(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("x"), 5000))
	})
	c := newClient(srv, nil)
	c.MaxBody = 1000
	resp, err := c.Get(context.Background(), Request{Path: "/big"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !resp.Truncated || len(resp.Body) != 1000 {
		t.Errorf("truncated %v, %d bytes", resp.Truncated, len(resp.Body))
	}
	if len(resp.Notices) != 1 || !strings.Contains(resp.Notices[0], "1000 bytes") {
		t.Errorf("notices %q", resp.Notices)
	}

	c.MaxBody = 5000
	resp, err = c.Get(context.Background(), Request{Path: "/big"}, nil)
	if err != nil || resp.Truncated || len(resp.Body) != 5000 {
		t.Errorf("exactly at the cap: err %v truncated %v len %d", err, resp.Truncated, len(resp.Body))
	}
}

func TestUnaskedGzipIsDecodedAndCapped(t *testing.T) {
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	page := gz([]byte(`{"value":[],"@odata.nextLink":"https://example.invalid/next"}`))
	bomb := gz(make([]byte, 10<<20))
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1.0/bomb":
			w.Write(bomb)
		case "/v1.0/liar":
			w.Write([]byte(`{"plain":true}`))
		case "/v1.0/empty":
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Write(page)
		}
	})
	c := newClient(srv, nil)
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.DisableCompression = true // so the server's gzip arrives undecoded, as from a server that sends it unasked
	c.HTTP = &http.Client{Transport: tr}
	c.MaxBody = 1 << 20

	resp, err := c.Get(context.Background(), Request{Path: "/page"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.NextLink != "https://example.invalid/next" {
		t.Errorf("body not decoded: %q", resp.Body)
	}
	resp, err = c.Get(context.Background(), Request{Path: "/bomb"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !resp.Truncated || len(resp.Body) != 1<<20 {
		t.Errorf("10 MiB of decoded zeros: truncated %v, %d bytes", resp.Truncated, len(resp.Body))
	}
	resp, err = c.Get(context.Background(), Request{Path: "/liar"}, nil)
	if err != nil || string(resp.Body) != `{"plain":true}` || len(resp.Notices) != 1 || !strings.Contains(resp.Notices[0], "marked gzip") {
		t.Errorf("body wrongly marked gzip: err %v, body %q, notices %q", err, resp.Body, resp.Notices)
	}
	resp, err = c.Get(context.Background(), Request{Path: "/empty"}, nil)
	if err != nil || resp.Status != http.StatusNoContent || len(resp.Body) != 0 || len(resp.Notices) != 0 {
		t.Errorf("empty gzip-marked 204: err %v, %+v", err, resp)
	}
}

func TestNon2xxIsParsedNotAnError(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "header-request-id")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}`)
	})
	resp, err := newClient(srv, nil).Get(context.Background(), Request{Path: "/users"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := resp.Error
	if e == nil || e.Code != "Authorization_RequestDenied" || e.Status != 403 {
		t.Fatalf("error %+v", e)
	}
	if e.RequestID != "header-request-id" || e.ClientRequestID != resp.ClientRequestID || e.Date != resp.Date {
		t.Errorf("ids not filled from headers: %+v", e)
	}
}

func TestFailuresNeverShowTheToken(t *testing.T) {
	block := make(chan struct{})
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	defer close(block)
	c := newClient(srv, nil)
	c.Timeout = 50 * time.Millisecond
	var log eventLog
	_, err := c.Get(context.Background(), Request{Path: "/slow"}, log.add)
	if err == nil || !strings.Contains(err.Error(), "per-request timeout") {
		t.Fatalf("got %v, want a timeout error", err)
	}
	assertNoToken(t, "timeout error", err.Error())

	closed, _ := server(t, func(w http.ResponseWriter, r *http.Request) {})
	c = newClient(closed, nil)
	closed.Close()
	_, err = c.Get(context.Background(), Request{Path: "/users"}, log.add)
	if err == nil {
		t.Fatal("request to a closed server succeeded")
	}
	assertNoToken(t, "connection error", err.Error())
	log.assertNoToken(t)
}

func TestTokenErrorIsReported(t *testing.T) {
	srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {})
	c := newClient(srv, nil)
	c.Token = func(context.Context) (string, error) { return "", errors.New("AADSTS7000215: invalid client secret") }
	_, err := c.Get(context.Background(), Request{Path: "/users"}, nil)
	if err == nil || !strings.Contains(err.Error(), "getting a token") || !strings.Contains(err.Error(), "AADSTS7000215") {
		t.Errorf("got %v", err)
	}
	if len(got.all()) != 0 {
		t.Error("request sent without a token")
	}
}

func TestRequestIDsAreUUIDv4AndFresh(t *testing.T) {
	ids := map[string]bool{}
	for range 1000 {
		id := newRequestID()
		if !uuidV4.MatchString(id) || ids[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		ids[id] = true
	}
}
