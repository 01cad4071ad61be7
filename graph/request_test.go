package graph

import (
	"errors"
	"strings"
	"testing"
)

func TestBuildURL(t *testing.T) {
	c := &Client{Base: "https://graph.microsoft.com"}
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"relative with slash", Request{Path: "/users"}, "https://graph.microsoft.com/v1.0/users"},
		{"relative without slash", Request{Path: "users"}, "https://graph.microsoft.com/v1.0/users"},
		{"beta", Request{Version: "beta", Path: "/users"}, "https://graph.microsoft.com/beta/users"},
		{"version in path wins", Request{Version: "beta", Path: "/v1.0/users"}, "https://graph.microsoft.com/v1.0/users"},
		{"beta in path", Request{Path: "beta/groups"}, "https://graph.microsoft.com/beta/groups"},
		{"metadata keeps $", Request{Path: "/$metadata"}, "https://graph.microsoft.com/v1.0/$metadata"},
		{"absolute same host", Request{Path: "https://graph.microsoft.com/v1.0/users?$top=5"}, "https://graph.microsoft.com/v1.0/users?$top=5"},
		{"absolute host case and default port", Request{Path: "https://GRAPH.Microsoft.com:443/beta/groups"}, "https://graph.microsoft.com/beta/groups"},
		{"absolute without version", Request{Path: "https://graph.microsoft.com/organization"}, "https://graph.microsoft.com/v1.0/organization"},
		{
			"query options readable",
			Request{Path: "/users", Query: []QueryParam{{"$select", "id,displayName"}, {"$filter", "startswith(displayName,'A b')"}, {"$top", "5"}}},
			"https://graph.microsoft.com/v1.0/users?$select=id,displayName&$filter=startswith(displayName,'A%20b')&$top=5",
		},
		{
			"query values keep & + = # % literally",
			Request{Path: "/users", Query: []QueryParam{{"$search", `"displayName:a&b+c=d#e%f"`}}},
			"https://graph.microsoft.com/v1.0/users?$search=%22displayName:a%26b%2Bc%3Dd%23e%25f%22",
		},
		{
			"non-ASCII value",
			Request{Path: "/users", Query: []QueryParam{{"$filter", "surname eq 'Zoë'"}}},
			"https://graph.microsoft.com/v1.0/users?$filter=surname%20eq%20'Zo%C3%AB'",
		},
		{
			"query typed in the path is kept, # is not a fragment",
			Request{Path: "/groups?$filter=displayName eq 'C#'&$count=true"},
			"https://graph.microsoft.com/v1.0/groups?$filter=displayName%20eq%20'C%23'&$count=true",
		},
		{
			"existing escapes are not escaped twice",
			Request{Path: "/users?$filter=mail%20eq%20'a%40b.com'"},
			"https://graph.microsoft.com/v1.0/users?$filter=mail%20eq%20'a%40b.com'",
		},
		{
			"path query then Query, in order",
			Request{Path: "/users?$top=5", Query: []QueryParam{{"$select", "id"}}},
			"https://graph.microsoft.com/v1.0/users?$top=5&$select=id",
		},
		{"space in path", Request{Path: "/me/drive/root:/My File.txt:"}, "https://graph.microsoft.com/v1.0/me/drive/root:/My%20File.txt:"},
		{"key segment keeps quotes and parentheses", Request{Path: "/users('a@b.com')"}, "https://graph.microsoft.com/v1.0/users('a@b.com')"},
		{"function call", Request{Path: "/reports/getOffice365ActiveUserDetail(period='D7')"}, "https://graph.microsoft.com/v1.0/reports/getOffice365ActiveUserDetail(period='D7')"},
		{"empty value", Request{Path: "/users", Query: []QueryParam{{"$count", ""}}}, "https://graph.microsoft.com/v1.0/users?$count="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := c.BuildURL(tt.req)
			if err != nil {
				t.Fatalf("BuildURL: %v", err)
			}
			if got := u.String(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestBuildURLBaseWithPortAndPath(t *testing.T) {
	c := &Client{Base: "https://127.0.0.1:8443/graph/"}
	for _, path := range []string{"/users", "https://127.0.0.1:8443/graph/v1.0/users"} {
		u, err := c.BuildURL(Request{Path: path})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if want := "https://127.0.0.1:8443/graph/v1.0/users"; u.String() != want {
			t.Errorf("%s: got %s, want %s", path, u, want)
		}
	}
}

func TestBuildURLRefusesForeignHosts(t *testing.T) {
	c := &Client{Base: "https://graph.microsoft.com"}
	tests := []struct{ path, host string }{
		{"https://evil.example.com/v1.0/users", "evil.example.com"},
		{"https://graph.microsoft.com:8443/v1.0/users", "graph.microsoft.com:8443"},
		{"https://evil.graph.microsoft.com/v1.0/users", "evil.graph.microsoft.com"},
		{"https://graph.microsoft.com.evil.com/v1.0/users", "graph.microsoft.com.evil.com"},
		{"https://graph.microsoft.com@evil.com/v1.0/users", "evil.com"},
		{"http://graph.microsoft.com/v1.0/users", "http://graph.microsoft.com"},
		{"HTTPS://graph.microsoft.us/v1.0/users", "graph.microsoft.us"},
	}
	for _, tt := range tests {
		_, err := c.BuildURL(Request{Path: tt.path})
		var fe *ForeignHostError
		if !errors.As(err, &fe) {
			t.Errorf("%s: got %v, want a ForeignHostError", tt.path, err)
			continue
		}
		if fe.Host != tt.host || fe.What != "URL" {
			t.Errorf("%s: got host %q what %q, want host %q what URL", tt.path, fe.Host, fe.What, tt.host)
		}
		if !strings.Contains(fe.Error(), "graph.microsoft.com") || !strings.Contains(fe.Error(), "token") {
			t.Errorf("%s: message should name the allowed host and the token: %s", tt.path, fe.Error())
		}
	}
}

func TestBuildURLErrors(t *testing.T) {
	tests := []struct {
		name, base string
		req        Request
		want       string
	}{
		{"empty path", "https://graph.microsoft.com", Request{Path: "  "}, "empty Graph path"},
		{"unknown version", "https://graph.microsoft.com", Request{Version: "v2", Path: "/users"}, "use v1.0 or beta"},
		{"empty query key", "https://graph.microsoft.com", Request{Path: "/users", Query: []QueryParam{{"", "5"}}}, "empty name"},
		{"user info", "https://graph.microsoft.com", Request{Path: "https://me:pw@graph.microsoft.com/v1.0/me"}, "user name or password"},
		{"bad base", "graph.microsoft.com", Request{Path: "/users"}, "invalid Graph base URL"},
	}
	for _, tt := range tests {
		c := &Client{Base: tt.base}
		_, err := c.BuildURL(tt.req)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error containing %q", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "pw") {
			t.Errorf("%s: error leaks the password: %v", tt.name, err)
		}
	}
}
