package refdatatest

import "testing"

// Where the data is absent (outside the module, no ../shared/data), a test
// using it is skipped, not failed.
func TestOpenSkipsWhereTheDataIsAbsent(t *testing.T) {
	reached, skipped := false, false
	t.Run("absent", func(t *testing.T) {
		t.Chdir(t.TempDir())
		defer func() { skipped = t.Skipped() }()
		Mocks(t)
		reached = true
	})
	if reached || !skipped {
		t.Errorf("went on after a missing file: %v; skipped: %v", reached, skipped)
	}
}
