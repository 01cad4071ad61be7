package ui

import (
	"context"
	"fmt"
	"net/http"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/session"
)

// explainedMsg is the doctor's answer for the explain dialog d: an
// exchange for the viewer, or why there is none.
type explainedMsg struct {
	dialog *ExplainDialog
	x      *Exchange
	err    error
}

// explain runs the doctor on a pasted failure: with p's token (the one
// network call it may make, to the identity platform), or with nothing
// known of the token when p is nil. Nothing is sent to Graph.
func (b *Backend) explain(ctx context.Context, d *ExplainDialog, p *profiles.Profile, in session.ExplainInput) tea.Cmd {
	return func() tea.Msg {
		var x *session.Explanation
		var err error
		name := ""
		if p != nil {
			name = p.Name
			x, err = b.ExplainAs(ctx, *p, in)
		} else {
			x, err = session.Explain(in)
		}
		if err != nil {
			return explainedMsg{dialog: d, err: err}
		}
		if x.Diagnosis == nil {
			return explainedMsg{dialog: d, err: fmt.Errorf("no diagnosis: graphtui explains 400, 401 and 403 responses about access; HTTP %d is not one it can explain", in.Status)}
		}
		return explainedMsg{dialog: d, x: pastedExchange(b, name, in, x)}
	}
}

// pastedExchange is the explanation as the viewer shows a live failure:
// the request as given, Graph's error as the body, the diagnosis. Pasted
// marks it as not sent, so nothing replays it.
func pastedExchange(b *Backend, profile string, in session.ExplainInput, x *session.Explanation) *Exchange {
	body, ok := session.ErrorJSON(in.Error)
	header := http.Header{}
	if ok {
		header.Set("Content-Type", "application/json")
	} else {
		body = in.Error
	}
	sx := session.Exchange{
		Profile:    profile,
		Request:    graph.Request{Method: in.Method, Path: in.URL},
		Response:   &graph.Response{URL: in.URL, Status: in.Status, Header: header, Body: body, Error: x.GraphError, Page: 1},
		Page:       1,
		Diagnosis:  x.Diagnosis,
		ConsentURL: x.ConsentURL,
		Endpoint:   x.Endpoint,
	}
	out := &Exchange{Exchange: sx, Pasted: true} // the root gives it its Seq
	b.finish(out, out.Response, nil)             // highlights the body, as shown does
	return out
}
