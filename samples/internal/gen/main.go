// Command gen writes the samples package's embedded catalogue from the
// Microsoft Graph v1.0 API reference's request examples (graph-mocks).
// Run it with 'go generate' in the samples directory; the examples live
// beside the repository, in ../shared/data, and are never copied into it.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
)

func main() {
	in := flag.String("in", "../../shared/data/graph-doc-mocks/graph-v1_0-proxy-mocks.json", "the docs' request examples (JSON)")
	out := flag.String("out", "index.gen.txt.gz", "catalogue to write (gzip-compressed text)")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("%w (the examples are expected beside the repository, in ../shared/data)", err)
	}
	defer f.Close()
	reqs, err := readMocks(f)
	if err != nil {
		return err
	}
	list, st := collect(reqs)
	var buf bytes.Buffer
	write(&buf, list)
	packed, err := compress(buf.Bytes())
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, packed, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %s: %d samples from %d GET examples (%d /me rewritten; left out: %d not v1.0, %d not callable app-only, %d unusable, %d duplicates); %d bytes, %d compressed\n",
		out, len(list), st.gets, st.me, st.otherHost, st.notAppOnly, st.unusable, st.duplicates, buf.Len(), len(packed))
	return nil
}

// compress gzips the catalogue with no name or time in the header, so the
// bytes depend on the text only.
func compress(text []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(text); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
