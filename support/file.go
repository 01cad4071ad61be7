package support

import (
	"os"
	"strings"
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
// and the app, which is nobody else's business on a shared machine. An
// existing file is replaced and its mode tightened.
func (b *Bundle) WriteFile(path string) error {
	out, err := b.Render(path)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(out); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
