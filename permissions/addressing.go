package permissions

import "strings"

// Path-based addressing names an item or a site by its path between
// colons; it stands for the id the reference's patterns use:
//
//	/drives/{id}/root:/Reports/Q1.xlsx:/content  -> /drives/{id}/items/{id}/content
//	/drives/{id}/items/{id}:/a/b.txt:/content    -> /drives/{id}/items/{id}/content
//	/sites/contoso.sharepoint.com:/sites/hr:/lists -> /sites/{id}/lists
//
// Without a closing colon the path runs to the end (/drive/root:/a.txt).

// addressed is a stand-in id: any placeholder matches it, no literal does.
const addressed = "{id}"

// resolveAddressing rewrites the colon forms in lower-cased segments; ok
// is false when there are none.
func resolveAddressing(segs []string) (out []string, ok bool) {
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if !strings.HasSuffix(s, ":") {
			out = append(out, s)
			continue
		}
		prev := ""
		if i > 0 {
			prev = segs[i-1]
		}
		var repl []string
		switch {
		case prev == "sites":
			repl = []string{addressed} // hostname:/path: is the site
		case s == "root:":
			repl = []string{"items", addressed} // root:/path: is an item
		case prev == "items":
			repl = []string{addressed} // items/{id}:/path: is an item below it
		default:
			out = append(out, s)
			continue
		}
		// Skip the path up to the segment that closes it with a colon.
		j := i + 1
		for j < len(segs) && !strings.HasSuffix(segs[j], ":") {
			j++
		}
		if j == len(segs) && s == "root:" && i+1 == len(segs) {
			repl = []string{"root"} // /drive/root: is the root itself
		}
		out, ok = append(out, repl...), true
		i = j
	}
	return out, ok
}
