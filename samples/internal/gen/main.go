// Command gen writes the samples package's embedded catalogue from the
// Microsoft Graph v1.0 API reference's request examples (graph-mocks).
// Run it with 'go generate' in the samples directory; the examples live
// beside the repository, in ../shared/data, and are never copied into it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/graphtui/graphtui/internal/refdata"
)

func main() {
	in := flag.String("in", refdata.Path(refdata.MocksFile), "the docs' request examples (JSON)")
	out := flag.String("out", "index.gen.txt.gz", "catalogue to write (gzip-compressed text)")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	mocks, err := refdata.Load(in, refdata.ReadMocks)
	if err != nil {
		return err
	}
	list, st := collect(requests(mocks))
	var buf bytes.Buffer
	write(&buf, list)
	packed, err := refdata.WriteGzip(out, buf.Bytes())
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %s: %d samples from %d GET examples (%d /me rewritten; left out: %d not v1.0, %d not callable app-only, %d unusable, %d duplicates); %d bytes, %d compressed\n",
		out, len(list), st.gets, st.me, st.otherHost, st.notAppOnly, st.unusable, st.duplicates, buf.Len(), packed)
	return nil
}
