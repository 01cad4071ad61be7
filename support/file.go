package support

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/graphtui/graphtui/internal/fileio"
)

// Render is the bundle as it goes into path: JSON for a .json name, text
// otherwise. It refuses a bundle that would still hold a JWT.
func (b *Bundle) Render(path string) ([]byte, error) {
	if strings.HasSuffix(strings.ToLower(path), ".json") {
		out, err := b.JSON()
		if err != nil {
			return nil, err
		}
		return refuseJWT(out)
	}
	return refuseJWT([]byte(b.Text()))
}

// WriteFile writes the bundle to path with mode 0600: it names the tenant
// and the app, which is nobody else's business on a shared machine. path
// must be a new file or a regular file of the user's, which is replaced
// whole (temporary file and rename), never written through.
func (b *Bundle) WriteFile(path string) error {
	out, err := b.Render(path)
	if err != nil {
		return err
	}
	if err := checkTarget(path); err != nil {
		return err
	}
	return fileio.Write(path, out)
}

// checkTarget refuses a path where writing would change something else: a
// link's target, a device (as root, a chmod would break /dev/null for
// everyone) or another user's file. The rename that follows replaces the
// directory entry itself, so a link put there after this check is replaced,
// not followed.
func checkTarget(path string) error {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot write the bundle to %s: no such directory %s; create it first, or choose another path", path, dir)
	}
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot write the bundle to %s: %w", path, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link, and a bundle is not written through one; give a new file name, or the path of the file itself", path)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file (a directory, device or pipe); give the name of a new file", path)
	case ownedByOther(fi):
		return fmt.Errorf("%s belongs to another user; give the name of a new file, or of a file of yours", path)
	}
	return nil
}
