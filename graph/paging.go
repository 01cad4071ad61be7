package graph

import (
	"context"
	"errors"
	"fmt"
)

// DefaultMaxPages bounds GetAll when the caller gives no limit; the CLI's
// --max-pages and the TUI's A use it too, so both stop at the same page.
const DefaultMaxPages = 1000

var (
	// ErrNoNextPage is returned by Next when the previous page was the last.
	ErrNoNextPage = errors.New("no @odata.nextLink: this was the last page")
	// ErrNextLinkLoop means the server sent a nextLink that was already fetched.
	ErrNextLinkLoop = errors.New("@odata.nextLink points back to a page already fetched")
	// ErrPageTruncated means a page hit the body cap, so its nextLink may be lost.
	ErrPageTruncated = errors.New("a page was cut at the body size cap; paging stopped")
	// ErrPageNotJSON means a page declared as JSON did not parse, so its
	// items and its nextLink cannot be read.
	ErrPageNotJSON = errors.New("a page is not valid JSON; paging stopped")
)

// Next fetches the page prev.NextLink points to, with prev's headers (so
// ConsistencyLevel carries over). A nextLink off the Graph host is refused
// with a *ForeignHostError and nothing is sent.
func (c *Client) Next(ctx context.Context, prev *Response, ev func(Event)) (*Response, error) {
	if prev == nil || prev.NextLink == "" {
		return nil, ErrNoNextPage
	}
	r := prev.request
	// A next page is always a GET, whatever method asked for the first.
	r.Path, r.Query, r.Method, r.Body = prev.NextLink, nil, "", nil
	u, err := c.buildURL(r, "nextLink")
	if err != nil {
		return nil, err
	}
	return c.fetch(ctx, u, r, prev.Page+1, emitter(ev), nil)
}

// GetAll streams pages to onPage as they arrive. It stops after the last
// page, after maxPages (<= 0 means DefaultMaxPages; an EventMaxPages says
// so), at the first non-2xx page (passed to onPage, then returned as its
// *GraphError), at a page that is cut or not JSON (ErrPageTruncated,
// ErrPageNotJSON), at a nextLink seen before (ErrNextLinkLoop), or when
// onPage returns an error.
func (c *Client) GetAll(ctx context.Context, r Request, maxPages int, ev func(Event), onPage func(*Response) error) error {
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	emit := emitter(ev)
	resp, err := c.Get(ctx, r, emit)
	if err != nil {
		return err
	}
	seen := map[string]bool{resp.URL: true}
	for {
		if err := onPage(resp); err != nil {
			return err
		}
		switch {
		case resp.Error != nil:
			return resp.Error
		case resp.Truncated:
			return fmt.Errorf("page %d: %w", resp.Page, ErrPageTruncated)
		case resp.JSONError != nil:
			return fmt.Errorf("page %d: %w (%v)", resp.Page, ErrPageNotJSON, resp.JSONError)
		case resp.NextLink == "":
			return nil
		case resp.Page >= maxPages:
			emit(Event{Kind: EventMaxPages, URL: resp.NextLink, Page: resp.Page})
			return nil
		}
		next, err := c.buildURL(Request{Path: resp.NextLink, Version: resp.request.Version}, "nextLink")
		if err == nil && seen[next.String()] {
			return fmt.Errorf("page %d: %w (%s)", resp.Page, ErrNextLinkLoop, next.Redacted())
		}
		if resp, err = c.Next(ctx, resp, emit); err != nil {
			return err
		}
		seen[resp.URL] = true
	}
}
