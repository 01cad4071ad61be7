package demo
import ("testing")
func BenchmarkZZLP(b *testing.B) {
	g := &generatedUsers{n: 100000}
	for b.Loop() { makeLargePage("https://x/v1.0/$metadata#users", g, 5<<20) }
}
