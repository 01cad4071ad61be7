package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// usersServer pages five users one per $top, with absolute nextLinks as
// Graph sends them. /loop and /leaky misbehave on purpose.
func usersServer(t *testing.T, foreign *httptest.Server) (*httptest.Server, *seen) {
	return server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;odata.metadata=minimal")
		self := "https://" + r.Host + r.URL.Path
		switch r.URL.Path {
		case "/v1.0/loop":
			fmt.Fprintf(w, `{"value":[{"id":"x"}],"@odata.nextLink":%q}`, self+"?$skiptoken=same")
			return
		case "/v1.0/leaky":
			fmt.Fprintf(w, `{"value":[{"id":"x"}],"@odata.nextLink":%q}`, foreign.URL+"/v1.0/users?$skiptoken=1")
			return
		}
		if r.URL.Query().Get("$skiptoken") == "denied" {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}`)
			return
		}
		top, _ := strconv.Atoi(r.URL.Query().Get("$top"))
		skip, _ := strconv.Atoi(r.URL.Query().Get("$skiptoken"))
		page := map[string]any{"@odata.count": 5}
		var users []map[string]string
		for i := skip; i < min(skip+max(top, 1), 5); i++ {
			users = append(users, map[string]string{"id": strconv.Itoa(i)})
		}
		page["value"] = users
		if next := skip + max(top, 1); next < 5 {
			token, extra := strconv.Itoa(next), ""
			if deny := r.URL.Query().Get("deny"); deny != "" {
				extra = "&deny=" + deny
				if deny == token {
					token = "denied"
				}
			}
			page["@odata.nextLink"] = fmt.Sprintf("%s?$top=%d&$count=true&$skiptoken=%s%s", self, top, token, extra)
		}
		json.NewEncoder(w).Encode(page)
	})
}

func eventual() http.Header {
	h := http.Header{}
	h.Set("ConsistencyLevel", "eventual")
	return h
}

func ids(t *testing.T, body []byte) []string {
	t.Helper()
	var page struct{ Value []struct{ ID string } }
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range page.Value {
		out = append(out, v.ID)
	}
	return out
}

func TestNextOnePageAtATime(t *testing.T) {
	srv, got := usersServer(t, nil)
	c := newClient(srv, nil)
	ctx := context.Background()
	resp, err := c.Get(ctx, Request{Path: "/users", Query: []QueryParam{{"$top", "2"}, {"$count", "true"}}, Header: eventual()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for {
		all = append(all, ids(t, resp.Body)...)
		if resp.NextLink == "" {
			break
		}
		page := resp.Page
		if resp, err = c.Next(ctx, resp, nil); err != nil {
			t.Fatal(err)
		}
		if resp.Page != page+1 {
			t.Errorf("page %d after %d", resp.Page, page)
		}
	}
	if !slices.Equal(all, []string{"0", "1", "2", "3", "4"}) {
		t.Errorf("ids %v", all)
	}
	if _, err := c.Next(ctx, resp, nil); !errors.Is(err, ErrNoNextPage) {
		t.Errorf("Next after the last page: %v", err)
	}
	for _, r := range got.all() {
		if r.Header.Get("ConsistencyLevel") != "eventual" || r.Header.Get("Authorization") != "Bearer "+testToken {
			t.Errorf("%s: ConsistencyLevel %q, token sent %v", r.URL, r.Header.Get("ConsistencyLevel"), r.Header.Get("Authorization") != "")
		}
	}
}

func TestGetAllStreamsEveryPage(t *testing.T) {
	srv, got := usersServer(t, nil)
	c := newClient(srv, nil)
	var log eventLog
	var all []string
	var pages []int
	err := c.GetAll(context.Background(), Request{Path: "/users", Query: []QueryParam{{"$top", "2"}}, Header: eventual()}, 0, log.add, func(r *Response) error {
		pages = append(pages, r.Page)
		all = append(all, ids(t, r.Body)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(all, []string{"0", "1", "2", "3", "4"}) || !slices.Equal(pages, []int{1, 2, 3}) {
		t.Errorf("ids %v, pages %v", all, pages)
	}
	reqs := got.all()
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	for _, r := range reqs {
		if r.Header.Get("ConsistencyLevel") != "eventual" {
			t.Errorf("%s: ConsistencyLevel not carried over", r.URL)
		}
	}
	ev := log.kinds(EventPage)
	if len(ev) != 3 || ev[0].Page != 1 || ev[0].Items != 2 || ev[2].Items != 1 || ev[0].Bytes == 0 {
		t.Errorf("page events %+v", ev)
	}
}

func TestGetAllStopsAtMaxPages(t *testing.T) {
	srv, got := usersServer(t, nil)
	var log eventLog
	n := 0
	err := newClient(srv, nil).GetAll(context.Background(), Request{Path: "/users", Query: []QueryParam{{"$top", "1"}}}, 3, log.add, func(*Response) error { n++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 || len(got.all()) != 3 {
		t.Errorf("%d pages delivered, %d fetched; want 3", n, len(got.all()))
	}
	ev := log.kinds(EventMaxPages)
	if len(ev) != 1 || ev[0].Page != 3 || !strings.Contains(ev[0].String(), "more pages exist") {
		t.Errorf("max-pages events %+v", ev)
	}
}

func TestGetAllDetectsNextLinkLoop(t *testing.T) {
	srv, got := usersServer(t, nil)
	n := 0
	err := newClient(srv, nil).GetAll(context.Background(), Request{Path: "/loop"}, 50, nil, func(*Response) error { n++; return nil })
	if !errors.Is(err, ErrNextLinkLoop) {
		t.Fatalf("got %v, want ErrNextLinkLoop", err)
	}
	if n != 2 || len(got.all()) != 2 {
		t.Errorf("%d pages, %d requests; want 2 before the repeat", n, len(got.all()))
	}
}

func TestForeignNextLinkIsRefused(t *testing.T) {
	other, otherSeen := server(t, func(w http.ResponseWriter, r *http.Request) {})
	srv, _ := usersServer(t, other)
	c := newClient(srv, nil)
	resp, err := c.Get(context.Background(), Request{Path: "/leaky"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Next(context.Background(), resp, nil)
	var fe *ForeignHostError
	if !errors.As(err, &fe) || fe.What != "nextLink" || fe.Host != strings.TrimPrefix(other.URL, "https://") {
		t.Fatalf("Next: got %v, want a nextLink ForeignHostError", err)
	}
	if !strings.Contains(err.Error(), "paging stopped") {
		t.Errorf("message: %v", err)
	}

	pages := 0
	err = c.GetAll(context.Background(), Request{Path: "/leaky"}, 10, nil, func(*Response) error { pages++; return nil })
	if !errors.As(err, &fe) || pages != 1 {
		t.Errorf("GetAll: %v after %d pages", err, pages)
	}
	if n := len(otherSeen.all()); n != 0 {
		t.Errorf("the foreign host received %d requests", n)
	}
}

func TestGetAllStopsAtErrorPage(t *testing.T) {
	srv, _ := usersServer(t, nil)
	var statuses []int
	err := newClient(srv, nil).GetAll(context.Background(), Request{Path: "/users", Query: []QueryParam{{"$top", "1"}, {"deny", "2"}}}, 0, nil, func(r *Response) error {
		statuses = append(statuses, r.Status)
		return nil
	})
	var ge *GraphError
	if !errors.As(err, &ge) || ge.Code != "Authorization_RequestDenied" {
		t.Fatalf("got %v", err)
	}
	if !slices.Equal(statuses, []int{200, 200, 403}) {
		t.Errorf("statuses %v: the error page should reach onPage too", statuses)
	}
}

func TestGetAllStopsWhenOnPageFails(t *testing.T) {
	srv, got := usersServer(t, nil)
	stop := errors.New("stdout closed")
	err := newClient(srv, nil).GetAll(context.Background(), Request{Path: "/users", Query: []QueryParam{{"$top", "1"}}}, 0, nil, func(*Response) error { return stop })
	if !errors.Is(err, stop) || len(got.all()) != 1 {
		t.Errorf("got %v after %d requests", err, len(got.all()))
	}
}
