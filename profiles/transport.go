package profiles

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
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
	if p.CAFile == "" {
		return &http.Client{Transport: tr}, nil
	}
	path, err := expandHome(p.CAFile)
	if err != nil {
		return nil, fmt.Errorf("profile %q: ca_file: %w", p.Name, err)
	}
	pem, err := fileio.ReadRegular(path, 4<<20)
	if err != nil {
		return nil, fmt.Errorf("profile %q: cannot read ca_file: %w", p.Name, err)
	}
	extra := x509.NewCertPool()
	if !extra.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("profile %q: ca_file %s holds no PEM certificate", p.Name, p.CAFile)
	}
	return &http.Client{Transport: &caFileTransport{base: tr, extra: extra}}, nil
}

// caFileTransport verifies servers against the ca_file first and the
// system roots only when that fails. Go's own check wants one pool holding
// both, and building it reads every file under /etc/ssl/certs (30-60 ms on
// a Debian machine, more than the whole warm request to the demo tenant).
// The check needs the host name, which a connection to an IP address does
// not carry in its TLS state, so each host gets a transport of its own.
type caFileTransport struct {
	base  *http.Transport
	extra *x509.CertPool
	hosts sync.Map // host name -> *http.Transport
}

func (t *caFileTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.URL.Hostname()
	tr, ok := t.hosts.Load(host)
	if !ok {
		hostTr := t.base.Clone()
		hostTr.TLSClientConfig = &tls.Config{
			MinVersion: tls.VersionTLS12,
			// Go's check is replaced, not skipped: VerifyConnection runs the
			// same verification, host name included, for every connection
			// and resumption.
			InsecureSkipVerify: true,
			VerifyConnection:   verifyHost(host, t.extra),
		}
		tr, _ = t.hosts.LoadOrStore(host, hostTr)
	}
	return tr.(*http.Transport).RoundTrip(req)
}

// CloseIdleConnections closes the idle connections of every host's
// transport, as http.Client.CloseIdleConnections expects.
func (t *caFileTransport) CloseIdleConnections() {
	t.hosts.Range(func(_, tr any) bool {
		tr.(*http.Transport).CloseIdleConnections()
		return true
	})
}

// verifyHost checks the server's chain and its name, against the extra
// roots first and then the system's.
func verifyHost(host string, extra *x509.CertPool) func(tls.ConnectionState) error {
	return func(cs tls.ConnectionState) error {
		if host == "" || len(cs.PeerCertificates) == 0 {
			return errors.New("tls: no host name or no server certificate to verify")
		}
		opts := x509.VerifyOptions{DNSName: host, Roots: extra, Intermediates: x509.NewCertPool()}
		for _, c := range cs.PeerCertificates[1:] {
			opts.Intermediates.AddCert(c)
		}
		leaf := cs.PeerCertificates[0]
		_, err := leaf.Verify(opts)
		// Only an unknown issuer is worth a second try: a wrong name or an
		// expired certificate is as wrong against any roots, and says so
		// better than "unknown authority" would.
		var unknown x509.UnknownAuthorityError
		if errors.As(err, &unknown) {
			err = verifySystem(leaf, opts)
		}
		if err != nil {
			return &tls.CertificateVerificationError{UnverifiedCertificates: cs.PeerCertificates, Err: err}
		}
		return nil
	}
}

// verifySystem checks a chain against the system's roots (Go loads them on
// first use); a variable so tests can see when it was needed.
var verifySystem = func(leaf *x509.Certificate, opts x509.VerifyOptions) error {
	opts.Roots = nil
	_, err := leaf.Verify(opts)
	return err
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
