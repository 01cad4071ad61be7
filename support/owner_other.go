//go:build !unix

package support

import "io/fs"

// ownedByOther cannot tell from Windows ACLs; the file system's own
// permission check applies.
func ownedByOther(fs.FileInfo) bool { return false }
