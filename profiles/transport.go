package profiles

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/graphtui/graphtui/internal/fileio"
)

// HTTPClient returns the client used for this profile's login and Graph
// hosts. It trusts the system roots plus the profile's ca_file, if any: the
// demo tenant's self-signed CA is trusted this way, explicitly, and
// certificate checks are never turned off. Requests to loopback never go
// through a proxy.
func HTTPClient(p Profile) (*http.Client, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = directToLoopback(tr.Proxy)
	tr.ResponseHeaderTimeout = 60 * time.Second
	if p.CAFile != "" {
		path, err := expandHome(p.CAFile)
		if err != nil {
			return nil, fmt.Errorf("profile %q: ca_file: %w", p.Name, err)
		}
		pem, err := fileio.ReadRegular(path, 4<<20)
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

// directToLoopback wraps a proxy choice so that loopback hosts are always
// reached directly. Go skips the proxy only for "localhost" spelled in lower
// case and for loopback IPs; through a proxy, a loopback graph_host (plain
// http) would hand the bearer token to the proxy in clear text.
func directToLoopback(proxy func(*http.Request) (*url.URL, error)) func(*http.Request) (*url.URL, error) {
	return func(req *http.Request) (*url.URL, error) {
		if IsLoopback(req.URL.Hostname()) || proxy == nil {
			return nil, nil
		}
		return proxy(req)
	}
}
