package demo
import ("testing";"os";"fmt";"strings")
func TestZZSnap(t *testing.T) {
	dir := os.Getenv("ZZSNAP"); if dir == "" { t.Skip() }
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)
	gen := userIDOf("liam.nakamura1")
	paths := []string{
		"/v1.0/users?$top=999", "/v1.0/users", "/v1.0/users?$filter=department eq 'Engineering'&$top=999&$count=true",
		"/v1.0/users?$orderby=displayName desc&$top=50", "/v1.0/users/" + gen, "/v1.0/users/liam.nakamura1@contoso.com",
		"/v1.0/users/" + gen + "/memberOf", "/v1.0/users/" + gen + "/manager",
		"/v1.0/groups/" + groupAllCompanyID + "/members?$top=999", "/v1.0/groups/" + stableID("group/engineering") + "/members",
		"/v1.0/groups/" + stableID("group/engineering") + "/members/$count", "/v1.0/users/$count", "/v1.0/groups",
		"/v1.0/users?$filter=startswith(displayName,'Mia')&$select=id,displayName", "/v1.0/users/ava.thompson@contoso.com/memberOf", "/v1.0/users/" + userIDOf("sofia.rossi6") + "/memberOf", "/v1.0/users/NOAH.LARSEN2@contoso.com", "/v1.0/users/noah.larsen3@contoso.com", "/v1.0/users/" + userIDOf("olivia.fischer23") + "/memberOf", "/v1.0/users/priya.haddad120@contoso.com", "/v1.0/users/priya.haddad121@contoso.com", "/v1.0/users/priya.haddad0@contoso.com", "/v1.0/users/x@contoso.com",
	}
	var out strings.Builder
	for _, p := range paths {
		resp, body := graphGet(t, tn, token, p, "ConsistencyLevel", "eventual")
		s := strings.ReplaceAll(string(body), tn.GraphURL(), "GRAPH")
		fmt.Fprintf(&out, "== %s %d\n%s\n", p, resp.StatusCode, s)
	}
	os.WriteFile(dir+"/snap.txt", []byte(out.String()), 0o644)
}
