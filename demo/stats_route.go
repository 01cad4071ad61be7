package demo

// GET /v1.0/demo/stats is not Graph: it answers Stats as JSON, so a script
// run against `graphtui demo serve` (bench/warm.sh) can count the
// identity-platform requests a command made.

// StatsPath is the stats route under the Graph version.
const StatsPath = "/demo/stats"

func getStats(c *call, _ []string) {
	s := c.t.Stats()
	tokens := 0
	for _, n := range s.TokenRequests {
		tokens += n.Total()
	}
	c.ok(ordered{
		{"tokenRequests", tokens},
		{"discoveryRequests", s.DiscoveryRequests},
		{"graphRequests", s.GraphTotal()},
	})
}
