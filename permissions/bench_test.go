package permissions

import "testing"

// BenchmarkLoad is the cost of the first Lookup or Suggest: decompress,
// parse and build the trie.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseIndex(packedIndex); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(packedIndex)), "embedded-bytes")
}

func BenchmarkLookup(b *testing.B) {
	urls := []string{
		"https://graph.microsoft.com/v1.0/users/adele@contoso.com/messages?$top=5",
		"/users/delta",
		"/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')/appRoleAssignedTo",
		"/reports/getOffice365ActiveUserDetail(period='D7')",
		"/me/drive/root:/Documents/report.docx:/content",
		"/sites/contoso.sharepoint.com,1,2/lists/l/items/i/driveItem/content",
		"/nosuch/path",
	}
	get()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Lookup(urls[i%len(urls)])
	}
}

func BenchmarkSuggest(b *testing.B) {
	inputs := []string{"/", "/us", "/users/adele@contoso.com/mess", "usrmsg", "/sits/x/lsts"}
	get()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Suggest(inputs[i%len(inputs)], 10)
	}
}
