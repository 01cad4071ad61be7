package profiles

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
)

func TestHostsAreNormalised(t *testing.T) {
	cases := []struct{ in, want string }{
		{"http://LOCALHOST:8080", "http://localhost:8080"},
		{"http://localhost.:8080/", "http://localhost:8080"},
		{"HTTPS://Graph.Microsoft.COM./", "https://graph.microsoft.com"},
		{"graph.microsoft.us", "https://graph.microsoft.us"},
		{"http://[::1]:8443", "http://[::1]:8443"},
		{"https://[::1]", "https://[::1]"},
	}
	for _, c := range cases {
		p := Profile{GraphHost: c.in, AuthorityHost: c.in}
		if got := p.GraphBase(); got != c.want {
			t.Errorf("GraphBase(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := p.LoginBase(); got != c.want {
			t.Errorf("LoginBase(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, h := range []string{"http://LOCALHOST:8080", "http://localhost.:8080", "http://127.0.0.1.:80", "http://[::1]:80"} {
		if msg := checkHost(h); msg != "" {
			t.Errorf("checkHost(%q) = %q, want it accepted as loopback", h, msg)
		}
	}
	if msg := checkHost("http://Example.COM."); !strings.Contains(msg, "plain http") {
		t.Errorf("checkHost(http://Example.COM.) = %q, want plain http refused", msg)
	}
}

func TestProxyIsSkippedForLoopback(t *testing.T) {
	proxyURL, _ := url.Parse("http://proxy.invalid:3128")
	choose := directToLoopback(http.ProxyURL(proxyURL))
	for _, target := range []string{"http://LOCALHOST:1/", "http://localhost.:1/", "http://LocalHost./", "http://127.0.0.1.:1/", "http://[::1]:1/"} {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		if got, err := choose(req); got != nil || err != nil {
			t.Errorf("%s goes through %v (%v); loopback must be direct", target, got, err)
		}
	}
	req := httptest.NewRequest(http.MethodGet, "https://graph.microsoft.com/v1.0/users", nil)
	if got, _ := choose(req); got == nil || got.String() != proxyURL.String() {
		t.Errorf("graph.microsoft.com goes through %v, want the configured proxy", got)
	}
}

// With HTTP_PROXY set, a loopback graph_host spelled in upper case (or
// with a trailing dot) is still reached directly: through the proxy the
// bearer token would travel in clear text. Go reads the proxy variables
// once per process, so the request is made by a child process.
func TestLoopbackGraphHostNeverThroughProxy(t *testing.T) {
	var proxied, direct atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxied.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer proxy.Close()
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		direct.Add(1)
	}))
	defer target.Close()
	port := target.URL[strings.LastIndexByte(target.URL, ':')+1:]
	hosts := []string{"http://LOCALHOST:" + port, "http://LocalHost.:" + port}

	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(),
		helperEnv+"=proxy-get",
		"PROFILES_TEST_OUT="+strings.Join(hosts, " "),
		"HTTP_PROXY="+proxy.URL, "http_proxy="+proxy.URL,
		"NO_PROXY=", "no_proxy=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if n := proxied.Load(); n != 0 {
		t.Errorf("the proxy received %d request(s) for a loopback graph_host:\n%s", n, out)
	}
	if n := direct.Load(); n != int32(len(hosts)) {
		t.Errorf("the Graph host received %d request(s) directly, want %d:\n%s", n, len(hosts), out)
	}
}

// proxyGetHelper runs in the child process of
// TestLoopbackGraphHostNeverThroughProxy: one GET to each graph_host.
func proxyGetHelper() int {
	for _, host := range strings.Fields(os.Getenv("PROFILES_TEST_OUT")) {
		p := Profile{Name: "p", GraphHost: host}
		hc, err := HTTPClient(p)
		if err != nil {
			fmt.Println(err)
			return 1
		}
		resp, err := hc.Get(p.GraphBase() + "/v1.0/users")
		if err != nil {
			fmt.Println(host, err)
			return 1
		}
		resp.Body.Close()
		fmt.Println(host, resp.Status)
	}
	return 0
}
