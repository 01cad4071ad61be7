package render

import (
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// sgrState is what a terminal would apply to a character.
type sgrState struct {
	bold, italic, underline bool
	colour                  string
}

// render interprets the SGR codes the palette uses and returns the visible
// text with the state of every byte, plus the state left at the end.
func render(t *testing.T, line string) (string, []sgrState, sgrState) {
	t.Helper()
	var text strings.Builder
	var states []sgrState
	var st sgrState
	for i := 0; i < len(line); i++ {
		if line[i] != 0x1b {
			text.WriteByte(line[i])
			states = append(states, st)
			continue
		}
		end := strings.IndexByte(line[i:], 'm')
		if end < 0 || line[i+1] != '[' {
			t.Fatalf("not an SGR sequence at %d: %q", i, line)
		}
		codes := strings.Split(line[i+2:i+end], ";")
		// Attributes on and off: 1 and 22 bold, 3 and 23 italic, 4 and 24 underline.
		attrs := map[string]struct {
			flag *bool
			on   bool
		}{"1": {&st.bold, true}, "3": {&st.italic, true}, "4": {&st.underline, true},
			"22": {&st.bold, false}, "23": {&st.italic, false}, "24": {&st.underline, false}}
		for j := 0; j < len(codes); j++ {
			if a, ok := attrs[codes[j]]; ok {
				*a.flag = a.on
				continue
			}
			switch codes[j] {
			case "39":
				st.colour = ""
			case "38":
				n := 3 // 38;5;N
				if codes[j+1] == "2" {
					n = 5 // 38;2;R;G;B
				}
				st.colour = strings.Join(codes[j:j+n], ";")
				j += n - 1
			default:
				t.Fatalf("unexpected SGR code %q in %q", codes[j], line)
			}
		}
		i += end
	}
	return text.String(), states, st
}

func TestPaletteAttributesPerToken(t *testing.T) {
	st := chroma.MustNewStyle("test", chroma.StyleEntries{
		chroma.NameTag:         "bold #ff0000",
		chroma.LiteralString:   "italic #00ff00",
		chroma.LiteralNumber:   "underline",
		chroma.KeywordConstant: "bold",
		chroma.Punctuation:     "#0000ff",
	})
	var l Lines
	if err := Highlight(&l, []byte(`{"id":"x","n":[7,null]}`), NewPalette(st, ColorTrue)); err != nil {
		t.Fatal(err)
	}
	red := sgrState{bold: true, colour: "38;2;255;0;0"}
	green := sgrState{italic: true, colour: "38;2;0;255;0"}
	blue := sgrState{colour: "38;2;0;0;255"}
	want := map[string]sgrState{
		`"id"`: red, `"x"`: green, `"n"`: red, "7": {underline: true}, "null": {bold: true},
		":": blue, ",": blue, "[": blue, "{": blue, "}": blue,
	}
	for i := range l.Len() {
		text, states, end := render(t, string(l.AppendColoured(nil, i)))
		if end != (sgrState{}) {
			t.Errorf("line %d leaves %+v on", i, end)
		}
		if text != string(l.Plain(i)) {
			t.Errorf("line %d: rendered %q, plain %q", i, text, l.Plain(i))
		}
		for tok, w := range want {
			if at := strings.Index(text, tok); at >= 0 {
				for k := at; k < at+len(tok); k++ {
					if states[k] != w {
						t.Errorf("line %d %q: byte %d of %q has %+v, want %+v", i, text, k, tok, states[k], w)
					}
				}
			}
		}
	}
}

func TestColorModeFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want ColorMode
	}{
		{map[string]string{"COLORTERM": "truecolor", "TERM": "xterm-256color"}, ColorTrue},
		{map[string]string{"COLORTERM": "24bit"}, ColorTrue},
		{map[string]string{"TERM": "xterm-256color"}, Color256},
		{map[string]string{"TERM": "dumb"}, ColorNone},
		{map[string]string{}, ColorNone},
		{map[string]string{"NO_COLOR": "1", "COLORTERM": "truecolor"}, ColorNone},
	}
	for _, tt := range tests {
		if got := ColorModeFromEnv(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: got %d, want %d", tt.env, got, tt.want)
		}
	}
}

func TestXterm256(t *testing.T) {
	tests := []struct{ r, g, b, want int }{
		{0, 0, 0, 16},
		{255, 255, 255, 231},
		{0x80, 0x80, 0x80, 244}, // grey ramp beats the cube
		{0xf9, 0x26, 0x72, 197}, // monokai pink
		{255, 0, 0, 196},
		{0x08, 0x08, 0x08, 232},
	}
	for _, tt := range tests {
		if got := xterm256(tt.r, tt.g, tt.b); got != tt.want {
			t.Errorf("#%02x%02x%02x: got %d, want %d", tt.r, tt.g, tt.b, got, tt.want)
		}
	}
}
