package ui

import (
	"slices"
	"strings"
)

// curlCommand is the request as a curl command line to paste in a shell.
// The token is always the shell variable $TOKEN (so the Authorization
// header alone is double-quoted), never the real token; a typed
// Authorization header is dropped for the same reason. It is "" when the
// request never got a URL (the token request failed first).
func curlCommand(x *Exchange) string {
	if x == nil || x.Response == nil || x.Response.URL == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("curl")
	if strings.ContainsAny(x.Response.URL, "[]{}") {
		b.WriteString(" --globoff") // curl would read these as URL globs
	}
	b.WriteString(` -H "Authorization: Bearer $TOKEN"`)
	names := make([]string, 0, len(x.Request.Header))
	for name := range x.Request.Header {
		if !strings.EqualFold(name, "Authorization") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range x.Request.Header[name] {
			b.WriteString(" -H ")
			b.WriteString(shellQuote(headerSpelling(name) + ": " + v))
		}
	}
	b.WriteByte(' ')
	b.WriteString(shellQuote(x.Response.URL))
	return b.String()
}

// shellQuote single-quotes s for POSIX shells: nothing inside is expanded
// ($select stays $select); a single quote is closed, escaped and reopened.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// headerSpelling undoes Go's canonical form for headers whose documented
// spelling people search for: Go writes ConsistencyLevel as Consistencylevel.
func headerSpelling(name string) string {
	switch strings.ToLower(name) {
	case "consistencylevel":
		return "ConsistencyLevel"
	case "client-request-id":
		return "client-request-id"
	case "return-client-request-id":
		return "return-client-request-id"
	case "request-id":
		return "request-id"
	}
	return name
}
