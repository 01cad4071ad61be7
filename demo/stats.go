package demo

import (
	"maps"
	"sync"
)

// Stats counts what the tenant was asked, so tests can check behaviour that
// is invisible in responses, such as "one token request for many Graph calls".
type Stats struct {
	// TokenRequests by the client_id sent (an empty key when none was sent).
	TokenRequests map[string]TokenRequests
	// GraphRequests by URL path as sent, e.g. "/v1.0/users". Every request
	// counts, whatever its answer.
	GraphRequests map[string]int
	// DiscoveryRequests counts OpenID configuration and instance discovery
	// documents served.
	DiscoveryRequests int
}

// TokenRequests counts one client's token requests by outcome.
type TokenRequests struct {
	Succeeded int
	Failed    int
}

// Total is Succeeded + Failed.
func (c TokenRequests) Total() int { return c.Succeeded + c.Failed }

// GraphTotal is the number of Graph requests over all paths.
func (s Stats) GraphTotal() int {
	n := 0
	for _, c := range s.GraphRequests {
		n += c
	}
	return n
}

type statsRecorder struct {
	mu sync.Mutex
	s  Stats
}

func newStatsRecorder() *statsRecorder {
	return &statsRecorder{s: Stats{
		TokenRequests: map[string]TokenRequests{},
		GraphRequests: map[string]int{},
	}}
}

func (r *statsRecorder) token(clientID string, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.s.TokenRequests[clientID]
	if ok {
		c.Succeeded++
	} else {
		c.Failed++
	}
	r.s.TokenRequests[clientID] = c
}

func (r *statsRecorder) graph(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.s.GraphRequests[path]++
}

func (r *statsRecorder) discovery() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.s.DiscoveryRequests++
}

func (r *statsRecorder) snapshot() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Stats{
		TokenRequests:     maps.Clone(r.s.TokenRequests),
		GraphRequests:     maps.Clone(r.s.GraphRequests),
		DiscoveryRequests: r.s.DiscoveryRequests,
	}
}
