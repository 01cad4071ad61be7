//go:build unix

package support

import (
	"io/fs"
	"os"
	"syscall"
)

// ownedByOther tells whether someone else owns the file. Root could write
// over it anyway, which is why it is asked rather than left to the kernel.
func ownedByOther(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) != os.Geteuid()
}
