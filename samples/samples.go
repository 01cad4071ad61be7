package samples

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/graphtui/graphtui/permissions"
)

//go:embed index.gen.txt.gz
var packed []byte

// Sample is one query of the catalogue.
type Sample struct {
	// Method is the HTTP method, "GET" for every sample today.
	Method string `json:"method"`
	// Path is the URL after the version prefix, with its query string:
	// "/users/{id}/messages?$select=subject". Placeholders in braces stand
	// for the ids a caller fills in.
	Path string `json:"path"`
	// Permission is the least-privileged application permission for the
	// request; two joined by " + " when only the pair allows it.
	Permission string `json:"permission"`
	// Workload is the service the request is about: "mail", "teams",
	// "sites", "identity"...
	Workload string `json:"workload"`
}

// load reads the embedded catalogue once and looks every sample's
// permission up in the permissions reference.
var load = sync.OnceValues(func() ([]Sample, error) { return parse(packed) })

func parse(gz []byte) ([]Sample, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("samples: the embedded catalogue is damaged: %w", err)
	}
	var out []Sample
	sc := bufio.NewScanner(zr)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		method, path, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("samples: the embedded catalogue is damaged at line %d", n)
		}
		m, found := permissions.LookupMethod(method, path)
		pick := m.Pick()
		if !found || len(pick) == 0 {
			// The generator keeps only callable samples; a reference
			// regenerated since may have dropped one.
			continue
		}
		out = append(out, Sample{Method: method, Path: path, Permission: strings.Join(pick, " + "), Workload: workloadOf(path)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("samples: the embedded catalogue is damaged: %w", err)
	}
	slices.SortStableFunc(out, func(a, b Sample) int {
		return cmp.Or(strings.Compare(a.Workload, b.Workload), strings.Compare(a.Path, b.Path))
	})
	return out, nil
}

// All is every sample, by workload, then path.
func All() []Sample {
	all, err := load()
	if err != nil {
		// The catalogue is embedded at build time; TestCatalogueLoads
		// keeps a damaged one from shipping.
		panic(err)
	}
	return slices.Clone(all)
}

// Search returns the samples matching filter, in All's order: each of the
// filter's words, ignoring case, must occur in the path, the permission or
// the workload ("mail", "Sites.Read", "users messages"). An empty filter
// matches every sample.
func Search(filter string) []Sample {
	words := strings.Fields(strings.ToLower(filter))
	all := All()
	if len(words) == 0 {
		return all
	}
	out := all[:0]
	for _, s := range all {
		text := strings.ToLower(s.Path + " " + s.Permission + " " + s.Workload)
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(text, w) }) {
			out = append(out, s)
		}
	}
	return out
}

// Workloads are the workloads of the catalogue, sorted, each once.
func Workloads() []string {
	var out []string
	for _, s := range All() {
		if len(out) == 0 || out[len(out)-1] != s.Workload {
			out = append(out, s.Workload)
		}
	}
	return out
}
