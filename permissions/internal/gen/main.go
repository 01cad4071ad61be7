// Command gen writes the permissions package's embedded index from the
// Microsoft Graph permissions reference. Run it with 'go generate' in the
// permissions directory; the reference lives beside the repository, in
// ../shared/data, and is never copied into it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/graphtui/graphtui/internal/refdata"
)

func main() {
	in := flag.String("in", refdata.Path(refdata.PermissionsFile), "permissions reference (JSON)")
	prov := flag.String("provisioning", refdata.Path(refdata.ProvisioningFile), "app role deployments of the permissions (JSON)")
	out := flag.String("out", "index.gen.txt.gz", "index to write (gzip-compressed text)")
	flag.Parse()
	if err := run(*in, *prov, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, prov, out string) error {
	perms, err := refdata.Load(in, refdata.ReadPermissions)
	if err != nil {
		return err
	}
	deployments, err := refdata.Load(prov, refdata.ReadDeployments)
	if err != nil {
		return err
	}
	ref := newReference(perms, deployments)
	var buf bytes.Buffer
	st, err := write(&buf, ref)
	if err != nil {
		return err
	}
	packed, err := refdata.WriteGzip(out, buf.Bytes())
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %s: %d patterns (GET %d, POST %d, PATCH %d, PUT %d, DELETE %d), %d callable app-only, %d GET ones without an Application least flag, %d with a query skipped; %d bytes, %d compressed\n",
		out, st.patterns, st.perMethod["GET"], st.perMethod["POST"], st.perMethod["PATCH"], st.perMethod["PUT"], st.perMethod["DELETE"],
		st.appOnly, st.noLeastFlag, st.skipped, buf.Len(), packed)
	fmt.Fprintf(os.Stderr, "gen: %d pairs of permissions needed together (AlsoRequires); partners that are no application permission, left out: %s\n", st.combinations, strings.Join(st.lostPartners, ", "))
	fmt.Fprintf(os.Stderr, "gen: %d resource-specific consent permissions flagged least where a tenant-wide one ranks first (marked +)\n", st.rscFlagged)
	fmt.Fprintf(os.Stderr, "gen: %d Application schemes are not application permissions, left out: %s\n", len(st.phantoms), strings.Join(st.phantoms, ", "))
	return nil
}
