package permissions

import (
	"net/url"
	"strings"
)

// graphHosts are the Graph hosts of the public and national clouds, which
// are also recognised without a scheme ("graph.microsoft.com/v1.0/users").
// With a scheme any host is stripped, e.g. the loopback demo tenant.
var graphHosts = []string{
	"graph.microsoft.com",
	"graph.microsoft.us",
	"dod-graph.microsoft.us",
	"microsoftgraph.chinacloudapi.cn",
}

// maxSegments bounds the work one lookup can do; real Graph paths are far
// shorter.
const maxSegments = 64

// splitPath turns a path or URL into its decoded segments, without scheme,
// host, version prefix, query string, fragment or empty segments.
func splitPath(in string) []string {
	s := TrimQuery(strings.TrimSpace(in))
	if i := strings.Index(s, "://"); i > 0 && !strings.Contains(s[:i], "/") {
		s = s[i+len("://"):]
		if j := strings.IndexByte(s, '/'); j >= 0 {
			s = s[j:]
		} else {
			s = ""
		}
	} else if host, rest, _ := strings.Cut(s, "/"); isGraphHost(host) {
		s = rest
	}
	var segs []string
	for _, seg := range strings.Split(s, "/") {
		if seg == "" {
			continue
		}
		if dec, err := url.PathUnescape(seg); err == nil {
			seg = dec
		}
		segs = append(segs, seg)
	}
	if len(segs) > 0 && (strings.EqualFold(segs[0], "v1.0") || strings.EqualFold(segs[0], "beta")) {
		segs = segs[1:]
	}
	return segs
}

// TrimQuery removes the query string and the fragment of a path or URL.
// A '#' that opens "#EXT#" is not a fragment: it is part of a guest's
// userPrincipalName typed unencoded, as in
// /users/john_fabrikam.com#EXT#@contoso.onmicrosoft.com/messages.
func TrimQuery(pathOrURL string) string {
	s := pathOrURL
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '?':
			return s[:i]
		case '#':
			if len(s) >= i+len(extMark) && strings.EqualFold(s[i:i+len(extMark)], extMark) {
				i += len(extMark) - 1
				continue
			}
			return s[:i]
		}
	}
	return s
}

// extMark is what Entra ID puts in a guest's userPrincipalName.
const extMark = "#EXT#"

func isGraphHost(host string) bool {
	host, _, _ = strings.Cut(strings.ToLower(host), ":")
	for _, h := range graphHosts {
		if host == h {
			return true
		}
	}
	return false
}

// matchSegments lower-cases segments for matching and joins OneDrive's
// item-path syntax into one segment: in /drive/root:/a/b.txt:/content the
// path between the colons is one id; without a closing colon it runs to
// the end (/drive/root:/a/b.txt).
func matchSegments(segs []string) []string {
	out := make([]string, 0, len(segs))
	for i := 0; i < len(segs); i++ {
		out = append(out, strings.ToLower(segs[i]))
		if !strings.HasSuffix(segs[i], ":") || i+1 == len(segs) {
			continue
		}
		j := i + 1
		for j < len(segs)-1 && !strings.HasSuffix(segs[j], ":") {
			j++
		}
		out = append(out, strings.ToLower(strings.Join(segs[i+1:j+1], "/")))
		i = j
	}
	return out
}
