// Package bytesize writes a byte count the way graphtui shows it
// everywhere: status lines, the trace, notes and messages. It is its own
// package because both the HTTP client (graph) and the body printer
// (render) use it, and neither may depend on the other for it.
package bytesize

import "fmt"

// Text is n bytes as "512 B", "1.5 KB" or "2.0 MB".
func Text(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
