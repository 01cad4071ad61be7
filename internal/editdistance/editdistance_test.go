package editdistance

import (
	"math"
	"testing"
)

func TestBounded(t *testing.T) {
	cases := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"client_secret", "client_secret", math.MaxInt, 0},
		{"client_secert", "client_secret", math.MaxInt, 1}, // a swap is one edit
		{"client_idd", "client_id", math.MaxInt, 1},
		{"tenant", "", math.MaxInt, 6},
		{"messages", "mesages", 2, 1},
		{"users", "groups", math.MaxInt, 5},
	}
	for _, c := range cases {
		if got := Bounded(c.a, c.b, c.limit); got != c.want {
			t.Errorf("Bounded(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
	if got := Bounded("applications", "users", 1); got <= 1 {
		t.Errorf("a distant word must come back above the limit, got %d", got)
	}
}
