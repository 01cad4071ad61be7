package ui

import (
	"net/http"
	"strings"

	"github.com/graphtui/graphtui/graph"
)

// Body templates for well-known writes, picked by method and path (ctrl+y
// in an empty body). Values to replace are plain examples, so the
// template parses as it is and the JSON check stays green while editing.

type bodyTemplate struct {
	method, pattern, name string
	// text is the body; base is the profile's Graph base URL, for a
	// reference to a directory object ($ref).
	text func(base string) string
}

func (t bodyTemplate) body(base string) string { return t.text(base) }

var bodyTemplates = []bodyTemplate{
	{http.MethodPost, "users/{}/sendMail", "send mail", func(string) string {
		return `{
  "message": {
    "subject": "Hello from graphtui",
    "body": {
      "contentType": "Text",
      "content": "Sent with app-only access."
    },
    "toRecipients": [
      {"emailAddress": {"address": "someone@example.com"}}
    ]
  },
  "saveToSentItems": false
}`
	}},
	{http.MethodPost, "users", "create user", func(string) string {
		return `{
  "accountEnabled": true,
  "displayName": "Test User",
  "mailNickname": "test.user",
  "userPrincipalName": "test.user@example.onmicrosoft.com",
  "passwordProfile": {
    "forceChangePasswordNextSignIn": true,
    "password": "change-me-before-sending"
  }
}`
	}},
	{http.MethodPatch, "users/{}", "change a user's job title", func(string) string {
		return `{
  "jobTitle": "Support Engineer"
}`
	}},
	{http.MethodPost, "groups/{}/members/$ref", "add a group member", func(base string) string {
		if base == "" {
			base = "https://graph.microsoft.com"
		}
		return `{
  "@odata.id": "` + base + `/v1.0/directoryObjects/USER-OBJECT-ID"
}`
	}},
}

// templateFor finds the template for a method and a path as typed (with
// or without the version or the host).
func templateFor(method, path string) (bodyTemplate, bool) {
	segs := templateSegments(path)
	for _, t := range bodyTemplates {
		if t.method == method && segmentsMatch(strings.Split(t.pattern, "/"), segs) {
			return t, true
		}
	}
	return bodyTemplate{}, false
}

// templateNames lists the templates for a "there are" hint.
func templateNames() string {
	var out []string
	for _, t := range bodyTemplates {
		out = append(out, t.method+" /"+t.pattern)
	}
	return strings.Join(out, ", ")
}

// templateSegments is the path's segments after the host and version.
func templateSegments(path string) []string {
	p := pathBase(path)
	if _, rest, ok := strings.Cut(p, "://"); ok {
		_, p, _ = strings.Cut(rest, "/")
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if len(segs) > 0 && (strings.EqualFold(segs[0], graph.VersionV1) || strings.EqualFold(segs[0], graph.VersionBeta)) {
		segs = segs[1:]
	}
	return segs
}

func segmentsMatch(pattern, segs []string) bool {
	if len(pattern) != len(segs) {
		return false
	}
	for i, p := range pattern {
		if segs[i] == "" || p != "{}" && !strings.EqualFold(p, segs[i]) {
			return false
		}
	}
	return true
}
