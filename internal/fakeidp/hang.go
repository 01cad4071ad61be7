package fakeidp

import (
	"io"
	"net/http"
	"sync"
	"testing"
)

// StartHanging is Start with a token endpoint that holds every request
// until release is called (then it answers with GoodToken) or the client
// goes away. arrived gets a signal for each request it holds, so a test
// can act knowing a token request is on the wire. The test's end releases
// what is still held.
func StartHanging(t testing.TB) (s *Server, arrived <-chan struct{}, release func()) {
	t.Helper()
	held := make(chan struct{})
	release = sync.OnceFunc(func() { close(held) })
	ch := make(chan struct{}, 16)
	s = Start(t, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // so the server notices when the client hangs up
		select {
		case ch <- struct{}{}:
		default: // nobody is counting this many
		}
		select {
		case <-held:
			GoodToken(w, r)
		case <-r.Context().Done():
		}
	})
	t.Cleanup(release)
	return s, ch, release
}
