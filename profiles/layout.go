package profiles

import (
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// The TOML decoder does not say on which line a key was defined, and edits
// must leave every other byte of the file alone. layout is a small
// line-level map of the document for both: where each table header and each
// key sits. It only needs to understand enough TOML to tell headers, keys,
// comments and multi-line values apart, and it never fails: on text it does
// not understand it simply records less.

type lineKind int

const (
	lineBlank lineKind = iota
	lineComment
	lineHeader
	lineKey
	lineContinuation // inside a value that started on an earlier line
	lineOther
)

type header struct {
	path  []string
	line  int
	array bool
	end   int // byte offset just after the closing bracket(s)
}

type keyLine struct {
	path       []string // full path: enclosing table + the key as written
	local      []string // the key as written on its line
	table      int      // index into layout.tables; -1 before the first header
	line       int      // line where the key is written
	lastLine   int      // line where its value ends
	valueStart int      // byte offset of the value in lines[line]
	valueEnd   int      // byte offset just after the value in lines[lastLine]
}

type layout struct {
	lines  []string // each with its line ending: joined they give the text back
	kinds  []lineKind
	tables []header
	keys   []keyLine
	first  map[string]int // toml.Key(path).String() -> first line (0-based) defining it or a child
}

func scanLayout(text string) *layout {
	l := &layout{lines: splitLines(text), first: map[string]int{}}
	l.kinds = make([]lineKind, len(l.lines))
	table := -1
	var tablePath []string
	for i := 0; i < len(l.lines); i++ {
		s := l.lines[i]
		pos := skipSpace(s, 0)
		if pos >= len(s) || s[pos] == '\n' || s[pos] == '\r' {
			l.kinds[i] = lineBlank
			continue
		}
		if s[pos] == '#' {
			l.kinds[i] = lineComment
			continue
		}
		l.kinds[i] = lineOther
		if s[pos] == '[' {
			array := strings.HasPrefix(s[pos:], "[[")
			open, closer := 1, "]"
			if array {
				open, closer = 2, "]]"
			}
			path, next, ok := parseKey(s, pos+open)
			if !ok {
				continue
			}
			next = skipSpace(s, next)
			if !strings.HasPrefix(s[next:], closer) {
				continue
			}
			l.kinds[i] = lineHeader
			l.tables = append(l.tables, header{path: path, line: i, array: array, end: next + len(closer)})
			table, tablePath = len(l.tables)-1, path
			l.note(path, i)
			continue
		}
		local, next, ok := parseKey(s, pos)
		if !ok {
			continue
		}
		next = skipSpace(s, next)
		if next >= len(s) || s[next] != '=' {
			continue
		}
		k := keyLine{
			path:       append(append([]string{}, tablePath...), local...),
			local:      local,
			table:      table,
			line:       i,
			valueStart: skipSpace(s, next+1),
		}
		k.lastLine, k.valueEnd = scanValue(l.lines, i, k.valueStart)
		l.kinds[i] = lineKey
		for j := i + 1; j <= k.lastLine; j++ {
			l.kinds[j] = lineContinuation
		}
		l.keys = append(l.keys, k)
		l.note(k.path, i)
		i = k.lastLine
	}
	return l
}

// note records the first line of a path and of each of its parents.
func (l *layout) note(path []string, line int) {
	for n := 1; n <= len(path); n++ {
		k := toml.Key(path[:n]).String()
		if _, seen := l.first[k]; !seen {
			l.first[k] = line
		}
	}
}

// lineOf is the 1-based line defining path, or its nearest defined parent
// (a key missing from a table reports the table's header), or 0.
func (l *layout) lineOf(path ...string) int {
	for n := len(path); n > 0; n-- {
		if line, ok := l.first[toml.Key(path[:n]).String()]; ok {
			return line + 1
		}
	}
	return 0
}

// table returns the index of the [path] header (not an array of tables), or -1.
func (l *layout) table(path ...string) int {
	for i, h := range l.tables {
		if !h.array && slices.Equal(h.path, path) {
			return i
		}
	}
	return -1
}

// tableEnd is the line (exclusive) where table ti's own lines end: the next
// header, minus the comment lines sitting right above that header, since
// those describe the next table.
func (l *layout) tableEnd(ti int) int {
	if ti+1 >= len(l.tables) {
		return len(l.lines)
	}
	end := l.tables[ti+1].line
	for end-1 > l.tables[ti].line && l.kinds[end-1] == lineComment {
		end--
	}
	return end
}

// leadingComments is the first line of the comment block directly above
// line, or line itself when there is none.
func (l *layout) leadingComments(line int) int {
	for line > 0 && l.kinds[line-1] == lineComment {
		line--
	}
	return line
}

// lineEnding is the file's newline style, so inserted lines match it.
func (l *layout) lineEnding() string {
	if len(l.lines) > 0 && strings.HasSuffix(l.lines[0], "\r\n") {
		return "\r\n"
	}
	return "\n"
}

func splitLines(text string) []string {
	var lines []string
	for text != "" {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			lines = append(lines, text)
			break
		}
		lines = append(lines, text[:i+1])
		text = text[i+1:]
	}
	return lines
}

func skipSpace(s string, pos int) int {
	for pos < len(s) && (s[pos] == ' ' || s[pos] == '\t') {
		pos++
	}
	return pos
}

func isBareKeyByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// parseKey reads a dotted key (bare, "basic" or 'literal' parts) starting at
// pos and returns its parts and the offset after it.
func parseKey(s string, pos int) ([]string, int, bool) {
	var parts []string
	for {
		pos = skipSpace(s, pos)
		if pos >= len(s) {
			return nil, pos, false
		}
		switch s[pos] {
		case '"':
			end := pos + 1
			for end < len(s) && s[end] != '"' && s[end] != '\n' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(s) || s[end] != '"' {
				return nil, pos, false
			}
			raw := s[pos : end+1]
			part, err := strconv.Unquote(raw)
			if err != nil {
				part = raw[1 : len(raw)-1]
			}
			parts = append(parts, part)
			pos = end + 1
		case '\'':
			end := strings.IndexByte(s[pos+1:], '\'')
			if end < 0 {
				return nil, pos, false
			}
			parts = append(parts, s[pos+1:pos+1+end])
			pos += end + 2
		default:
			start := pos
			for pos < len(s) && isBareKeyByte(s[pos]) {
				pos++
			}
			if pos == start {
				return nil, pos, false
			}
			parts = append(parts, s[start:pos])
		}
		pos = skipSpace(s, pos)
		if pos >= len(s) || s[pos] != '.' {
			return parts, pos, true
		}
		pos++
	}
}

// Value scanning states.
const (
	inNothing = iota
	inBasic
	inLiteral
	inMultiBasic
	inMultiLiteral
)

// scanValue follows a value from lines[line][pos] to its end, across lines
// for multi-line strings and arrays. It returns the last line and the byte
// offset just after the value on that line (before spaces and a comment).
func scanValue(lines []string, line, pos int) (int, int) {
	depth, mode := 0, inNothing
	for ; line < len(lines); line, pos = line+1, 0 {
		s := lines[line]
		end := min(pos, len(s))
	scan:
		for pos < len(s) {
			c := s[pos]
			switch mode {
			case inNothing:
				switch {
				case c == '#' || c == '\n' || c == '\r':
					break scan
				case c == ' ' || c == '\t':
					pos++
					continue
				case strings.HasPrefix(s[pos:], `"""`):
					mode, pos = inMultiBasic, pos+3
				case strings.HasPrefix(s[pos:], `'''`):
					mode, pos = inMultiLiteral, pos+3
				case c == '"':
					mode, pos = inBasic, pos+1
				case c == '\'':
					mode, pos = inLiteral, pos+1
				case c == '[' || c == '{':
					depth, pos = depth+1, pos+1
				case c == ']' || c == '}':
					depth, pos = depth-1, pos+1
				default:
					pos++
				}
			case inBasic, inLiteral:
				switch {
				case c == '\n' || c == '\r':
					mode = inNothing // unterminated; the decoder reports it
					break scan
				case c == '\\' && mode == inBasic:
					pos += 2
				case c == '"' && mode == inBasic, c == '\'' && mode == inLiteral:
					mode, pos = inNothing, pos+1
				default:
					pos++
				}
			case inMultiBasic, inMultiLiteral:
				quote := `"""`
				if mode == inMultiLiteral {
					quote = `'''`
				}
				switch {
				case c == '\\' && mode == inMultiBasic:
					pos += 2
				case strings.HasPrefix(s[pos:], quote):
					pos += 3
					// Up to two more quotes belong to the content.
					for extra := 0; extra < 2 && pos < len(s) && s[pos] == quote[0]; extra++ {
						pos++
					}
					mode = inNothing
				default:
					pos++
				}
			}
			end = min(pos, len(s))
		}
		if mode == inBasic || mode == inLiteral {
			mode = inNothing
		}
		if mode == inNothing && depth <= 0 {
			return line, end
		}
	}
	last := len(lines) - 1
	if last < 0 {
		return 0, 0
	}
	return last, len(lines[last])
}
