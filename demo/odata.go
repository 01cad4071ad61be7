package demo

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// OData query options as the demo Graph understands them: $select, $top,
// $skip (mail only), $skiptoken, $filter (eq, ne, in, startswith, and, or,
// parentheses), $count and $orderby. Anything else starting with "$" is
// refused rather than silently ignored, so a test never passes by accident.

// pagingStyle is how a collection's next page is addressed: directory
// objects use an opaque $skiptoken, Exchange uses $skip.
type pagingStyle int

const (
	pageBySkipToken pagingStyle = iota
	pageBySkip
)

// collection is a list Graph can return, with the rules it pages by.
type collection struct {
	typ     *entityType
	context string // what follows "$metadata#", e.g. "users" or "users('id')/messages"
	items   []record
	// more makes items on demand, after items: the generated users, of
	// which there may be 100,000. It makes only props, or all properties
	// for nil. moreLen is how many.
	more     func(i int, props []string) record
	moreLen  int
	pageSize int // page size without $top
	maxTop   int
	paging   pagingStyle
	// eventualCount: $count and /$count need "ConsistencyLevel: eventual",
	// as directory objects do. Exchange collections count without it.
	eventualCount bool
	withType      bool // add @odata.type to each item
}

// queryOptions are the parsed options of one request.
type queryOptions struct {
	selectProps []string
	top         int
	offset      int // from $skip or $skiptoken
	filter      filterNode
	count       bool
	orderBy     []orderKey
}

type orderKey struct {
	prop string
	desc bool
}

func parseQueryOptions(raw url.Values, col *collection, consistencyEventual bool) (queryOptions, *graphError) {
	q := queryOptions{}
	fail := func(e graphError) (queryOptions, *graphError) { return queryOptions{}, &e }
	for name, values := range raw {
		if !strings.HasPrefix(name, "$") {
			continue // Graph ignores parameters that are not query options
		}
		value := values[0]
		switch strings.ToLower(name) {
		case "$select":
			props, e := parseSelect(value, col.typ)
			if e != nil {
				return fail(*e)
			}
			q.selectProps = props
		case "$top":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 || n > col.maxTop {
				return fail(errBadQuery(fmt.Sprintf("Invalid page size '%s': $top must be a whole number from 1 to %d.", value, col.maxTop)))
			}
			q.top = n
		case "$skip":
			if col.paging != pageBySkip {
				return fail(errBadQuery("$skip is not supported on this collection; follow @odata.nextLink to page."))
			}
			n, err := strconv.Atoi(value)
			if err != nil || n < 0 {
				return fail(errBadQuery(fmt.Sprintf("Invalid $skip '%s': it must be a whole number, 0 or more.", value)))
			}
			q.offset = n
		case "$skiptoken":
			n, ok := decodeSkipToken(value)
			if !ok || col.paging != pageBySkipToken {
				return fail(errBadQuery("The $skiptoken is not valid for this request. Follow @odata.nextLink as given."))
			}
			q.offset = n
		case "$filter":
			node, err := parseFilter(value, col.typ)
			if err != nil {
				return fail(*err)
			}
			q.filter = node
		case "$count":
			switch strings.ToLower(value) {
			case "true":
				q.count = true
			case "false":
			default:
				return fail(errBadQuery(fmt.Sprintf("Invalid $count '%s': use true or false.", value)))
			}
			if q.count && col.eventualCount && !consistencyEventual {
				return fail(errCountNeedsEventual())
			}
		case "$orderby":
			keys, e := parseOrderBy(value, col.typ)
			if e != nil {
				return fail(*e)
			}
			q.orderBy = keys
		default:
			return fail(errUnsupportedQuery(fmt.Sprintf("The query option '%s' is not supported by the graphtui demo tenant.", name)))
		}
	}
	return q, nil
}

func errCountNeedsEventual() graphError {
	return errBadQuery("$count on directory objects is an advanced query: send the header 'ConsistencyLevel: eventual' with it.")
}

func parseSelect(value string, t *entityType) ([]string, *graphError) {
	var props []string
	for _, name := range strings.Split(value, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		p, ok := t.lookup(name)
		if !ok {
			e := errUnknownProperty(name, t)
			return nil, &e
		}
		props = append(props, p)
	}
	if len(props) == 0 {
		e := errBadQuery("$select is empty; name at least one property.")
		return nil, &e
	}
	return props, nil
}

func parseOrderBy(value string, t *entityType) ([]orderKey, *graphError) {
	var keys []orderKey
	for _, part := range strings.Split(value, ",") {
		fields := strings.Fields(part)
		if len(fields) == 0 || len(fields) > 2 {
			e := errBadQuery(fmt.Sprintf("Invalid $orderby '%s'.", value))
			return nil, &e
		}
		p, ok := t.lookup(fields[0])
		if !ok {
			e := errUnknownProperty(fields[0], t)
			return nil, &e
		}
		k := orderKey{prop: p}
		if len(fields) == 2 {
			switch strings.ToLower(fields[1]) {
			case "asc":
			case "desc":
				k.desc = true
			default:
				e := errBadQuery(fmt.Sprintf("Invalid $orderby direction '%s': use asc or desc.", fields[1]))
				return nil, &e
			}
		}
		keys = append(keys, k)
	}
	return keys, nil
}

const skipTokenPrefix = "graphtui-demo-offset:"

// Skip tokens are opaque to clients, as Graph's are; this one just carries
// the offset of the next page.
func encodeSkipToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(skipTokenPrefix + strconv.Itoa(offset)))
}

func decodeSkipToken(tok string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || !strings.HasPrefix(string(raw), skipTokenPrefix) {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(raw), skipTokenPrefix))
	return n, err == nil && n >= 0
}

// apply filters, sorts and pages items. It returns the page, the total
// after filtering, and the offset of the next page (-1 if none).
func (q queryOptions) apply(col *collection) (page []record, total, next int) {
	size := col.pageSize
	if q.top > 0 {
		size = q.top
	}
	n := len(col.items) + col.moreLen
	if q.filter == nil && len(q.orderBy) == 0 {
		// Only the page is made, so that paging through a large directory
		// costs a page per request.
		start := min(q.offset, n)
		end := min(start+size, n)
		page = make([]record, 0, end-start)
		for k := start; k < end; k++ {
			page = append(page, col.at(k))
		}
		next = -1
		if end < n {
			next = end
		}
		return page, n, next
	}
	// Filtering and sorting look at every item. Made items are made with
	// just the properties looked at, and in full only if on the page.
	var props []string
	if col.more != nil {
		props = filterProps(q.filter, nil)
		for _, k := range q.orderBy {
			props = append(props, k.prop)
		}
	}
	type candidate struct {
		k int
		r record
	}
	items := make([]candidate, 0, n)
	for k := range n {
		r := col.peek(k, props)
		if q.filter == nil || q.filter.match(r) {
			items = append(items, candidate{k, r})
		}
	}
	for i := len(q.orderBy) - 1; i >= 0; i-- {
		k := q.orderBy[i]
		sort.SliceStable(items, func(a, b int) bool {
			c := compareValues(items[a].r[k.prop], items[b].r[k.prop])
			if k.desc {
				return c > 0
			}
			return c < 0
		})
	}
	start := min(q.offset, len(items))
	end := min(start+size, len(items))
	next = -1
	if end < len(items) {
		next = end
	}
	for _, it := range items[start:end] {
		page = append(page, col.at(it.k))
	}
	return page, len(items), next
}

// at is item k of the collection, stored or made.
func (col *collection) at(k int) record { return col.peek(k, nil) }

// peek is item k with at least props (all properties for nil).
func (col *collection) peek(k int, props []string) record {
	if k < len(col.items) {
		return col.items[k]
	}
	return col.more(k-len(col.items), props)
}

// compareValues orders strings case-insensitively, numbers numerically and
// nulls first.
func compareValues(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	if sa, ok := a.(string); ok {
		if sb, ok := b.(string); ok {
			return compareFold(sa, sb)
		}
	}
	if fa, ok := toFloat(a); ok {
		if fb, ok := toFloat(b); ok {
			switch {
			case fa < fb:
				return -1
			case fa > fb:
				return 1
			}
			return 0
		}
	}
	return strings.Compare(strings.ToLower(fmt.Sprint(a)), strings.ToLower(fmt.Sprint(b)))
}

// compareFold is strings.Compare of the lower-cased strings, without
// lower-casing them all when they differ in ASCII first: sorting 100,000
// users compares a few million times.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := a[i], b[i]
		if ca == cb {
			continue
		}
		if ca >= utf8.RuneSelf || cb >= utf8.RuneSelf {
			return strings.Compare(strings.ToLower(a[i:]), strings.ToLower(b[i:]))
		}
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return int(ca) - int(cb)
		}
	}
	return len(a) - len(b)
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// contextWithSelect adds a $select list to a context, as Graph does:
// "users(displayName,mail)".
func contextWithSelect(ctx string, props []string) string {
	if len(props) == 0 {
		return ctx
	}
	return ctx + "(" + strings.Join(props, ",") + ")"
}
