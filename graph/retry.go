package graph

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds retries of throttled (429) and unavailable (503, 504)
// responses. The zero value is the default: 3 retries, 60 s of waiting.
type RetryPolicy struct {
	MaxRetries int           // 0 means 3; negative turns retries off
	MaxWait    time.Duration // total waiting over all retries; 0 means 60 s
	Backoff    time.Duration // first wait when Retry-After is absent, doubled each retry; 0 means 1 s
}

// Retry records one wait before a new attempt.
type Retry struct {
	Attempt int // the attempt that got the retryable status
	Status  int
	Wait    time.Duration
	Reason  string // e.g. "Retry-After: 7" or "no Retry-After; backoff"
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxRetries == 0 {
		p.MaxRetries = 3
	}
	if p.MaxRetries < 0 {
		p.MaxRetries = 0
	}
	if p.MaxWait <= 0 {
		p.MaxWait = 60 * time.Second
	}
	if p.Backoff <= 0 {
		p.Backoff = time.Second
	}
	return p
}

// isRead: GET may be sent again after any retryable status. A write is
// retried only after 429, which says it was not processed; a 503 or 504
// may come after the change was made.
func isRead(method string) bool { return method == "" || strings.EqualFold(method, http.MethodGet) }

func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout
}

// retryDelay reads Retry-After as seconds or as an HTTP date. A date is
// measured against the response's own Date header when there is one, so a
// skewed local clock does not change the wait.
func retryDelay(h http.Header, retry int, backoff time.Duration) (time.Duration, string) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v != "" {
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
			secs = min(secs, 1<<30) // keep the Duration from overflowing
			return time.Duration(secs) * time.Second, "Retry-After: " + v
		}
		if at, err := http.ParseTime(v); err == nil {
			now := time.Now()
			if d, err := http.ParseTime(h.Get("Date")); err == nil {
				now = d
			}
			return max(at.Sub(now), 0), "Retry-After: " + v
		}
	}
	d := backoff << min(retry-1, 20)
	if d < backoff { // overflow of an absurd Backoff
		d = math.MaxInt64
	}
	return d, "no usable Retry-After; exponential backoff"
}

// fetch runs attempts until one is not retryable or the policy says stop.
func (c *Client) fetch(ctx context.Context, u *url.URL, r Request, page int, emit func(Event), sink BodySink) (*Response, error) {
	if err := checkHeaders(r.Header); err != nil {
		return nil, err
	}
	pol := c.Retry.withDefaults()
	var retries []Retry
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		resp, err := c.attempt(ctx, u, r, attempt, emit, sink)
		if err != nil {
			return nil, err
		}
		resp.Page, resp.request = page, r
		if retryable(resp.Status) && (isRead(r.Method) || resp.Status == http.StatusTooManyRequests) {
			wait, reason := retryDelay(resp.Header, len(retries)+1, pol.Backoff)
			giveUp := ""
			switch {
			case len(retries) >= pol.MaxRetries:
				giveUp = fmt.Sprintf("HTTP %d: giving up after %d retries", resp.Status, len(retries))
			case wait > pol.MaxWait-waited:
				giveUp = fmt.Sprintf("HTTP %d: the next wait (%s, %s) would pass the %s retry budget; giving up", resp.Status, wait, reason, pol.MaxWait)
			}
			if giveUp == "" {
				retries = append(retries, Retry{Attempt: attempt, Status: resp.Status, Wait: wait, Reason: reason})
				emit(Event{Kind: EventRetry, URL: resp.URL, Attempt: attempt, Status: resp.Status, Wait: wait, Reason: reason})
				if err := c.sleep(ctx, wait); err != nil {
					return nil, fmt.Errorf("stopped while waiting %s to retry after HTTP %d: %w", wait, resp.Status, err)
				}
				waited += wait
				continue
			}
			resp.Notices = append(resp.Notices, giveUp)
			emit(Event{Kind: EventGiveUp, URL: resp.URL, Attempt: attempt, Status: resp.Status, Wait: wait, Reason: giveUp})
		}
		resp.Retries = retries
		if resp.OK() {
			size := len(resp.Body)
			if resp.Streamed {
				size = int(resp.Size)
			}
			emit(Event{Kind: EventPage, URL: resp.URL, Page: page, Items: items(resp.Body), Bytes: size, Duration: resp.Duration})
		}
		return resp, nil
	}
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		if err := c.Sleep(ctx, d); err != nil {
			return err
		}
		return ctx.Err()
	}
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
