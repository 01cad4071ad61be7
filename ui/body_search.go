package ui

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// maxMatches bounds the memory a search over a huge body can take; the
// footer says when it was reached.
const maxMatches = 1 << 20

// searchResultMsg carries every match of a search in the body of exchange
// Seq. ID is the search run, so a slow, older search cannot overwrite a
// newer one.
type searchResultMsg struct {
	Seq, ID int
	Query   string
	Lines   []int32 // body line of each match, ascending
	Cols    []int32 // plain byte offset of each match in its line
	Capped  bool    // stopped at maxMatches
}

// searchCmd runs the search off the UI goroutine: it reads every line of
// the body once, which is fine for a command, never for a keypress. A
// large body's search reports progress and stops when stop is closed.
func searchCmd(src lineSource, seq, id int, query string, size int, stop <-chan struct{}) tea.Cmd {
	if size > searchProgressMin {
		return searchWithProgress(src, seq, id, query, stop)
	}
	return func() tea.Msg {
		lines, cols, capped := findAll(src, query, maxMatches)
		return searchResultMsg{Seq: seq, ID: id, Query: query, Lines: lines, Cols: cols, Capped: capped}
	}
}

// findAll finds query in the plain text of every line, ignoring case,
// without overlaps. Matches are byte ranges of len(query) in a line: ASCII
// case is folded in place; a query with other letters is compared window by
// window with bytes.EqualFold.
func findAll(src lineSource, query string, limit int) (lines, cols []int32, capped bool) {
	lines, cols, capped, _ = findAllWatched(src, query, limit, nil)
	return lines, cols, capped
}

// findAllWatched is findAll calling watch every searchChunk lines with the
// lines done and the matches so far; it gives up when watch returns false.
func findAllWatched(src lineSource, query string, limit int, watch func(done, found int) bool) (lines, cols []int32, capped, stopped bool) {
	if src == nil || query == "" {
		return nil, nil, false, false
	}
	q := []byte(query)
	asciiOnly := isASCII(q)
	if asciiOnly {
		q = []byte(strings.ToLower(query))
	}
	var buf []byte
	for i := range src.Len() {
		if watch != nil && i%searchChunk == 0 && i > 0 && !watch(i, len(lines)) {
			return lines, cols, false, true
		}
		buf = src.AppendPlain(buf[:0], i)
		if asciiOnly {
			lowerASCII(buf)
		}
		for off := 0; off+len(q) <= len(buf); {
			var at int
			if asciiOnly {
				at = bytes.Index(buf[off:], q)
			} else {
				at = indexFold(buf[off:], q)
			}
			if at < 0 {
				break
			}
			if len(lines) == limit {
				return lines, cols, true, false
			}
			lines = append(lines, int32(i))
			cols = append(cols, int32(off+at))
			off += at + len(q)
		}
	}
	return lines, cols, false, false
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerASCII folds A-Z in place, keeping byte offsets as they were.
func lowerASCII(b []byte) {
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}

// indexFold is the first byte offset at a rune start where the next
// len(q) bytes equal q under Unicode case folding, or -1.
func indexFold(hay, q []byte) int {
	for i := 0; i+len(q) <= len(hay); i++ {
		if !utf8.RuneStart(hay[i]) {
			continue
		}
		if bytes.EqualFold(hay[i:i+len(q)], q) {
			return i
		}
	}
	return -1
}

// bodySearch is the state of the last search in the body.
type bodySearch struct {
	query   string
	id      int
	pending bool
	waiting bool   // for the rest of a Partial body to be highlighted
	stop    func() // stops the running search; nil when none runs
	done    int    // lines searched so far (large bodies)
	total   int    // lines to search
	found   int    // matches so far
	lines   []int32
	cols    []int32
	capped  bool
	cur     int // index of the current match
}

func (s *bodySearch) count() int { return len(s.lines) }

// firstFrom is the index of the first match on or after body line n, or
// the first match when none follows (searches wrap around).
func (s *bodySearch) firstFrom(n int) int {
	i := sort.Search(len(s.lines), func(i int) bool { return int(s.lines[i]) >= n })
	if i == len(s.lines) {
		return 0
	}
	return i
}

// step moves to the next (+1) or previous (-1) match in O(1), wrapping.
func (s *bodySearch) step(d int) {
	if n := len(s.lines); n > 0 {
		s.cur = ((s.cur+d)%n + n) % n
	}
}
