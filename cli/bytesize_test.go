package cli

import "testing"

func TestByteSizeFlag(t *testing.T) {
	for in, want := range map[string]int64{"256MB": 256 << 20, "1gb": 1 << 30, "512 KB": 512 << 10, "1000": 1000, "77B": 77} {
		var s byteSize
		if err := s.Set(in); err != nil || int64(s) != want {
			t.Errorf("%q: %d, %v; want %d", in, s, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1MB", "1.5GB", "64MiB", "lots", "9999999999GB"} {
		var s byteSize
		if err := s.Set(in); err == nil {
			t.Errorf("%q: accepted as %d", in, s)
		}
	}
	if s := byteSize(64 << 20); s.String() != "64MB" {
		t.Errorf("64<<20 shows as %s", s.String())
	}
}
