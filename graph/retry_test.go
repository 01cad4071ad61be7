package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// throttler answers with the given statuses in turn, then 200.
func throttler(t *testing.T, headers func(w http.ResponseWriter), statuses ...int) (*Client, *seen, *sleepLog) {
	var n atomic.Int32
	srv, got := server(t, func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(statuses) {
			headers(w)
			w.WriteHeader(statuses[i])
			fmt.Fprint(w, `{"error":{"code":"TooManyRequests","message":"Too many requests"}}`)
			return
		}
		fmt.Fprint(w, `{"value":[]}`)
	})
	sl := &sleepLog{}
	return newClient(srv, sl), got, sl
}

func TestRetryAfterSeconds(t *testing.T) {
	c, got, sl := throttler(t, func(w http.ResponseWriter) { w.Header().Set("Retry-After", "7") }, 429, 429)
	var log eventLog
	resp, err := c.Get(context.Background(), Request{Path: "/users"}, log.add)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 {
		t.Fatalf("status %d", resp.Status)
	}
	if want := []time.Duration{7 * time.Second, 7 * time.Second}; !slices.Equal(sl.waits, want) {
		t.Errorf("waits %v, want %v", sl.waits, want)
	}
	want := []Retry{
		{Attempt: 1, Status: 429, Wait: 7 * time.Second, Reason: "Retry-After: 7"},
		{Attempt: 2, Status: 429, Wait: 7 * time.Second, Reason: "Retry-After: 7"},
	}
	if !slices.Equal(resp.Retries, want) {
		t.Errorf("retries %+v", resp.Retries)
	}
	if ev := log.kinds(EventRetry); len(ev) != 2 || ev[0].Wait != 7*time.Second || ev[0].Status != 429 {
		t.Errorf("retry events %+v", ev)
	}
	// Every attempt has its own client-request-id.
	reqs := got.all()
	ids := map[string]bool{}
	for _, r := range reqs {
		ids[r.Header.Get("client-request-id")] = true
	}
	if len(reqs) != 3 || len(ids) != 3 {
		t.Errorf("%d attempts with %d distinct client-request-ids", len(reqs), len(ids))
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	// The wait is measured against the server's Date, not the local clock.
	date := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	c, _, sl := throttler(t, func(w http.ResponseWriter) {
		w.Header().Set("Date", date.Format(http.TimeFormat))
		w.Header().Set("Retry-After", date.Add(3*time.Second).Format(http.TimeFormat))
	}, 503)
	resp, err := c.Get(context.Background(), Request{Path: "/users"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || !slices.Equal(sl.waits, []time.Duration{3 * time.Second}) {
		t.Errorf("status %d, waits %v", resp.Status, sl.waits)
	}
}

func TestRetryBackoffWithoutRetryAfter(t *testing.T) {
	c, _, sl := throttler(t, func(http.ResponseWriter) {}, 503, 504, 429)
	resp, err := c.Get(context.Background(), Request{Path: "/users"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; resp.Status != 200 || !slices.Equal(sl.waits, want) {
		t.Errorf("status %d, waits %v, want %v", resp.Status, sl.waits, want)
	}
	if got := []int{resp.Retries[0].Status, resp.Retries[1].Status, resp.Retries[2].Status}; !slices.Equal(got, []int{503, 504, 429}) {
		t.Errorf("statuses %v", got)
	}
}

func TestOtherStatusesAreNotRetried(t *testing.T) {
	c, got, sl := throttler(t, func(http.ResponseWriter) {}, 500)
	resp, err := c.Get(context.Background(), Request{Path: "/users"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 500 || len(got.all()) != 1 || len(sl.waits) != 0 {
		t.Errorf("status %d, %d attempts", resp.Status, len(got.all()))
	}
}

func TestRetryStopsAtMaxRetries(t *testing.T) {
	c, got, sl := throttler(t, func(w http.ResponseWriter) { w.Header().Set("Retry-After", "1") }, 429, 429, 429, 429, 429)
	var log eventLog
	resp, err := c.Get(context.Background(), Request{Path: "/users"}, log.add)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 429 || len(got.all()) != 4 || len(sl.waits) != 3 || len(resp.Retries) != 3 {
		t.Errorf("status %d, %d attempts, %d waits", resp.Status, len(got.all()), len(sl.waits))
	}
	if resp.Error == nil || resp.Error.Code != "TooManyRequests" {
		t.Errorf("last response's error not parsed: %+v", resp.Error)
	}
	if len(resp.Notices) != 1 || !strings.Contains(resp.Notices[0], "giving up after 3 retries") {
		t.Errorf("notices %q", resp.Notices)
	}
	if len(log.kinds(EventGiveUp)) != 1 {
		t.Error("no give-up event")
	}

	// Retries can be turned off.
	c, got, _ = throttler(t, func(http.ResponseWriter) {}, 429)
	c.Retry.MaxRetries = -1
	if resp, _ := c.Get(context.Background(), Request{Path: "/users"}, nil); resp.Status != 429 || len(got.all()) != 1 {
		t.Errorf("with retries off: status %d after %d attempts", resp.Status, len(got.all()))
	}
}

func TestRetryStopsAtMaxWait(t *testing.T) {
	c, got, sl := throttler(t, func(w http.ResponseWriter) { w.Header().Set("Retry-After", "40") }, 429, 429)
	resp, err := c.Get(context.Background(), Request{Path: "/users"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 40 s fits the 60 s budget; another 40 s would not.
	if resp.Status != 429 || len(got.all()) != 2 || !slices.Equal(sl.waits, []time.Duration{40 * time.Second}) {
		t.Errorf("status %d, %d attempts, waits %v", resp.Status, len(got.all()), sl.waits)
	}
	if len(resp.Notices) != 1 || !strings.Contains(resp.Notices[0], "retry budget") {
		t.Errorf("notices %q", resp.Notices)
	}

	c, got, sl = throttler(t, func(w http.ResponseWriter) { w.Header().Set("Retry-After", "120") }, 429)
	resp, _ = c.Get(context.Background(), Request{Path: "/users"}, nil)
	if resp.Status != 429 || len(got.all()) != 1 || len(sl.waits) != 0 {
		t.Errorf("a single wait over budget: status %d, %d attempts, waits %v", resp.Status, len(got.all()), sl.waits)
	}
}

func TestCancelDuringRetryWaitReturnsAtOnce(t *testing.T) {
	c, _, _ := throttler(t, func(w http.ResponseWriter) { w.Header().Set("Retry-After", "30") }, 429)
	c.Sleep = nil // the real timer, which must honour the context
	ctx, cancel := context.WithCancel(context.Background())
	var log eventLog
	ev := func(e Event) {
		log.add(e)
		if e.Kind == EventRetry {
			cancel() // the 30 s wait is next: it must not start
		}
	}
	start := time.Now()
	_, err := c.Get(ctx, Request{Path: "/users"}, ev)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("returned after %s, not at once", d)
	}
	if !strings.Contains(err.Error(), "waiting 30s") {
		t.Errorf("error should say what was interrupted: %v", err)
	}
}

func TestRetryDelayParsing(t *testing.T) {
	date := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		retryAfter string
		retry      int
		want       time.Duration
	}{
		{"0", 1, 0},
		{" 12 ", 1, 12 * time.Second},
		{date.Add(90 * time.Second).Format(http.TimeFormat), 1, 90 * time.Second},
		{date.Add(-time.Minute).Format(http.TimeFormat), 1, 0}, // in the past: retry now
		{"soon", 2, 2 * time.Second},                           // unusable: backoff
		{"-5", 3, 4 * time.Second},
		{"", 1, time.Second},
	}
	for _, tt := range tests {
		h := http.Header{}
		h.Set("Date", date.Format(http.TimeFormat))
		if tt.retryAfter != "" {
			h.Set("Retry-After", tt.retryAfter)
		}
		if got, _ := retryDelay(h, tt.retry, time.Second); got != tt.want {
			t.Errorf("Retry-After %q, retry %d: got %s, want %s", tt.retryAfter, tt.retry, got, tt.want)
		}
	}
}
