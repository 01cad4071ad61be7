package graph

import (
	"net/http"
	"slices"
	"strings"
)

// CurlCommand is a GET of url with the given extra headers as a curl
// command line to paste in a shell; Curl says why it looks as it does.
func CurlCommand(url string, header http.Header) string {
	return Curl(http.MethodGet, url, header)
}

// Curl is a request as a curl command line to paste in a shell. The token
// is always the shell variable $TOKEN (so the Authorization header alone is
// double-quoted), never a real token; an Authorization header in header is
// dropped for the same reason. A write reads its body from body.json: a
// body can hold a password, so it is never written out here. It is ""
// without a URL: nothing was sent, so there is nothing to repeat.
func Curl(method, url string, header http.Header) string {
	if url == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("curl")
	if method != "" && method != http.MethodGet {
		b.WriteString(" -X " + method)
	}
	if strings.ContainsAny(url, "[]{}") {
		b.WriteString(" --globoff") // curl would read these as URL globs
	}
	b.WriteString(` -H "Authorization: Bearer $TOKEN"`)
	names := make([]string, 0, len(header))
	for name := range header {
		if !strings.EqualFold(name, "Authorization") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range header[name] {
			b.WriteString(" -H ")
			b.WriteString(shellQuote(HeaderSpelling(name) + ": " + v))
		}
	}
	if IsWrite(method) && method != http.MethodDelete {
		b.WriteString(" --data @body.json")
	}
	b.WriteByte(' ')
	b.WriteString(shellQuote(url))
	return b.String()
}

// shellQuote single-quotes s for POSIX shells: nothing inside is expanded
// ($select stays $select); a single quote is closed, escaped and reopened.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// HeaderSpelling undoes Go's canonical form for headers whose documented
// spelling people search for: Go writes ConsistencyLevel as Consistencylevel.
func HeaderSpelling(name string) string {
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
