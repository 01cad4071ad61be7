package graph

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Do sends the method and body, sets a JSON content type unless given,
// and a GET through Do is a GET.
func TestDoSendsMethodAndBody(t *testing.T) {
	var bodies []string
	srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		w.WriteHeader(http.StatusAccepted)
	})
	c := newClient(srv, &sleepLog{})
	body := []byte(`{"message":{"subject":"hi"}}`)
	resp, err := c.Do(context.Background(), Request{Method: "post", Path: "/users/u1/sendMail", Body: body}, nil)
	if err != nil || resp.Status != http.StatusAccepted {
		t.Fatalf("%v %+v", err, resp)
	}
	if _, err := c.Do(context.Background(), Request{Method: "PATCH", Path: "/users/u1", Body: []byte(`{}`), Header: http.Header{"Content-Type": {"application/merge-patch+json"}}}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(context.Background(), Request{Method: "DELETE", Path: "/users/u1"}, nil); err != nil {
		t.Fatal(err)
	}
	reqs := got.all()
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	for i, want := range []struct{ method, ctype, body string }{
		{"POST", "application/json", string(body)},
		{"PATCH", "application/merge-patch+json", "{}"},
		{"DELETE", "", ""},
	} {
		if r := reqs[i]; r.Method != want.method || r.Header.Get("Content-Type") != want.ctype || bodies[i] != want.body {
			t.Errorf("request %d: %s %q %q, want %+v", i, r.Method, r.Header.Get("Content-Type"), bodies[i], want)
		}
		if reqs[i].Header.Get("Authorization") != "Bearer "+testToken {
			t.Errorf("request %d: no token", i)
		}
	}
}

// Nothing leaves for what Do cannot send, and Get stays GET only.
func TestDoRefusesBeforeSending(t *testing.T) {
	srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {})
	c := newClient(srv, &sleepLog{})
	ctx := context.Background()
	for _, c2 := range []struct {
		r    Request
		want string
	}{
		{Request{Method: "POST", Path: "/$batch", Body: []byte(`{}`)}, "$batch"},
		{Request{Method: "POST", Path: "https://" + srv.Listener.Addr().String() + "/beta/$BATCH/", Body: []byte(`{}`)}, "$batch"},
		{Request{Method: "TRACE", Path: "/users"}, "not one graphtui sends"},
		{Request{Method: "GET", Path: "/users", Body: []byte(`{}`)}, "takes no body"},
		{Request{Method: "DELETE", Path: "/users/u1", Body: []byte(`{}`)}, "takes no body"},
	} {
		_, err := c.Do(ctx, c2.r, nil)
		if err == nil || !strings.Contains(err.Error(), c2.want) {
			t.Errorf("Do(%s %s) = %v, want %q", c2.r.Method, c2.r.Path, err, c2.want)
		}
	}
	if _, err := c.Do(ctx, Request{Method: "POST", Path: "/$batch"}, nil); !errors.Is(err, ErrBatch) {
		t.Errorf("$batch: %v, want ErrBatch", err)
	}
	if _, err := c.Get(ctx, Request{Method: "DELETE", Path: "/users/u1"}, nil); err == nil {
		t.Error("Get sent a DELETE")
	}
	if n := len(got.all()); n != 0 {
		t.Errorf("%d requests left", n)
	}
}

// A write is sent again after 429 (not processed), never after 503 or
// 504 (perhaps processed); GET keeps retrying both.
func TestWritesRetryOnlyOn429(t *testing.T) {
	for _, c2 := range []struct {
		method string
		status int
		sent   int
	}{
		{"POST", http.StatusServiceUnavailable, 1},
		{"PATCH", http.StatusGatewayTimeout, 1},
		{"POST", http.StatusTooManyRequests, 2},
		{"GET", http.StatusServiceUnavailable, 2},
	} {
		n := 0
		srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {
			n++
			if n == 1 {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(c2.status)
			}
		})
		c := newClient(srv, &sleepLog{})
		var body []byte
		if c2.method != "GET" {
			body = []byte(`{}`)
		}
		if _, err := c.Do(context.Background(), Request{Method: c2.method, Path: "/x", Body: body}, nil); err != nil {
			t.Fatal(err)
		}
		if len(got.all()) != c2.sent {
			t.Errorf("%s after %d: sent %d times, want %d", c2.method, c2.status, len(got.all()), c2.sent)
		}
	}
}

func TestCheckBody(t *testing.T) {
	for body, want := range map[string]string{
		"{\n  \"a\": 1,\n  }\n":         "line 3, column 3",
		"{\"a\": tru}":                  "line 1, column 10",
		"{\n\"subject\": \"x\"":         "line 2, column 15",
		"   ":                           "empty",
		"{\"a\":1} {\"b\":2}":           "line 1, column 9",
		"{\"message\": {\"to\": [1,]}}": "line 1, column 23",
	} {
		err := CheckBody([]byte(body))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckBody(%q) = %v, want %q", body, err, want)
		}
	}
	if err := CheckBody([]byte(`{"message": {"subject": "hi"}}`)); err != nil {
		t.Errorf("valid body refused: %v", err)
	}
}
