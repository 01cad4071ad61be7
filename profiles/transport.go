package profiles

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"time"
)

// HTTPClient returns the client used for this profile's login and Graph
// hosts. It trusts the system roots plus the profile's ca_file, if any: the
// demo tenant's self-signed CA is trusted this way, explicitly, and
// certificate checks are never turned off.
func HTTPClient(p Profile) (*http.Client, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 60 * time.Second
	if p.CAFile != "" {
		path, err := expandHome(p.CAFile)
		if err != nil {
			return nil, fmt.Errorf("profile %q: ca_file: %w", p.Name, err)
		}
		pem, err := readRegularFile(path, 4<<20)
		if err != nil {
			return nil, fmt.Errorf("profile %q: cannot read ca_file: %w", p.Name, err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("profile %q: ca_file %s holds no PEM certificate", p.Name, p.CAFile)
		}
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr}, nil
}
