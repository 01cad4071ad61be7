package auth

import (
	"strings"
	"testing"
)

func TestParseTokenErrorKnownCode(t *testing.T) {
	body := `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: tr\r\nCorrelation ID: co\r\nTimestamp: 2026-11-20 10:00:00Z","error_codes":[7000215],"timestamp":"2026-11-20 10:00:00Z","trace_id":"tr","correlation_id":"co"}`
	te := parseTokenError("p", 401, []byte(body))
	if te.Code != 7000215 || te.OAuthError != "invalid_client" || te.TraceID != "tr" || te.CorrelationID != "co" || te.Timestamp == "" {
		t.Fatalf("parsed = %+v", te)
	}
	if strings.Contains(te.Description, "Trace ID") {
		t.Errorf("description keeps only its first line, got %q", te.Description)
	}
	if !strings.Contains(te.NextStep, "Secret ID") {
		t.Errorf("7000215 next step should warn about the secret ID/value mix-up: %q", te.NextStep)
	}
}

func TestEveryDocumentedCodeHasCauseAndNextStep(t *testing.T) {
	for _, code := range []int{7000215, 7000222, 700016, 90002, 900023, 1002012, 700027, 700024, 7000218, 500011, 7000112, 53003} {
		cause, next, ok := Explain(code)
		if !ok || cause == "" || next == "" {
			t.Errorf("AADSTS%d: cause %q next %q", code, cause, next)
		}
	}
}

func TestParseTokenErrorUnknownCodeKeepsIDs(t *testing.T) {
	te := parseTokenError("p", 400, []byte(`{"error":"invalid_request","error_description":"AADSTS99999: Something new.","trace_id":"t","correlation_id":"c"}`))
	if te.Code != 99999 || te.TraceID != "t" || te.CorrelationID != "c" || te.Description != "AADSTS99999: Something new." {
		t.Fatalf("parsed = %+v", te)
	}
	if te.NextStep == "" {
		t.Error("an unknown code still gets a next step (where to look)")
	}
}

func TestParseTokenErrorNonJSON(t *testing.T) {
	te := parseTokenError("p", 502, []byte("<html><body>\x1b[31mBad gateway</body></html>"))
	if te.Status != 502 || te.Code != 0 {
		t.Fatalf("parsed = %+v", te)
	}
	if strings.ContainsRune(te.Description, 0x1b) {
		t.Error("control bytes from a proxy page must not reach the terminal")
	}
	if !strings.Contains(te.Description, "Bad gateway") {
		t.Errorf("description = %q", te.Description)
	}
}

func FuzzParseTokenError(f *testing.F) {
	f.Add(400, []byte(`{"error":"invalid_client","error_codes":[7000215]}`))
	f.Add(500, []byte(`<html>`))
	f.Add(0, []byte(``))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		te := parseTokenError("p", status, body)
		if te == nil || te.Error() == "" {
			t.Fatal("no error value")
		}
	})
}
