// Package canceltest checks, for the tests of calls that wait on slow
// servers, programs or keyrings, that cancelling the context stops the
// call at once (esc in the TUI, Ctrl-C in the CLI). It is used only from
// tests.
package canceltest

import (
	"context"
	"testing"
	"time"
)

// Stops cancels and returns the error the call then sends on done. The
// call must return within a second; what names it in failures.
func Stops(t testing.TB, what string, cancel context.CancelFunc, done <-chan error) error {
	t.Helper()
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s returned %s after cancel", what, took)
		}
		return err
	case <-time.After(3 * time.Second):
		t.Fatalf("%s did not return after cancel", what)
		return nil
	}
}
