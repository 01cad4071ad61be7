package demo

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestLargeDirectory(t *testing.T) {
	tn := startTenant(t, Options{Users: LargeDirectoryUsers})
	token := tokenFor(t, tn, ProfileReader)
	total := len(storyUsers) + LargeDirectoryUsers

	resp, body := graphGet(t, tn, token, "/v1.0/users/$count", "ConsistencyLevel", "eventual")
	if resp.StatusCode != http.StatusOK || string(body) != strconv.Itoa(total) {
		t.Fatalf("/users/$count: %d %s, want %d", resp.StatusCode, body, total)
	}

	// The last page of 999, reached the way a nextLink would.
	last := graphJSONBody(t, tn, token, "/v1.0/users?$top=999&$skiptoken="+encodeSkipToken(total-20), http.StatusOK)
	users := values(t, last)
	if len(users) != 20 || last["@odata.nextLink"] != nil {
		t.Fatalf("last page: %d users, nextLink %v", len(users), last["@odata.nextLink"])
	}
	lastUser := users[19]
	upn, _ := lastUser["userPrincipalName"].(string)
	if want := "@" + CompanyDomain; len(upn) < len(want) || upn[len(upn)-len(want):] != want || upn[len(upn)-len(want)-6:len(upn)-len(want)] != "100000" {
		t.Errorf("last user's UPN %q is not user number 100000's", upn)
	}
	for _, key := range []string{upn, lastUser["id"].(string)} {
		u := graphJSONBody(t, tn, token, "/v1.0/users/"+key, http.StatusOK)
		if u["id"] != lastUser["id"] || u["displayName"] != lastUser["displayName"] {
			t.Errorf("/users/%s: got %v, %v; want the last user of the list", key, u["id"], u["displayName"])
		}
	}
	graphJSONBody(t, tn, token, "/v1.0/users/"+upn[:len(upn)-len(CompanyDomain)-2]+"1@"+CompanyDomain, http.StatusNotFound)

	// Filters see every generated user: Finance is every eighth, plus Ben.
	finance := graphJSONBody(t, tn, token, "/v1.0/users?$filter=department eq 'Finance'&$count=true&$select=id,department", http.StatusOK,
		"ConsistencyLevel", "eventual")
	if n, _ := finance["@odata.count"].(float64); int(n) != 1+LargeDirectoryUsers/8 {
		t.Errorf("Finance users: @odata.count %v, want %d", finance["@odata.count"], 1+LargeDirectoryUsers/8)
	}

	// Group membership follows the generated users' attributes: user
	// 99,996 is in Finance, user 100,000 in IT, which has no group.
	for _, tc := range []struct {
		user record
		want []string
	}{
		{record(users[15]), []string{"All Company", "Finance"}},
		{record(lastUser), []string{"All Company"}},
	} {
		groups := graphJSONBody(t, tn, token, "/v1.0/users/"+tc.user["id"].(string)+"/memberOf", http.StatusOK)
		var names []string
		for _, g := range values(t, groups) {
			names = append(names, g["displayName"].(string))
		}
		if !slices.Equal(names, tc.want) {
			t.Errorf("memberOf %s (%s): %v, want %v", tc.user["userPrincipalName"], tc.user["department"], names, tc.want)
		}
	}
	members := graphJSONBody(t, tn, token, "/v1.0/groups/"+groupAllCompanyID+"/members?$top=999&$skiptoken="+encodeSkipToken(90000), http.StatusOK)
	if got := len(values(t, members)); got != 999 {
		t.Errorf("All Company members far down the list: %d on a page of 999", got)
	}
}

func TestLargePage(t *testing.T) {
	tn := startTenant(t, Options{})
	token := tokenFor(t, tn, ProfileReader)

	resp, body := graphGet(t, tn, token, "/v1.0"+LargePagePath+"?mb=1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if len(body) < 1<<20 || len(body) > 1<<20+4096 {
		t.Errorf("%d bytes for mb=1", len(body))
	}
	if resp.Header.Get("Content-Length") != strconv.Itoa(len(body)) || resp.Header.Get("Content-Type") != graphJSON {
		t.Errorf("headers: %v", resp.Header)
	}
	var page struct {
		Context string            `json:"@odata.context"`
		Value   []json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if page.Context != tn.GraphURL()+"/v1.0/$metadata#users" || len(page.Value) < 1000 {
		t.Fatalf("context %q, %d users", page.Context, len(page.Value))
	}
	// Each user has every property, in Graph's order, and is the same user
	// /users answers (the directory has 120 generated users; the page goes on
	// past them).
	first := ordered{}
	dec := json.NewDecoder(bytes.NewReader(page.Value[0]))
	dec.Token() //nolint:errcheck // the opening brace
	for dec.More() {
		k, _ := dec.Token()
		var v any
		dec.Decode(&v) //nolint:errcheck
		first = append(first, kv{k.(string), v})
	}
	var keys []string
	for _, m := range first {
		keys = append(keys, m.k)
	}
	if !slices.Equal(keys, userType.props) {
		t.Errorf("properties %v, want %v", keys, userType.props)
	}
	id := first[slices.IndexFunc(first, func(m kv) bool { return m.k == "id" })].v.(string)
	u := graphJSONBody(t, tn, token, "/v1.0/users/"+id+"?$select="+strings.Join(userType.props, ","), http.StatusOK)
	for _, m := range first {
		if !reflect.DeepEqual(u[m.k], m.v) {
			t.Errorf("%s: page has %v, /users has %v", m.k, m.v, u[m.k])
		}
	}

	again, body2 := graphGet(t, tn, token, "/v1.0"+LargePagePath+"?mb=1")
	if again.StatusCode != http.StatusOK || !bytes.Equal(body, body2) {
		t.Error("the same large page twice differs")
	}
	for _, bad := range []string{"0", "201", "big"} {
		resp, body := graphGet(t, tn, token, "/v1.0"+LargePagePath+"?mb="+bad)
		if resp.StatusCode != http.StatusBadRequest || !bytes.Contains(body, []byte("from 1 to 200")) {
			t.Errorf("mb=%s: %d %s", bad, resp.StatusCode, body)
		}
	}
	resp, _ = graphGet(t, tn, tokenFor(t, tn, ProfileWrongRole), "/v1.0"+LargePagePath+"?mb=1")
	if resp.StatusCode == http.StatusOK {
		t.Error("the large page is served without a token that may read users")
	}
}

func TestAppendJSONStringRoundTrips(t *testing.T) {
	for _, s := range []string{"", "Adele Vance", `quote " and \ backslash`, "tab\tnew\nline\x01\x1f", "é ü 中 & <b>"} {
		got := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil || back != s {
			t.Errorf("%q: wrote %s, which reads back as %q (%v)", s, got, back, err)
		}
	}
}
