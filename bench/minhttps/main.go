// Command minhttps is the yardstick for graphtui's start-up (bench/compare.sh):
// the least a Go program that can speak HTTPS links, net/http and
// crypto/tls, printing a version line as `graphtui --version` does.
package main

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println("minhttps 1.0")
		return
	}
	// Never run by the benchmark; it keeps the HTTPS client linked in.
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}}
	resp, err := c.Get(os.Args[len(os.Args)-1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp.Body.Close()
	fmt.Println(resp.Status)
}
