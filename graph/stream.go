package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// stream hands a 2xx body to sink as it arrives and returns the response,
// which holds no body. The attempt's timeout still covers the body.
func (c *Client) stream(ctx, actx context.Context, u *url.URL, hresp *http.Response, st *attemptState, n int, id string, start time.Time, emit func(Event), sink BodySink) *Response {
	resp := newResponse(u, hresp, nil, false, time.Since(start), id, c.maxBody())
	resp.Notices = append(st.notices, resp.Notices...)
	resp.Streamed = true
	body := &countingReader{r: hresp.Body}
	err := sink(resp, body)
	resp.Size, resp.Duration = body.n, time.Since(start)
	switch {
	case body.err != nil:
		// The connection failed (or the timeout struck) mid-body: that,
		// not what the sink made of it, is the story.
		resp.StreamErr = transportError(ctx, u, c.timeout(), fmt.Errorf("reading the response body after %d bytes: %w", body.n, body.err))
	case err != nil:
		resp.StreamErr = err
	case actx.Err() != nil:
		resp.StreamErr = transportError(ctx, u, c.timeout(), actx.Err())
	}
	emit(Event{Kind: EventResponse, URL: resp.URL, Attempt: n, Status: resp.Status, Duration: resp.Duration, Bytes: int(body.n), ClientRequestID: id})
	return resp
}

// countingReader counts the bytes read and keeps the first error that is
// not the body's end.
type countingReader struct {
	r   io.Reader
	n   int64
	err error
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	if err != nil && !errors.Is(err, io.EOF) && c.err == nil {
		c.err = err
	}
	return k, err
}
