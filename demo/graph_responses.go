package demo

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// How the demo Graph writes successful answers: OData context URLs,
// collections with @odata.count and @odata.nextLink, single objects, and
// bare /$count numbers.

// ok sends a JSON success response.
func (c *call) ok(body any) { writeJSON(c.w, http.StatusOK, graphJSON, body) }

func (c *call) contextURL(ctx string) string {
	return c.t.graphURL + "/" + c.version + "/$metadata#" + ctx
}

func (c *call) consistencyEventual() bool {
	return strings.EqualFold(strings.TrimSpace(c.r.Header.Get("ConsistencyLevel")), "eventual")
}

// list answers a collection request: query options, paging, @odata.count
// and @odata.nextLink.
func (c *call) list(col collection) { c.listPage(col, nil) }

// listPage is list with last added to the last page (a delta query's
// @odata.deltaLink).
func (c *call) listPage(col collection, last *kv) {
	q, gerr := parseQueryOptions(c.r.URL.Query(), &col, c.consistencyEventual())
	if gerr != nil {
		c.fail(*gerr)
		return
	}
	page, total, next := q.apply(&col)
	body := ordered{{"@odata.context", c.contextURL(contextWithSelect(col.context, q.selectProps))}}
	if q.count {
		body = append(body, kv{"@odata.count", total})
	}
	if next >= 0 {
		body = append(body, kv{"@odata.nextLink", c.nextLink(col.paging, next)})
	} else if last != nil {
		body = append(body, *last)
	}
	values := make([]ordered, len(page))
	for i, it := range page {
		values[i] = col.typ.render(it, q.selectProps, col.withType)
	}
	body = append(body, kv{"value", values})
	c.ok(body)
}

// count answers /$count: a bare number as text/plain.
func (c *call) count(col collection) {
	if col.eventualCount && !c.consistencyEventual() {
		c.fail(errCountNeedsEventual())
		return
	}
	q, gerr := parseQueryOptions(c.r.URL.Query(), &col, true)
	if gerr != nil {
		c.fail(*gerr)
		return
	}
	_, total, _ := q.apply(&col)
	c.w.Header().Set("Content-Type", "text/plain;charset=utf-8")
	c.w.WriteHeader(http.StatusOK)
	c.w.Write([]byte(strconv.Itoa(total))) //nolint:errcheck // client gone
}

// single answers a request for one object; only $select applies.
func (c *call) single(t *entityType, ctx string, r record, withType bool) {
	var props []string
	if sel := queryValue(c.r, "$select"); sel != "" {
		var gerr *graphError
		if props, gerr = parseSelect(sel, t); gerr != nil {
			c.fail(*gerr)
			return
		}
	}
	body := ordered{{"@odata.context", c.contextURL(contextWithSelect(ctx, props) + "/$entity")}}
	body = append(body, t.render(r, props, withType)...)
	c.ok(body)
}

// queryValue reads a query option with its name matched case-insensitively.
func queryValue(r *http.Request, name string) string {
	for k, v := range r.URL.Query() {
		if strings.EqualFold(k, name) {
			return v[0]
		}
	}
	return ""
}

// deltaLink is where the next delta round starts: the request's path with
// a new opaque $deltatoken, and no other query options (Graph keeps them
// inside the token).
func (c *call) deltaLink() string {
	token := base64.RawURLEncoding.EncodeToString([]byte("graphtui-demo-delta:" + c.t.now().UTC().Format(time.RFC3339)))
	return c.t.graphURL + c.r.URL.EscapedPath() + "?$deltatoken=" + token
}

// nextLink is the absolute URL of the next page on the Graph host: the
// request's own query options, with the paging option replaced.
func (c *call) nextLink(style pagingStyle, next int) string {
	var kept []string
	for _, part := range strings.Split(c.r.URL.RawQuery, "&") {
		if part == "" {
			continue
		}
		name, _, _ := strings.Cut(part, "=")
		name = strings.ToLower(strings.ReplaceAll(name, "%24", "$"))
		if name == "$skiptoken" || name == "$skip" {
			continue
		}
		kept = append(kept, part)
	}
	if style == pageBySkip {
		kept = append(kept, "$skip="+strconv.Itoa(next))
	} else {
		kept = append(kept, "$skiptoken="+encodeSkipToken(next))
	}
	return c.t.graphURL + c.r.URL.EscapedPath() + "?" + strings.Join(kept, "&")
}
