package ui

import "github.com/graphtui/graphtui/graph"

// curlCommand is the exchange's request as a curl command line with $TOKEN
// in place of the token (graph.Curl): a write is curl -X METHOD with its
// body read from body.json, never copied. It is "" when the request never
// got a URL (the token request failed first).
func curlCommand(x *Exchange) string {
	if x == nil || x.Response == nil {
		return ""
	}
	return graph.Curl(methodOf(x.Request), x.Response.URL, x.Request.Header)
}

// headerSpelling is graph.HeaderSpelling, for the Headers tab.
func headerSpelling(name string) string { return graph.HeaderSpelling(name) }
