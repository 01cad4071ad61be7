package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// ColorMode is how many colours the terminal shows.
type ColorMode int

const (
	ColorNone ColorMode = iota // plain text
	Color256                   // xterm 256-colour palette
	ColorTrue                  // 24-bit colour
)

// ColorModeFromEnv guesses the colour depth of the terminal from NO_COLOR,
// COLORTERM and TERM. Whether the output is a terminal at all is the
// caller's question.
func ColorModeFromEnv(getenv func(string) string) ColorMode {
	if getenv("NO_COLOR") != "" {
		return ColorNone
	}
	switch strings.ToLower(getenv("COLORTERM")) {
	case "truecolor", "24bit":
		return ColorTrue
	}
	if term := getenv("TERM"); term == "" || term == "dumb" {
		return ColorNone
	}
	return Color256
}

// tokenKind is what the JSON highlighter colours differently.
type tokenKind uint8

const (
	kindNone tokenKind = iota
	kindKey
	kindString
	kindNumber
	kindConstant
	kindPunct
	numKinds
)

// kindTokens maps each kind to the chroma token whose style it borrows, so
// every chroma theme works unchanged.
var kindTokens = [numKinds]chroma.TokenType{
	kindKey:      chroma.NameTag,
	kindString:   chroma.LiteralString,
	kindNumber:   chroma.LiteralNumber,
	kindConstant: chroma.KeywordConstant,
	kindPunct:    chroma.Punctuation,
}

// Palette holds the escape sequences between token kinds. Closing undoes
// only what was opened (39 = default colour, 22 = normal weight, ...)
// rather than resetting everything, so a line keeps any background the TUI
// puts behind it.
type Palette struct {
	// switchTo[from][to] is one SGR sequence that turns off what from set
	// and to does not, and sets what to needs; kindNone as to closes.
	switchTo switchTable
}

// switchTable holds the sequences in fixed-size arrays, which the
// highlighter copies with one move instead of a memmove call per token.
type switchTable [numKinds][numKinds]sgrSeq

// sgrSeq is an escape sequence padded to 32 bytes. The longest a palette
// makes is 28: ESC [ 22;23;24;38;2;255;255;255 m.
type sgrSeq struct {
	b [32]byte
	n int
}

// Highlighted lines hold a one-byte mark, markBase+kind, where the colour
// changes, not the escape sequence itself: a 24-bit colour sequence is up
// to 19 bytes and a typical line changes colour four times, which would
// make the lines of a large body nearly three times its indented text. The
// marks are C0 control bytes that valid JSON cannot hold raw, and the
// palette turns them into escape sequences only for lines being written or
// drawn.
const markBase = 0x10

// MarkNone is the mark that closes every colour; a line starts and ends in
// it.
const MarkNone byte = markBase + byte(kindNone)

// IsMark reports whether c, a byte of a highlighted line, is a colour mark.
func IsMark(c byte) bool { return c-markBase < byte(numKinds) }

// AppendSwitch appends the escape sequence that goes from the colour of
// mark from to that of mark to (both from IsMark bytes or MarkNone).
func (p *Palette) AppendSwitch(dst []byte, from, to byte) []byte {
	s := &p.switchTo[from-markBase][to-markBase]
	return append(dst, s.b[:s.n]...)
}

// SGR attributes a token may set, with the codes that turn them off.
const (
	attrBold = iota
	attrItalic
	attrUnderline
	attrColour
	numAttrs
)

var attrOff = [numAttrs]string{"22", "23", "24", "39"}

// NewPalette derives SGR sequences from a chroma style. It returns nil (no
// colours) for ColorNone or a nil style. Token backgrounds are ignored: the
// terminal's own background stays.
func NewPalette(st *chroma.Style, mode ColorMode) *Palette {
	if st == nil || mode == ColorNone {
		return nil
	}
	var on [numKinds][numAttrs]string // "" = attribute not set
	for k := kindKey; k < numKinds; k++ {
		e := st.Get(kindTokens[k])
		if e.Bold == chroma.Yes {
			on[k][attrBold] = "1"
		}
		if e.Italic == chroma.Yes {
			on[k][attrItalic] = "3"
		}
		if e.Underline == chroma.Yes {
			on[k][attrUnderline] = "4"
		}
		if e.Colour.IsSet() {
			r, g, b := int(e.Colour.Red()), int(e.Colour.Green()), int(e.Colour.Blue())
			if mode == ColorTrue {
				on[k][attrColour] = fmt.Sprintf("38;2;%d;%d;%d", r, g, b)
			} else {
				on[k][attrColour] = "38;5;" + strconv.Itoa(xterm256(r, g, b))
			}
		}
	}
	p := &Palette{}
	for from := range numKinds {
		for to := range numKinds {
			var codes []string
			for a := range numAttrs {
				if on[from][a] != "" && on[to][a] == "" {
					codes = append(codes, attrOff[a])
				}
			}
			for a := range numAttrs {
				if on[to][a] != "" && on[to][a] != on[from][a] {
					codes = append(codes, on[to][a])
				}
			}
			if len(codes) > 0 {
				sgr := "\x1b[" + strings.Join(codes, ";") + "m"
				seq := &p.switchTo[from][to]
				if seq.n = copy(seq.b[:], sgr); seq.n != len(sgr) {
					panic("render: SGR sequence longer than sgrSeq holds: " + strconv.Quote(sgr))
				}
			}
		}
	}
	return p
}

// xterm256 picks the nearest colour of the 6x6x6 cube or the grey ramp.
func xterm256(r, g, b int) int {
	levels := [6]int{0, 95, 135, 175, 215, 255}
	step := func(v int) int {
		switch {
		case v < 48:
			return 0
		case v < 115:
			return 1
		}
		return (v - 35) / 40
	}
	dist := func(r2, g2, b2 int) int {
		return (r-r2)*(r-r2) + (g-g2)*(g-g2) + (b-b2)*(b-b2)
	}
	ri, gi, bi := step(r), step(g), step(b)
	cube := 16 + 36*ri + 6*gi + bi
	cubeDist := dist(levels[ri], levels[gi], levels[bi])

	grey := min(max((r+g+b)/3-3, 0)/10, 23)
	level := 8 + 10*grey
	if dist(level, level, level) < cubeDist {
		return 232 + grey
	}
	return cube
}
