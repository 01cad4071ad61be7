package permissions

import (
	"regexp"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/internal/refdata/refdatatest"
)

// docGETs are the GET requests of the Graph v1.0 API reference's examples:
// url with * for ids, exampleUrl with the docs' sample values.
func docGETs(t *testing.T) (urls, examples []string) {
	t.Helper()
	for _, m := range refdatatest.Mocks(t) {
		if m.Request.Method == "GET" {
			urls = append(urls, m.Request.URL)
			examples = append(examples, m.Request.ExampleURL)
		}
	}
	return urls, examples
}

// The docs' GET examples find a pattern. The rest are paths the
// permissions reference has no GET entry for (measured: every miss),
// e.g. /communications/callRecords, so the rate is pinned where it is.
func TestDocExamplesHitRate(t *testing.T) {
	urls, examples := docGETs(t)
	for _, set := range []struct {
		name string
		urls []string
		min  float64
	}{{"url", urls, 0.92}, {"exampleUrl", examples, 0.93}} {
		hits := 0
		for _, u := range set.urls {
			if _, ok := Lookup(u); ok {
				hits++
			}
		}
		rate := float64(hits) / float64(len(set.urls))
		t.Logf("%s: %d of %d GET examples match a pattern (%.1f%%)", set.name, hits, len(set.urls), 100*rate)
		if rate < set.min {
			t.Errorf("%s: hit rate %.3f, want >= %.2f", set.name, rate, set.min)
		}
	}
}

// No doc example under /me or /education/me is callable app-only, and each
// is answered (not "no such path"): an app token has no signed-in user.
func TestDocExamplesMeIsNotAppCallable(t *testing.T) {
	urls, examples := docGETs(t)
	n := 0
	for _, u := range append(urls, examples...) {
		segs := matchSegments(splitPath(u))
		if meSegments(segs) == 0 {
			continue
		}
		n++
		m, ok := Lookup(u)
		if !ok || m.AppOnly {
			t.Errorf("Lookup(%q) = pattern %q, found %v, app-callable %v; want found and delegated only", u, m.Pattern, ok, m.AppOnly)
		}
	}
	t.Logf("%d /me examples", n)
	if n == 0 {
		t.Error("no /me example found; the sweep checks nothing")
	}
}

// When an example's path is literally one of the reference's patterns
// (ids written as *), Lookup must pick that pattern and no less specific
// one.
func TestDocExamplesPickTheirOwnPattern(t *testing.T) {
	urls, _ := docGETs(t)
	placeholder := regexp.MustCompile(`\{[^}]*\}`)
	byShape := map[string]string{}
	for _, e := range get().entries {
		byShape[placeholder.ReplaceAllString(e.lower, "*")] = e.pattern
	}
	checked := 0
	for _, u := range urls {
		m, _ := Lookup(u)
		shape := strings.ToLower(m.Path)
		want, ok := byShape[shape]
		if !ok {
			continue
		}
		checked++
		if m.Pattern != want {
			t.Errorf("Lookup(%q) = %q, want its own pattern %q", u, m.Pattern, want)
		}
	}
	t.Logf("%d examples are written exactly as a pattern", checked)
	if checked < len(urls)/2 {
		t.Errorf("only %d of %d examples compared; the shape conversion is broken", checked, len(urls))
	}
}
