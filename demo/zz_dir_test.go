package demo
import ("testing";"time")
func TestZZDir(t *testing.T) {
	reg, err := newRegistry(time.Now(), "https://127.0.0.1:1")
	if err != nil { t.Fatal(err) }
	for _, n := range []int{120, LargeDirectoryUsers} {
		s := time.Now(); newDirectory(reg, n); t.Logf("%d: %v", n, time.Since(s))
	}
	s := time.Now(); _, err = Start(Options{Users: LargeDirectoryUsers}); t.Logf("Start: %v", time.Since(s))
}
