package graph

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/graphtui/graphtui/internal/termsafe"
	"github.com/graphtui/graphtui/render"
)

// readBody reads at most max bytes of the body, decoded. Go's transport
// already decodes gzip it asked for; a server that compresses unasked (or a
// transport with compression disabled) leaves Content-Encoding set. A body
// that only claims to be gzip is kept as received, with a note.
func readBody(hresp *http.Response, max int64) (body []byte, truncated bool, note string, err error) {
	raw, truncated, err := readCapped(hresp.Body, max, hresp.ContentLength)
	if err != nil {
		return nil, false, "", err
	}
	enc := strings.TrimSpace(hresp.Header.Get("Content-Encoding"))
	if !strings.EqualFold(enc, "gzip") || len(raw) == 0 {
		return raw, truncated, "", nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return raw, truncated, "the body is marked gzip but is not; shown as received", nil
	}
	decoded, cut, err := readCapped(zr, max, -1)
	switch {
	case err == nil:
		return decoded, truncated || cut, "", nil
	case truncated: // the compressed stream itself was cut at the cap
		return decoded, true, "", nil
	}
	return raw, false, fmt.Sprintf("the gzip body could not be decoded (%v); shown as received", err), nil
}

// readCapped reads up to max bytes and says whether there was more. On a
// read error it still returns what arrived.
func readCapped(r io.Reader, max, sizeHint int64) ([]byte, bool, error) {
	var buf bytes.Buffer
	if sizeHint > 0 && sizeHint <= max {
		buf.Grow(int(sizeHint))
	}
	_, err := buf.ReadFrom(io.LimitReader(r, max+1))
	b := buf.Bytes()
	if int64(len(b)) > max {
		return b[:max], true, err
	}
	return b, false, err
}

func newResponse(u *url.URL, hresp *http.Response, body []byte, truncated bool, d time.Duration, sentID string, max int64) *Response {
	h := hresp.Header
	// The IDs and dates below get printed: C1 controls and invalid UTF-8,
	// which net/http lets through in header values, are made visible.
	resp := &Response{
		URL:             u.String(),
		Status:          hresp.StatusCode,
		Proto:           hresp.Proto,
		Header:          h,
		Body:            body,
		Truncated:       truncated,
		Duration:        d,
		RequestID:       termsafe.Line(h.Get("request-id")),
		ClientRequestID: termsafe.Line(h.Get("client-request-id")),
		Date:            termsafe.Line(h.Get("Date")),
		Diagnostic:      termsafe.Line(h.Get("x-ms-ags-diagnostic")),
	}
	if resp.ClientRequestID == "" {
		resp.ClientRequestID = sentID
	}
	if truncated {
		resp.Notices = append(resp.Notices, fmt.Sprintf("body cut at %d bytes (the size cap); it is incomplete", max))
	}
	if render.IsJSON(h.Get("Content-Type"), body) {
		// gjson scans without building a tree, so this stays cheap on big pages.
		resp.NextLink = gjson.GetBytes(body, `@odata\.nextLink`).String()
		resp.DeltaLink = gjson.GetBytes(body, `@odata\.deltaLink`).String()
	}
	if !resp.OK() {
		resp.Error = ParseError(resp.Status, h.Get("Content-Type"), body)
		if resp.Error.RequestID == "" {
			resp.Error.RequestID = resp.RequestID
		}
		if resp.Error.ClientRequestID == "" {
			resp.Error.ClientRequestID = resp.ClientRequestID
		}
		if resp.Error.Date == "" {
			resp.Error.Date = resp.Date
		}
		resp.Error.Challenge = termsafe.Line(strings.Join(h.Values("WWW-Authenticate"), ", "))
	}
	return resp
}

// items counts the entries of a collection page, or -1 when there is no value array.
func items(body []byte) int {
	n := gjson.GetBytes(body, "value.#")
	if !n.Exists() {
		return -1
	}
	return int(n.Int())
}
