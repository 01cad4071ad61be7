package demo

import (
	"fmt"
	"strconv"
	"strings"
)

// A small $filter language, the subset app developers reach for first:
//
//	prop eq 'x'   prop ne 'x'   prop eq true|false|null|42
//	prop in ('a', 'b')          startswith(prop, 'x')
//	a and b       a or b        ( ... )
//
// prop may be a path into a complex value: from/emailAddress/address.
// String comparisons ignore case, as the directory's do.

type filterNode interface {
	match(r record) bool
}

type (
	andNode     struct{ left, right filterNode }
	orNode      struct{ left, right filterNode }
	compareNode struct {
		path   []string
		values []any // eq: one value; in: several
		negate bool  // ne
	}
	startsWithNode struct {
		path   []string
		prefix string
	}
)

// filterProps appends the properties a filter looks at to props.
func filterProps(n filterNode, props []string) []string {
	switch n := n.(type) {
	case andNode:
		return filterProps(n.right, filterProps(n.left, props))
	case orNode:
		return filterProps(n.right, filterProps(n.left, props))
	case compareNode:
		return append(props, n.path[0])
	case startsWithNode:
		return append(props, n.path[0])
	}
	return props
}

func (n andNode) match(r record) bool { return n.left.match(r) && n.right.match(r) }
func (n orNode) match(r record) bool  { return n.left.match(r) || n.right.match(r) }

func (n compareNode) match(r record) bool {
	v, _ := valueAt(r, n.path)
	for _, want := range n.values {
		if equalValues(v, want) {
			return !n.negate
		}
	}
	return n.negate
}

func (n startsWithNode) match(r record) bool {
	v, _ := valueAt(r, n.path)
	s, ok := v.(string)
	return ok && strings.HasPrefix(strings.ToLower(s), strings.ToLower(n.prefix))
}

// valueAt walks a property path through records and ordered objects.
func valueAt(r record, path []string) (any, bool) {
	var cur any = r
	for _, name := range path {
		switch x := cur.(type) {
		case record:
			v, ok := x[name]
			if !ok {
				return nil, false
			}
			cur = v
		case ordered:
			found := false
			for _, m := range x {
				if strings.EqualFold(m.k, name) {
					cur, found = m.v, true
					break
				}
			}
			if !found {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return cur, true
}

func equalValues(have, want any) bool {
	switch w := want.(type) {
	case nil:
		return have == nil
	case string:
		h, ok := have.(string)
		return ok && strings.EqualFold(h, w)
	case bool:
		h, ok := have.(bool)
		return ok && h == w
	case float64:
		h, ok := toFloat(have)
		return ok && h == w
	}
	return false
}

// filterParser is a recursive-descent parser over filter tokens.
type filterParser struct {
	toks []filterToken
	pos  int
	typ  *entityType
}

type filterToken struct {
	text   string
	quoted bool // a string literal; text is its unescaped value
}

func parseFilter(expr string, t *entityType) (filterNode, *graphError) {
	toks, err := tokenizeFilter(expr)
	if err != nil {
		return nil, filterError(err)
	}
	p := &filterParser{toks: toks, typ: t}
	node, err := p.orExpr()
	if err == nil && p.pos < len(p.toks) {
		err = fmt.Errorf("unexpected '%s'", p.toks[p.pos].text)
	}
	if err != nil {
		if ge, ok := err.(graphErrorValue); ok {
			e := graphError(ge)
			return nil, &e
		}
		return nil, filterError(err)
	}
	return node, nil
}

// graphErrorValue lets the parser return a specific Graph error (such as an
// unknown property) through the error interface.
type graphErrorValue graphError

func (e graphErrorValue) Error() string { return e.message }

func filterError(err error) *graphError {
	e := errBadQuery(fmt.Sprintf("Invalid $filter: %s.", err))
	e.code = "BadRequest"
	return &e
}

func tokenizeFilter(s string) ([]filterToken, error) {
	var toks []filterToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '(' || c == ')' || c == ',':
			toks = append(toks, filterToken{text: string(c)})
			i++
		case c == '\'':
			var sb strings.Builder
			i++
			for {
				if i >= len(s) {
					return nil, fmt.Errorf("a string literal is not closed")
				}
				if s[i] == '\'' {
					if i+1 < len(s) && s[i+1] == '\'' { // '' is an escaped quote
						sb.WriteByte('\'')
						i += 2
						continue
					}
					i++
					break
				}
				sb.WriteByte(s[i])
				i++
			}
			toks = append(toks, filterToken{text: sb.String(), quoted: true})
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t(),'", rune(s[j])) {
				j++
			}
			toks = append(toks, filterToken{text: s[i:j]})
			i = j
		}
	}
	if len(toks) == 0 {
		return nil, fmt.Errorf("the expression is empty")
	}
	return toks, nil
}

func (p *filterParser) peekWord(word string) bool {
	return p.pos < len(p.toks) && !p.toks[p.pos].quoted && strings.EqualFold(p.toks[p.pos].text, word)
}

func (p *filterParser) expect(text string) error {
	if !p.peekWord(text) {
		if p.pos >= len(p.toks) {
			return fmt.Errorf("expected '%s' at the end", text)
		}
		return fmt.Errorf("expected '%s', found '%s'", text, p.toks[p.pos].text)
	}
	p.pos++
	return nil
}

func (p *filterParser) orExpr() (filterNode, error) {
	return p.joined("or", p.andExpr, func(l, r filterNode) filterNode { return orNode{l, r} })
}

func (p *filterParser) andExpr() (filterNode, error) {
	return p.joined("and", p.primary, func(l, r filterNode) filterNode { return andNode{l, r} })
}

// joined parses operands separated by the word op, grouping them from the
// left: "a or b or c" is (a or b) or c.
func (p *filterParser) joined(op string, operand func() (filterNode, error), join func(l, r filterNode) filterNode) (filterNode, error) {
	left, err := operand()
	for err == nil && p.peekWord(op) {
		p.pos++
		var right filterNode
		if right, err = operand(); err == nil {
			left = join(left, right)
		}
	}
	return left, err
}

func (p *filterParser) primary() (filterNode, error) {
	if p.pos >= len(p.toks) {
		return nil, fmt.Errorf("the expression ends too early")
	}
	switch {
	case p.peekWord("("):
		p.pos++
		node, err := p.orExpr()
		if err != nil {
			return nil, err
		}
		return node, p.expect(")")
	case p.peekWord("startswith"):
		p.pos++
		if err := p.expect("("); err != nil {
			return nil, err
		}
		path, err := p.property()
		if err != nil {
			return nil, err
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
		lit, err := p.literal()
		if err != nil {
			return nil, err
		}
		prefix, ok := lit.(string)
		if !ok {
			return nil, fmt.Errorf("startswith needs a string literal")
		}
		return startsWithNode{path, prefix}, p.expect(")")
	}
	path, err := p.property()
	if err != nil {
		return nil, err
	}
	switch {
	case p.peekWord("eq"), p.peekWord("ne"):
		negate := p.peekWord("ne")
		p.pos++
		lit, err := p.literal()
		if err != nil {
			return nil, err
		}
		return compareNode{path: path, values: []any{lit}, negate: negate}, nil
	case p.peekWord("in"):
		p.pos++
		if err := p.expect("("); err != nil {
			return nil, err
		}
		var values []any
		for {
			lit, err := p.literal()
			if err != nil {
				return nil, err
			}
			values = append(values, lit)
			if !p.peekWord(",") {
				break
			}
			p.pos++
		}
		return compareNode{path: path, values: values}, p.expect(")")
	case p.pos < len(p.toks):
		op := p.toks[p.pos].text
		return nil, graphErrorValue(errUnsupportedQuery(fmt.Sprintf(
			"The operator '%s' is not supported by the demo tenant's $filter (eq, ne, in, startswith, and, or).", op)))
	default:
		return nil, fmt.Errorf("an operator is missing after '%s'", strings.Join(path, "/"))
	}
}

// property reads a property path and checks its first segment exists.
func (p *filterParser) property() ([]string, error) {
	if p.pos >= len(p.toks) || p.toks[p.pos].quoted {
		return nil, fmt.Errorf("expected a property name")
	}
	path := strings.Split(p.toks[p.pos].text, "/")
	canonical, ok := p.typ.lookup(path[0])
	if !ok {
		return nil, graphErrorValue(errUnknownProperty(path[0], p.typ))
	}
	path[0] = canonical
	p.pos++
	return path, nil
}

func (p *filterParser) literal() (any, error) {
	if p.pos >= len(p.toks) {
		return nil, fmt.Errorf("expected a value at the end")
	}
	tok := p.toks[p.pos]
	p.pos++
	if tok.quoted {
		return tok.text, nil
	}
	switch strings.ToLower(tok.text) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	if f, err := strconv.ParseFloat(tok.text, 64); err == nil {
		return f, nil
	}
	if isGUID(tok.text) { // Graph accepts unquoted GUIDs for id
		return tok.text, nil
	}
	return nil, fmt.Errorf("'%s' is not a value; quote strings with single quotes", tok.text)
}
