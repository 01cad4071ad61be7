package graph

import (
	"net/http"
	"strings"
	"testing"
)

// The command pastes into a shell as is: $TOKEN expands, nothing in the URL
// or headers does, quotes survive, and a typed Authorization never appears.
func TestCurlCommand(t *testing.T) {
	header := http.Header{
		"Consistencylevel": {"eventual"},
		"Prefer":           {`outlook.body-content-type="text"`},
		"Authorization":    {"Bearer typed-by-hand-eyJ0eXAi"},
	}
	url := "https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'O''Neil')&$count=true"
	want := `curl -H "Authorization: Bearer $TOKEN" -H 'ConsistencyLevel: eventual' -H 'Prefer: outlook.body-content-type="text"' ` +
		`'https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'\''O'\'''\''Neil'\'')&$count=true'`
	if got := CurlCommand(url, header); got != want {
		t.Fatalf("CurlCommand =\n%s\nwant\n%s", got, want)
	}
}

func TestCurlCommandTurnsGlobbingOffForBrackets(t *testing.T) {
	if got := CurlCommand("https://graph.microsoft.com/v1.0/sites/{id}/lists", nil); !strings.HasPrefix(got, "curl --globoff ") {
		t.Fatalf("CurlCommand = %s, want --globoff for a URL curl would glob", got)
	}
}

func TestCurlCommandNeedsAURL(t *testing.T) {
	if got := CurlCommand("", http.Header{"Prefer": {"x"}}); got != "" {
		t.Fatalf("CurlCommand without a URL = %q, want empty", got)
	}
}

func TestCurlOfAWrite(t *testing.T) {
	got := Curl("PATCH", "https://graph.microsoft.com/v1.0/users/x", http.Header{"Content-Type": {"application/json"}})
	want := `curl -X PATCH -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data @body.json 'https://graph.microsoft.com/v1.0/users/x'`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := Curl("DELETE", "https://graph.microsoft.com/v1.0/users/x", nil); strings.Contains(got, "--data") || !strings.Contains(got, "-X DELETE") {
		t.Errorf("DELETE: %s", got)
	}
}
