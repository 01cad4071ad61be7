package graph

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseErrorGraphShapes(t *testing.T) {
	tests := []struct {
		name                     string
		status                   int
		body                     string
		code, message, requestID string
		clientID, date           string
		innerCode                string
	}{
		{
			name:   "directory 403 with innerError",
			status: 403,
			body: `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.",
				"innerError":{"date":"2024-05-01T10:00:00","request-id":"0d5e7a2c-1b1f-4c53-9a8e-3f4b3b0c9d11","client-request-id":"7c4f0a7e-2222-4d0e-8c4b-2a1c0e9f1234"}}}`,
			code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.",
			requestID: "0d5e7a2c-1b1f-4c53-9a8e-3f4b3b0c9d11", clientID: "7c4f0a7e-2222-4d0e-8c4b-2a1c0e9f1234", date: "2024-05-01T10:00:00",
			innerCode: "Authorization_RequestDenied",
		},
		{
			name:   "401 without roles, lower-case innererror",
			status: 401,
			body:   `{"error":{"code":"InvalidAuthenticationToken","message":"Either scp or roles claim need to be present in the token.","innererror":{"date":"2024-05-01T10:00:00","request-id":"r1","client-request-id":"c1"}}}`,
			code:   "InvalidAuthenticationToken", message: "Either scp or roles claim need to be present in the token.",
			requestID: "r1", clientID: "c1", date: "2024-05-01T10:00:00", innerCode: "InvalidAuthenticationToken",
		},
		{
			name:   "Exchange access policy, no innerError",
			status: 403,
			body:   `{"error":{"code":"ErrorAccessDenied","message":"Access to OData is disabled: Blocked by tenant configured AppOnly AccessPolicy settings."}}`,
			code:   "ErrorAccessDenied", message: "Access to OData is disabled: Blocked by tenant configured AppOnly AccessPolicy settings.",
			innerCode: "ErrorAccessDenied",
		},
		{
			name:   "nested innerError code (drive items)",
			status: 400,
			body:   `{"error":{"code":"invalidRequest","message":"Invalid request","innerError":{"code":"invalidRange","innerError":{"code":"fileTooLarge"},"request-id":"r2","date":"d2"}}}`,
			code:   "invalidRequest", message: "Invalid request", requestID: "r2", date: "d2", innerCode: "fileTooLarge",
		},
		{
			name:   "OData message object",
			status: 404,
			body:   `{"odata.error":{"code":"Request_ResourceNotFound","message":{"lang":"en","value":"Resource 'x' does not exist."}}}`,
			code:   "Request_ResourceNotFound", message: "Resource 'x' does not exist.", innerCode: "Request_ResourceNotFound",
		},
		{
			name:   "identity platform style",
			status: 401,
			body:   `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`,
			code:   "invalid_client", message: "AADSTS7000215: Invalid client secret provided.", innerCode: "invalid_client",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := ParseError(tt.status, "application/json; charset=utf-8", []byte(tt.body))
			if !e.IsJSON || e.Status != tt.status || e.Raw != "" {
				t.Errorf("IsJSON %v, Status %d, Raw %q", e.IsJSON, e.Status, e.Raw)
			}
			if e.Code != tt.code || e.Message != tt.message {
				t.Errorf("code %q message %q", e.Code, e.Message)
			}
			if e.RequestID != tt.requestID || e.ClientRequestID != tt.clientID || e.Date != tt.date {
				t.Errorf("request-id %q client-request-id %q date %q", e.RequestID, e.ClientRequestID, e.Date)
			}
			if got := e.InnerCode(); got != tt.innerCode {
				t.Errorf("InnerCode %q, want %q", got, tt.innerCode)
			}
			if !strings.Contains(e.Error(), tt.code) || !strings.Contains(e.Error(), tt.message) {
				t.Errorf("Error() = %q", e.Error())
			}
		})
	}
}

func TestParseErrorDetails(t *testing.T) {
	e := ParseError(400, "application/json", []byte(`{"error":{"code":"Request_BadRequest","message":"Invalid value","details":[{"code":"InvalidValue","message":"bad mail","target":"mail"}]}}`))
	if len(e.Details) != 1 || e.Details[0] != (ErrorDetail{Code: "InvalidValue", Message: "bad mail", Target: "mail"}) {
		t.Errorf("details %+v", e.Details)
	}
}

func TestParseErrorNonGraphBodies(t *testing.T) {
	html := `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body { color: red }</style>
<script>var secret = 1;</script></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx &amp; friends</center></body></html>`
	tests := []struct {
		name, contentType, body, raw string
		isJSON                       bool
	}{
		{"proxy HTML", "text/html", html, "502 Bad Gateway 502 Bad Gateway nginx & friends", false},
		{"HTML without a content type", "", html, "502 Bad Gateway 502 Bad Gateway nginx & friends", false},
		{"plain text", "text/plain", "upstream connect error or disconnect/reset before headers.\r\nreset reason: overflow", "upstream connect error or disconnect/reset before headers. reset reason: overflow", false},
		{"empty", "application/json", "", "", false},
		{"whitespace", "", " \r\n", "", false},
		{"JSON, not Graph-shaped", "application/json", `{"message": "gateway timeout",  "status": 504}`, `{"message":"gateway timeout","status":504}`, true},
		{"truncated JSON", "application/json", `{"error":{"code":"Bad`, `{"error":{"code":"Bad`, false},
		{"terminal escapes", "text/plain", "\x1b[2J\x1b]0;owned\x07 hi \u009b31m", `\x1b[2J\x1b]0;owned\x07 hi \u009b31m`, false},
		{"invalid UTF-8", "text/plain", "bad \xff\xfe byte", `bad \xff\xfe byte`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := ParseError(502, tt.contentType, []byte(tt.body))
			if e.Raw != tt.raw || e.IsJSON != tt.isJSON || e.Code != "" {
				t.Errorf("Raw %q IsJSON %v Code %q; want Raw %q IsJSON %v", e.Raw, e.IsJSON, e.Code, tt.raw, tt.isJSON)
			}
			if !strings.HasPrefix(e.Error(), "HTTP 502 Bad Gateway") {
				t.Errorf("Error() = %q", e.Error())
			}
		})
	}
}

func TestParseErrorExcerptIsBounded(t *testing.T) {
	e := ParseError(500, "text/plain", []byte(strings.Repeat("é", 1000)))
	if len(e.Raw) > excerptLimit+len("…") || !utf8.ValidString(e.Raw) || !strings.HasSuffix(e.Raw, "…") {
		t.Errorf("excerpt of %d bytes, valid UTF-8 %v", len(e.Raw), utf8.ValidString(e.Raw))
	}
}

func TestParseErrorEscapesControlCharacters(t *testing.T) {
	// JSON escapes decode to real control bytes; they must not reach a terminal.
	e := ParseError(400, "application/json", []byte(`{"error":{"code":"X\u001b[31m","message":"line1\nline2\u0007\u009b","innerError":{"request-id":"\u001b]8;;"}}}`))
	want := ErrorDetail{Code: `X\x1b[31m`, Message: `line1 line2\x07\u009b`, Target: `\x1b]8;;`}
	if got := (ErrorDetail{Code: e.Code, Message: e.Message, Target: e.RequestID}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// assertPrintable fails on any byte that could drive a terminal.
func assertPrintable(t *testing.T, what, s string) {
	t.Helper()
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
			t.Fatalf("%s has control character %U: %q", what, r, s)
		}
	}
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not valid UTF-8: %q", what, s)
	}
}

func FuzzParseError(f *testing.F) {
	seeds := []string{
		`{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2024-05-01T10:00:00","request-id":"r","client-request-id":"c"}}}`,
		`{"error":{"code":"a","innererror":{"code":"b","innerError":{"code":"c","innerError":{"x":1}}}}}`,
		`{"odata.error":{"code":"x","message":{"lang":"en","value":"y"}}}`,
		`{"error":"invalid_client","error_description":"AADSTS7000215"}`,
		`{"error":{"code":1,"message":["x"],"details":[{"code":null},1]}}`,
		`<html><title>502</title><script>x</script></html>`,
		"\x1b[31mred\u009b",
		"",
		`{"error":{}}`,
		`[1,2,3]`,
	}
	for _, s := range seeds {
		f.Add(403, "application/json", []byte(s))
	}
	f.Add(502, "text/html", []byte("<!doctype html><p>bad"))
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		e := ParseError(status, contentType, body)
		if e == nil || e.Status != status {
			t.Fatalf("got %+v", e)
		}
		for _, s := range []string{e.Code, e.Message, e.RequestID, e.ClientRequestID, e.Date, e.Raw, e.Error()} {
			assertPrintable(t, "field", s)
		}
		for k, v := range e.Inner {
			assertPrintable(t, "inner key", k)
			assertPrintable(t, "inner value", v)
		}
		if len(e.Raw) > excerptLimit+len("…") {
			t.Fatalf("Raw is %d bytes", len(e.Raw))
		}
	})
}
