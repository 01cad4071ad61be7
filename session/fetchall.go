package session

import (
	"context"
	"errors"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// FetchAll gets a token, then r's pages up to maxPages (<= 0: graph's
// default), handing each 2xx page to onPage as it arrives so that the
// caller holds one page at a time. It stops at the first failing page,
// which is then the exchange's Response, diagnosed; otherwise Response is
// the last page as received and Page counts the pages handed over. An
// error from onPage stops the paging and is the exchange's Err.
func (s *Session) FetchAll(ctx context.Context, p profiles.Profile, r graph.Request, maxPages int, o SendOptions, onPage func(*graph.Response) error) *Exchange {
	x := start(p, r, 0)
	defer x.end()
	if graph.IsWrite(r.Method) {
		x.Err = &SetupError{Err: errors.New("only GET requests are paged: send a write with Send, once")}
		return x
	}
	c := s.prepare(ctx, x, p, o)
	if c == nil {
		return x
	}
	var last *graph.Response
	err := c.GetAll(ctx, r, maxPages, x.record(o), func(page *graph.Response) error {
		last = page
		if page.Error != nil {
			return nil // GetAll stops here with the page's error
		}
		x.Page++
		return onPage(page)
	})
	var ge *graph.GraphError
	if last != nil && last.Error != nil && errors.As(err, &ge) {
		err = nil // the failing page says it all
	}
	x.result(last, err)
	x.More = false
	if x.TokenErr != nil || last != nil && last.Error != nil {
		x.diagnose(p)
	}
	return x
}
