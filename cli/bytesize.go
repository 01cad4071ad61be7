package cli

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// byteSize is a size flag: bytes, or a whole number of KB, MB or GB.
// Units are powers of 1024, as graphtui prints sizes (64.0 MB = 64<<20).
type byteSize int64

var sizeUnits = []struct {
	suffix string
	bytes  int64
}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}}

func (s *byteSize) Set(v string) error {
	text := strings.ToUpper(strings.TrimSpace(v))
	unit := int64(1)
	for _, u := range sizeUnits {
		if t, ok := strings.CutSuffix(text, u.suffix); ok {
			text, unit = strings.TrimSpace(t), u.bytes
			break
		}
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/unit {
		return errors.New("use a size such as 256MB, 1GB or 500000 (bytes)")
	}
	*s = byteSize(n * unit)
	return nil
}

// String is the size in the largest unit that divides it.
func (s *byteSize) String() string {
	for _, u := range sizeUnits {
		if n := int64(*s); n != 0 && n%u.bytes == 0 {
			return fmt.Sprintf("%d%s", n/u.bytes, u.suffix)
		}
	}
	return "0B"
}

func (s *byteSize) Type() string { return "SIZE" }

// suggestedCap is a --max-body worth trying after a body was cut at n
// bytes: four times as much, in whole MB.
func suggestedCap(n int) string {
	mb := max((4*int64(n)+(1<<20)-1)>>20, 1)
	return fmt.Sprintf("%dMB", mb)
}
