package session

import (
	"errors"
	"net/url"
	"strings"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/profiles"
)

// GraphPathOf is the part of a refused URL to send to the profile's own
// Graph host instead: "/v1.0/users?$top=5" for a pasted
// https://graph.microsoft.com/v1.0/users?$top=5 when the profile uses the
// demo tenant or a national cloud. It reports false unless err refused
// the URL itself (not a nextLink) and the URL is on a Graph host of one
// of the clouds: another host may be anything, and its path means nothing
// to Graph.
func GraphPathOf(err error, requested string) (string, bool) {
	var fe *graph.ForeignHostError
	if !errors.As(err, &fe) || fe.What != "URL" {
		return "", false
	}
	scheme, rest, ok := strings.Cut(strings.TrimSpace(requested), "://")
	if !ok || !strings.EqualFold(scheme, "https") {
		return "", false
	}
	host, path := rest, "/"
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	if !isCloudGraphHost(host) {
		return "", false
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return path, true
}

func isCloudGraphHost(host string) bool {
	for _, c := range profiles.Clouds {
		if u, err := url.Parse(c.Graph); err == nil && strings.EqualFold(u.Host, strings.TrimSuffix(host, ":443")) {
			return true
		}
	}
	return false
}
