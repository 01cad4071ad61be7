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
	level int
	rsc   bool
}

// entry is one GET pattern and the permissions allowing it.
type entry struct {
	pattern string
	lower   string   // pattern lower-cased, for ranking suggestions
	perms   []uint16 // indexes into index.perms, least privileged first
	least   int      // how many of perms are least privileged
	rsc     uint32   // bit i: perms[i] is an RSC permission the reference flags least ("+")
	depth   int      // segments, for ranking suggestions
	class   int      // suggestion rank class, see suggestClass
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
	perms := make([]uint16, 0, strings.Count(text, "\t")) // all entries' permissions, sliced per entry below
	ends := make([]int, 0, lines)
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
			if perms, err = ix.addEntry(line, lowerLine, perms, &path); err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			ends = append(ends, len(perms))
		default:
			if err := ix.addPermission(line); err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
		}
	}
	start := 0
	for i, end := range ends {
		ix.entries[i].perms = perms[start:end:end]
		ix.entries[i].class = suggestClass(ix.entries[i])
		start = end
	}
	return ix, nil
}

func (ix *index) addPermission(line string) error {
	name, rest, _ := strings.Cut(line, "\t")
	level, flags, _ := strings.Cut(rest, "\t")
	lv, err := strconv.Atoi(level)
	if err != nil {
		return fmt.Errorf("permission %s: level: %w", name, err)
	}
	i := len(ix.perms)
	ix.perms = append(ix.perms, permission{name: name, level: lv, rsc: flags == "rsc"})
	ix.byName[name] = i
	if l := strings.ToLower(name); l != name {
		if _, dup := ix.byName[l]; !dup {
			ix.byName[l] = i
		}
	}
	return nil
}

// addEntry parses a path line, appending its permissions to perms.
func (ix *index) addEntry(line, lowerLine string, perms []uint16, path *trail) ([]uint16, error) {
	pattern, rest, _ := strings.Cut(line, "\t")
	e := entry{pattern: pattern, lower: lowerLine[:len(pattern)]}
	for k := 0; rest != ""; k++ {
		var field string
		field, rest, _ = strings.Cut(rest, "\t")
		mark := field[len(field)-1]
		if mark == '*' || mark == '+' {
			field = field[:len(field)-1]
		}
		i, err := strconv.Atoi(field)
		if err != nil || i < 0 || i >= len(ix.perms) {
			return perms, fmt.Errorf("%s: bad permission index %q", pattern, field)
		}
		switch mark {
		case '*':
			if e.least != k {
				return perms, fmt.Errorf("%s: least privileged must come first", pattern)
			}
			e.least++
		case '+':
			if k >= 32 || !ix.perms[i].rsc {
				return perms, fmt.Errorf("%s: %q marks a permission that is not resource-specific, or too far down", pattern, field)
			}
			e.rsc |= 1 << k
		}
		perms = append(perms, uint16(i))
	}
	e.depth = strings.Count(e.lower, "/")
	id := int32(len(ix.entries))
	ix.entries = append(ix.entries, e)
	path.insert(ix.root, e.lower, id)
	return perms, nil
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
