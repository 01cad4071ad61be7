package profiles

import (
	"net"
	"net/url"
	"strings"
)

// normalizeHost spells a configured host (authority_host, graph_host) one
// way: a base URL with the scheme and host in lower case, no trailing dot on
// the host and no trailing slash. Host names are case-insensitive and
// "localhost." is "localhost", but the loopback check, the origin checks and
// Go's own proxy bypass compare strings: "http://LOCALHOST:8080" passed as
// loopback yet went through HTTP_PROXY. Every check and every request goes
// through this spelling.
func normalizeHost(h string) string {
	base := strings.TrimRight(withScheme(strings.TrimSpace(h)), "/")
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return base // checkHost says what is wrong with it
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := canonicalHostname(u.Hostname())
	switch {
	case u.Port() != "":
		u.Host = net.JoinHostPort(host, u.Port())
	case strings.Contains(host, ":"):
		u.Host = "[" + host + "]" // IPv6 literal
	default:
		u.Host = host
	}
	return u.String()
}

// canonicalHostname lower-cases a host name and drops the trailing dot of a
// fully qualified name.
func canonicalHostname(host string) string {
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// IsLoopback reports whether host (a host name or IP, without port) is this
// machine: localhost in any letter case, with or without a trailing dot, or
// a loopback address.
func IsLoopback(host string) bool {
	host = canonicalHostname(host)
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
