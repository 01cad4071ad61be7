package demo
import ("testing";"time";"net/http")
func TestZZScale(t *testing.T) {
	start := time.Now()
	tn := startTenant(t, Options{Users: LargeDirectoryUsers})
	t.Logf("start: %v", time.Since(start))
	token := tokenFor(t, tn, ProfileReader)
	for _, p := range []string{"/v1.0/users?$top=999", "/v1.0/users?$top=999&$skiptoken=" + encodeSkipToken(99000),
		"/v1.0/users?$filter=startswith(displayName,'Mia')&$top=5", "/v1.0/users/" + userIDOf("priya.haddad120"),
		"/v1.0/users/" + userIDOf("priya.haddad120"), "/v1.0/groups/" + groupAllCompanyID + "/members?$top=999",
		"/v1.0/users?$orderby=displayName&$top=5"} {
		s := time.Now()
		resp, body := graphGet(t, tn, token, p)
		t.Logf("%s: %d, %d bytes, %v", p, resp.StatusCode, len(body), time.Since(s))
		if resp.StatusCode != http.StatusOK { t.Error(string(body)) }
	}
}
