package graph

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Retries come before the body is streamed: the sink sees only the 2xx
// body, once, and the response holds no copy of it.
func TestGetStreamRetriesBeforeTheBody(t *testing.T) {
	c, got, sl := throttler(t, func(w http.ResponseWriter) { w.Header().Set("Retry-After", "2") }, 503, 429)
	calls := 0
	var body string
	resp, err := c.GetStream(context.Background(), Request{Path: "/users"}, nil, func(r *Response, b io.Reader) error {
		calls++
		if r.Status != http.StatusOK {
			t.Errorf("sink called for HTTP %d", r.Status)
		}
		data, err := io.ReadAll(b)
		body = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 || body != `{"value":[]}` || len(got.all()) != 3 || len(sl.waits) != 2 {
		t.Fatalf("sink calls %d, body %q, requests %d, waits %v", calls, body, len(got.all()), sl.waits)
	}
	if !resp.Streamed || resp.Body != nil || resp.Size != int64(len(body)) || resp.StreamErr != nil || len(resp.Retries) != 2 {
		t.Fatalf("response: streamed %v, body %q, size %d, err %v, retries %d", resp.Streamed, resp.Body, resp.Size, resp.StreamErr, len(resp.Retries))
	}
}

// Error statuses are read whole for the diagnosis; the sink never sees them.
func TestGetStreamReadsErrorsWhole(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges"}}`)
	})
	resp, err := newClient(srv, nil).GetStream(context.Background(), Request{Path: "/users"}, nil, func(*Response, io.Reader) error {
		t.Error("sink called for an error status")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Streamed || resp.Error == nil || resp.Error.Code != "Authorization_RequestDenied" {
		t.Fatalf("streamed %v, error %+v", resp.Streamed, resp.Error)
	}
}

// A connection that breaks mid-body is the story, whatever the sink made
// of it; the sink's own error is kept otherwise.
func TestGetStreamErrors(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		body := `{"value":[` + strings.Repeat(`{"id":"1"},`, 1000) + `{"id":"2"}]}`
		if r.URL.Query().Get("cut") != "" {
			w.Header().Set("Content-Length", "100000")
			io.WriteString(w, body[:5000])
			w.(http.Flusher).Flush()
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		io.WriteString(w, body)
	})
	c := newClient(srv, nil)
	drain := func(_ *Response, b io.Reader) error { _, err := io.Copy(io.Discard, b); return err }
	resp, err := c.GetStream(context.Background(), Request{Path: "/users", Query: []QueryParam{{Key: "cut", Value: "1"}}}, nil, drain)
	if err != nil {
		t.Fatal(err)
	}
	if msg := resp.StreamErr.Error(); resp.Size != 5000 || !strings.Contains(msg, "reading the response body after 5000 bytes") || !strings.Contains(msg, "closed before the response was complete") {
		t.Fatalf("size %d, error %v", resp.Size, resp.StreamErr)
	}
	mine := errors.New("stdout closed")
	resp, err = c.GetStream(context.Background(), Request{Path: "/users"}, nil, func(*Response, io.Reader) error { return mine })
	if err != nil || !errors.Is(resp.StreamErr, mine) {
		t.Fatalf("err %v, StreamErr %v; want the sink's error", err, resp.StreamErr)
	}
}
