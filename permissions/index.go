package permissions

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed index.gen.txt.gz
var packedIndex []byte

// permission is one application permission of the reference.
type permission struct {
	name  string
	id    string // app role id, "" when the reference gives none
	level int
	rsc   bool
}

// grants are the permissions allowing one method on one pattern.
type grants struct {
	method method
	perms  []uint16    // indexes into index.perms, each enough alone, least privileged first
	pairs  [][2]uint16 // permissions needed together, least privileged first
	least  int         // how many of perms are least privileged
	rsc    uint32      // bit i: perms[i] is an RSC permission the reference flags least ("+")
	// leastPair: pairs[0], not a single permission, is the least
	// privileged choice.
	leastPair bool
}

// entry is one pattern and, per method the reference lists it for, the
// permissions allowing it.
type entry struct {
	pattern string
	lower   string   // pattern lower-cased, for ranking suggestions
	sets    []grants // in method order
	methods methodSet
	depth   int // segments, for ranking suggestions
}

// grantsFor returns the entry's permissions for m, nil when the reference
// does not list the pattern for m.
func (e *entry) grantsFor(m method) *grants {
	for i := range e.sets {
		if e.sets[i].method == m {
			return &e.sets[i]
		}
	}
	return nil
}

type index struct {
	perms   []permission
	byName  map[string]int // exact name and lower-cased name
	entries []entry
	root    *node
}

var (
	loadOnce sync.Once
	loaded   *index
)

// get loads the index on first use: most commands never need it.
func get() *index {
	loadOnce.Do(func() {
		ix, err := parseIndex(packedIndex)
		if err != nil {
			// The index is generated and tested; a bad one is a build bug.
			panic("permissions: embedded index: " + err.Error())
		}
		loaded = ix
	})
	return loaded
}

func parseIndex(packed []byte) (*index, error) {
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		return nil, err
	}
	// gzip's trailer holds the text's size: read it in one allocation.
	var buf bytes.Buffer
	if n := len(packed); n >= 4 {
		buf.Grow(int(binary.LittleEndian.Uint32(packed[n-4:])) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, err
	}
	// One string for the whole index, and one lower-cased copy for
	// matching: every pattern is a substring of both, no copies.
	text := buf.String()
	lower, err := asciiLower(buf.Bytes())
	if err != nil {
		return nil, err
	}
	lines := strings.Count(text, "\n")
	ix := &index{
		byName:  make(map[string]int, 2048),
		root:    newNode(),
		entries: make([]entry, 0, lines),
	}
	var path trail
	// All entries' permissions and groups in two arrays, sliced per entry:
	// thousands of small allocations cost more than parsing.
	p := &parser{
		nums:  make([]uint16, 0, strings.Count(text, "\t")),
		pairs: make([][2]uint16, 0, strings.Count(text, "&")),
		sets:  make([]grants, 0, 2*lines),
	}
	for n, off := 1, 0; off < len(text); n++ {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		line, lowerLine := text[off:off+end], lower[off:off+end]
		off += end + 1
		switch {
		case line == "" || line[0] == '#':
			continue
		case line[0] == '/':
			if err := p.entry(ix, line, lowerLine, &path); err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
		default:
			if err := ix.addPermission(line); err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
		}
	}
	return ix, nil
}

func (ix *index) addPermission(line string) error {
	name, rest, _ := strings.Cut(line, "\t")
	level, rest, _ := strings.Cut(rest, "\t")
	id, flags, _ := strings.Cut(rest, "\t")
	lv, err := strconv.Atoi(level)
	if err != nil {
		return fmt.Errorf("permission %s: level: %w", name, err)
	}
	if id == "-" {
		id = ""
	}
	i := len(ix.perms)
	ix.perms = append(ix.perms, permission{name: name, id: id, level: lv, rsc: flags == "rsc"})
	ix.byName[name] = i
	if l := strings.ToLower(name); l != name {
		if _, dup := ix.byName[l]; !dup {
			ix.byName[l] = i
		}
	}
	return nil
}

// parser holds the shared arrays entries are sliced from.
type parser struct {
	nums  []uint16
	pairs [][2]uint16
	sets  []grants
}

// entry parses a path line: pattern, then per method a letter and its
// permissions. Each group's permissions are appended to the shared arrays
// and sliced from them when the group ends; should an array grow, earlier
// slices keep the old one, which still holds their values.
func (p *parser) entry(ix *index, line, lowerLine string, path *trail) error {
	pattern, rest, _ := strings.Cut(line, "\t")
	e := entry{pattern: pattern, lower: lowerLine[:len(pattern)]}
	first := len(p.sets)
	var g grants
	open, numStart, pairStart := false, 0, 0
	end := func() {
		if open {
			g.perms = p.nums[numStart:len(p.nums):len(p.nums)]
			g.pairs = p.pairs[pairStart:len(p.pairs):len(p.pairs)]
			p.sets = append(p.sets, g)
		}
	}
	for rest != "" {
		var field string
		field, rest, _ = strings.Cut(rest, "\t")
		if field == "" {
			return fmt.Errorf("%s: empty field", pattern)
		}
		if m, ok := methodOfLetter(field); ok {
			if open && m <= g.method {
				return fmt.Errorf("%s: method %s twice or out of order", pattern, field)
			}
			end()
			g, open, numStart, pairStart = grants{method: m}, true, len(p.nums), len(p.pairs)
			e.methods |= 1 << m
			continue
		}
		if !open {
			return fmt.Errorf("%s: permission %q before a method letter", pattern, field)
		}
		mark := field[len(field)-1]
		if mark == '*' || mark == '+' {
			field = field[:len(field)-1]
		}
		if a, b, ok := strings.Cut(field, "&"); ok {
			i, j := ix.permIndex(a), ix.permIndex(b)
			switch {
			case i < 0 || j < 0:
				return fmt.Errorf("%s: bad permission pair %q", pattern, field)
			case mark == '+' || mark == '*' && len(p.pairs) > pairStart:
				return fmt.Errorf("%s: only the first pair may be marked, with *", pattern)
			}
			g.leastPair = g.leastPair || mark == '*'
			p.pairs = append(p.pairs, [2]uint16{uint16(i), uint16(j)})
			continue
		}
		i, k := ix.permIndex(field), len(p.nums)-numStart
		if i < 0 || len(p.pairs) > pairStart {
			return fmt.Errorf("%s: bad permission index %q", pattern, field)
		}
		switch mark {
		case '*':
			if g.least != k {
				return fmt.Errorf("%s: least privileged must come first", pattern)
			}
			g.least++
		case '+':
			if k >= 32 || !ix.perms[i].rsc {
				return fmt.Errorf("%s: %q marks a permission that is not resource-specific, or too far down", pattern, field)
			}
			g.rsc |= 1 << k
		}
		p.nums = append(p.nums, uint16(i))
	}
	end()
	e.sets = p.sets[first:len(p.sets):len(p.sets)]
	e.depth = strings.Count(e.lower, "/")
	id := int32(len(ix.entries))
	ix.entries = append(ix.entries, e)
	path.insert(ix.root, e.lower, id, e.methods)
	return nil
}

// permIndex parses a permission index, -1 when it is not one.
func (ix *index) permIndex(field string) int {
	i, err := strconv.Atoi(field)
	if err != nil || i < 0 || i >= len(ix.perms) {
		return -1
	}
	return i
}

// asciiLower lower-cases the index in place; it is ASCII by construction.
func asciiLower(b []byte) (string, error) {
	for i, c := range b {
		switch {
		case c >= 0x80:
			return "", fmt.Errorf("index is not ASCII at byte %d", i)
		case 'A' <= c && c <= 'Z':
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b), nil
}

func (ix *index) permission(name string) (permission, bool) {
	i, ok := ix.byName[name]
	if !ok {
		i, ok = ix.byName[strings.ToLower(name)]
	}
	if !ok {
		return permission{}, false
	}
	return ix.perms[i], true
}

// Privilege is the application privilegeLevel the reference gives the
// permission (higher is more privileged; 0 if unknown or not given).
func Privilege(permission string) int {
	p, _ := get().permission(permission)
	return p.level
}

// IsKnown reports whether the reference has an application permission of
// that name (exact case first, then ignoring case).
func IsKnown(permission string) bool {
	_, ok := get().permission(permission)
	return ok
}

// IsRSC reports whether the permission is granted by resource-specific
// consent (per team, chat or user, when the app is installed there) rather
// than tenant-wide admin consent. RSC grants never appear in a token's roles.
func IsRSC(permission string) bool {
	p, _ := get().permission(permission)
	return p.rsc
}
