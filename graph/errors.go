package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// GraphError is a non-2xx response, parsed as far as its body allows.
// Every text field is printable: control characters from the server are
// shown as escapes so that printing an error cannot drive the terminal.
type GraphError struct {
	Status          int
	Code            string // error.code, e.g. Authorization_RequestDenied
	Message         string // error.message
	RequestID       string // innerError request-id, else the response header
	ClientRequestID string
	Date            string
	Inner           map[string]string // innerError flattened: "code", "date", "innerError.code", ...
	Details         []ErrorDetail     // error.details, when present
	Raw             string            // a short excerpt of a body that is not a Graph error (HTML from a proxy, plain text)
	Challenge       string            // the WWW-Authenticate header(s): a 401 says there why the token was refused
	IsJSON          bool
}

// ErrorDetail is one entry of error.details (validation errors list several).
type ErrorDetail struct{ Code, Message, Target string }

func (e *GraphError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d", e.Status)
	if t := http.StatusText(e.Status); t != "" {
		b.WriteString(" " + t)
	}
	if e.Code != "" {
		b.WriteString(": " + e.Code)
	}
	switch {
	case e.Message != "":
		b.WriteString(": " + e.Message)
	case e.Raw != "":
		b.WriteString(": " + e.Raw)
	}
	return b.String()
}

// InnerCode is the most specific error code: the deepest innerError code,
// else error.code. Some services put the useful code there.
func (e *GraphError) InnerCode() string {
	best, depth := e.Code, -1
	for k, v := range e.Inner {
		if !strings.EqualFold(k[strings.LastIndexByte(k, '.')+1:], "code") || v == "" {
			continue
		}
		if d := strings.Count(k, "."); d > depth {
			best, depth = v, d
		}
	}
	return best
}

const excerptLimit = 300

// ParseError reads an error body. It never fails: a Graph-shaped JSON body
// fills Code, Message and innerError; anything else becomes a printable
// excerpt in Raw; an empty body leaves only Status.
func ParseError(status int, contentType string, body []byte) *GraphError {
	e := &GraphError{Status: status}
	body = bytes.TrimPrefix(bytes.TrimSpace(body), []byte("\xef\xbb\xbf"))
	if len(body) == 0 {
		return e
	}
	if body[0] == '{' && json.Valid(body) {
		e.IsJSON = true
		if !parseGraphJSON(e, body) {
			var compact bytes.Buffer
			_ = json.Compact(&compact, body) // valid JSON, cannot fail
			e.Raw = excerpt(compact.Bytes())
		}
		return e
	}
	// An excerpt needs only the start of a long page.
	body = body[:min(len(body), 64<<10)]
	if looksLikeHTML(contentType, body) {
		e.Raw = excerpt([]byte(htmlText(body)))
		return e
	}
	e.Raw = excerpt(body)
	return e
}

type object = map[string]json.RawMessage

// parseGraphJSON understands {"error":{...}} (Graph and Exchange),
// {"odata.error":{...}} (older services, message as {"value": ...}) and
// {"error":"code","error_description":"..."} (identity platform style).
func parseGraphJSON(e *GraphError, body []byte) bool {
	var top object
	if json.Unmarshal(body, &top) != nil {
		return false
	}
	raw := field(top, "error")
	if raw == nil {
		raw = field(top, "odata.error")
	}
	if raw == nil {
		return false
	}
	if s, ok := jsonString(raw); ok {
		e.Code = termsafe.Line(s)
		e.Message = termsafe.Line(textOf(field(top, "error_description")))
		return true
	}
	var obj object
	if json.Unmarshal(raw, &obj) != nil {
		return false
	}
	e.Code = termsafe.Line(textOf(field(obj, "code")))
	e.Message = termsafe.Line(messageOf(field(obj, "message")))

	if inner := field(obj, "innerError"); inner != nil {
		e.Inner = map[string]string{}
		flatten(e.Inner, "", inner, 0)
		e.RequestID = lookupFold(e.Inner, "request-id", "requestId")
		e.ClientRequestID = lookupFold(e.Inner, "client-request-id", "clientRequestId")
		e.Date = lookupFold(e.Inner, "date")
	}
	var details []object
	if json.Unmarshal(field(obj, "details"), &details) == nil {
		for _, d := range details {
			e.Details = append(e.Details, ErrorDetail{
				Code:    termsafe.Line(textOf(field(d, "code"))),
				Message: termsafe.Line(messageOf(field(d, "message"))),
				Target:  termsafe.Line(textOf(field(d, "target"))),
			})
		}
	}
	return e.Code != "" || e.Message != "" || e.Inner != nil
}

// field looks a key up case-insensitively: Graph writes both innerError and
// innererror.
func field(m object, key string) json.RawMessage {
	if v, ok := m[key]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

func jsonString(raw json.RawMessage) (string, bool) {
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// textOf renders a scalar: strings unquoted, numbers and booleans as written.
func textOf(raw json.RawMessage) string {
	if s, ok := jsonString(raw); ok {
		return s
	}
	if len(raw) == 0 || raw[0] == '{' || raw[0] == '[' || string(raw) == "null" {
		return ""
	}
	return string(raw)
}

// messageOf accepts a plain string or the OData {"lang": ..., "value": ...} form.
func messageOf(raw json.RawMessage) string {
	var obj object
	if len(raw) > 0 && raw[0] == '{' && json.Unmarshal(raw, &obj) == nil {
		return textOf(field(obj, "value"))
	}
	return textOf(raw)
}

// flatten stores scalar members of innerError under dotted keys, so a nested
// innerError.code stays reachable. Depth is bounded against hostile bodies.
func flatten(dst map[string]string, prefix string, raw json.RawMessage, depth int) {
	var obj object
	if depth > 8 || json.Unmarshal(raw, &obj) != nil {
		return
	}
	for k, v := range obj {
		key := termsafe.Line(prefix + k)
		if len(v) > 0 && v[0] == '{' {
			flatten(dst, key+".", v, depth+1)
			continue
		}
		if s := textOf(v); s != "" {
			dst[key] = termsafe.Line(s)
		}
	}
}

func lookupFold(m map[string]string, keys ...string) string {
	for _, want := range keys {
		for k, v := range m {
			if strings.EqualFold(k, want) {
				return v
			}
		}
	}
	return ""
}

func looksLikeHTML(contentType string, body []byte) bool {
	if strings.Contains(strings.ToLower(contentType), "html") {
		return true
	}
	head := strings.ToLower(string(body[:min(len(body), 64)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

var (
	htmlHidden = regexp.MustCompile(`(?is)<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->`)
	htmlTag    = regexp.MustCompile(`(?s)<[^>]*>`)
)

// htmlText reduces a proxy's error page to its words: "502 Bad Gateway nginx".
func htmlText(body []byte) string {
	s := htmlHidden.ReplaceAllString(string(body), " ")
	s = htmlTag.ReplaceAllString(s, " ")
	return html.UnescapeString(s)
}

// excerpt makes a one-line, printable, bounded summary of a body.
func excerpt(b []byte) string {
	s := strings.Join(strings.Fields(termsafe.Line(string(b))), " ")
	if len(s) <= excerptLimit {
		return s
	}
	cut := excerptLimit
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}
