package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/bench/benchdata"
	"github.com/graphtui/graphtui/internal/refdata/refdatatest"
)

// chunkReader hands out its bytes in pieces of random sizes (1 byte to a
// few KB), as a network does, so that tokens, runes and "\r\n" are cut.
type chunkReader struct {
	b   []byte
	rnd *rand.Rand
}

func newChunkReader(b []byte, seed uint64) *chunkReader {
	return &chunkReader{b: b, rnd: rand.New(rand.NewPCG(seed, 1))}
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), len(r.b), 1+r.rnd.IntN(4096))
	if r.rnd.IntN(4) == 0 {
		n = min(n, 1+r.rnd.IntN(3))
	}
	copy(p, r.b[:n])
	r.b = r.b[n:]
	return n, nil
}

// streamOutputs are the outputs the CLI makes of a body.
var streamOutputs = []struct {
	name string
	o    Output
}{
	{"pretty true colour", Output{Mode: ColorTrue}},
	{"pretty 256 on a terminal", Output{Mode: Color256, Escape: true}},
	{"pretty no colour", Output{}},
	{"pretty no colour on a terminal", Output{Escape: true}},
	{"json", Output{Compact: true}},
	{"json on a terminal", Output{Compact: true, Escape: true}},
	{"text as pretty", Output{ContentType: "text/plain", Mode: ColorTrue}},
}

// assertStreamEqual checks that Stream writes what Write writes, with the
// body cut in random places, and the same error (by its text).
func assertStreamEqual(t testing.TB, name string, body []byte, ct string, seed uint64) {
	t.Helper()
	for _, tc := range streamOutputs {
		o := tc.o
		if o.ContentType == "" {
			o.ContentType = ct
		}
		var whole, streamed bytes.Buffer
		werr := o.Write(&whole, body)
		serr := o.Stream(&streamed, newChunkReader(body, seed), 1<<30)
		var nj *NotJSONError
		if errors.As(serr, &nj) && nj.AsText {
			// Written as Write writes it, and said so.
			if werr != nil && !strings.Contains(serr.Error(), werr.Error()) || json.Valid(body) || !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
				t.Fatalf("%s, %s: %v, but Write said %v (valid JSON: %v)\nstreamed: %.400q\n   whole: %.400q", name, tc.name, serr, werr, json.Valid(body), streamed.Bytes(), whole.Bytes())
			}
			continue
		}
		if errors.As(serr, &nj) {
			// By design: JSON that breaks after output was written is
			// cut there and reported, where Write shows it as text.
			if json.Valid(body) || nj.Written != int64(streamed.Len()) || nj.Written < streamFlush {
				t.Fatalf("%s, %s: %v after %d bytes written (valid JSON: %v)", name, tc.name, serr, streamed.Len(), json.Valid(body))
			}
			continue
		}
		if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
			t.Fatalf("%s, %s: streamed output differs from the whole body's\nstreamed: %.400q\n   whole: %.400q", name, tc.name, streamed.Bytes(), whole.Bytes())
		}
		if (werr == nil) != (serr == nil) || werr != nil && werr.Error() != serr.Error() {
			t.Fatalf("%s, %s: Write error %v, Stream error %v", name, tc.name, werr, serr)
		}
	}
}

func TestStreamMatchesWriteOnGraphMocks(t *testing.T) {
	checked := 0
	for i, m := range refdatatest.Mocks(t) {
		body := m.Response.Body
		if len(body) == 0 || string(body) == "null" {
			continue
		}
		assertStreamEqual(t, m.Request.URL, body, "application/json", uint64(i))
		var text string
		if json.Unmarshal(body, &text) == nil {
			// Some mocks hold the response text as a JSON string: JSON,
			// XML, text; undeclared, Stream decides by the first byte.
			assertStreamEqual(t, m.Request.URL+" (embedded text)", []byte(text), "", uint64(i))
		}
		checked++
	}
	if checked < 2000 {
		t.Fatalf("only %d bodies checked; the mocks file changed shape?", checked)
	}
}

func TestStreamMatchesWriteOnLargeAndOddBodies(t *testing.T) {
	page := benchdata.UsersPage(600 << 10) // several windows and flushes
	bodies := map[string][]byte{
		"users page":     page,
		"CRLF and space": append(append([]byte("\r\n \t"), page...), "\r\n\r\n"...),
		"long string":    []byte(`{"photo":"` + strings.Repeat("QUJD", 200<<10) + `","n":12345678901234567890}`),
		"C1 and DEL":     []byte(`{"a":"` + strings.Repeat("x\u009b[31m\x7f\xff", 30<<10) + `"}`),
		"empty":          nil,
		"spaces only":    []byte("  \n "),
		"top number":     []byte(" -12345.678e+90 "),
		"top string":     []byte(`"é` + strings.Repeat("€", 1000) + `"`),
		"bad early":      []byte(`{"a":tru}` + strings.Repeat(" ", 1<<20)),
		"deep":           []byte(strings.Repeat("[", 3000) + strings.Repeat("]", 3000)),
	}
	for name, body := range bodies {
		for seed := range uint64(3) {
			assertStreamEqual(t, name, body, "application/json", seed)
		}
	}
}

func TestStreamReportsJSONThatBreaksLate(t *testing.T) {
	page := benchdata.UsersPage(1 << 20)
	broken := append(bytes.Clone(page[:len(page)/2]), `}}}garbage`...)
	cut := page[:len(page)-100]
	for name, body := range map[string][]byte{"invalid mid-way": broken, "cut short": cut} {
		for _, tc := range streamOutputs[:5] {
			var out bytes.Buffer
			o := tc.o
			o.ContentType = "application/json"
			err := o.Stream(&out, newChunkReader(body, 7), 1<<30)
			var nj *NotJSONError
			if !errors.As(err, &nj) {
				t.Fatalf("%s, %s: error %v; want *NotJSONError", name, tc.name, err)
			}
			if nj.Written != int64(out.Len()) || out.Len() < streamFlush {
				t.Errorf("%s, %s: %d bytes written, the error says %d", name, tc.name, out.Len(), nj.Written)
			}
			if nj.Offset < int64(len(body))/2-1 || nj.Offset > int64(len(body)) {
				t.Errorf("%s, %s: offset %d of %d", name, tc.name, nj.Offset, len(body))
			}
			if msg := err.Error(); !strings.Contains(msg, "not valid JSON") || !strings.Contains(msg, "stays written") {
				t.Errorf("%s, %s: message %q", name, tc.name, msg)
			}
		}
	}
}

func TestStreamPassesReadErrorsOn(t *testing.T) {
	page := benchdata.UsersPage(1 << 20)
	boom := errors.New("connection reset")
	r := io.MultiReader(bytes.NewReader(page[:len(page)/2]), iotestErr{boom})
	var out bytes.Buffer
	err := Output{Mode: ColorTrue, ContentType: "application/json"}.Stream(&out, r, 1<<30)
	if !errors.Is(err, boom) {
		t.Fatalf("error %v; want the read error", err)
	}
	if out.Len() == 0 {
		t.Fatal("nothing written before the read error")
	}
}

type iotestErr struct{ err error }

func (r iotestErr) Read([]byte) (int, error) { return 0, r.err }

func TestStreamHoldsNonJSONUpToTheLimit(t *testing.T) {
	body := bytes.Repeat([]byte("plain text line\n"), 10000)
	var out bytes.Buffer
	err := Output{ContentType: "text/plain"}.Stream(&out, bytes.NewReader(body), 1000)
	var tl *HeldTooLongError
	if !errors.As(err, &tl) || tl.Limit != 1000 {
		t.Fatalf("error %v; want *HeldTooLongError at 1000", err)
	}
	if want := append(bytes.Clone(body[:1000]), '\n'); !bytes.Equal(out.Bytes(), want) {
		t.Errorf("wrote %d bytes; want the first 1000 and a line break", out.Len())
	}
}

// generatedBody is a compact page of about n bytes made as it is read, so
// that the test itself holds no copy of it.
type generatedBody struct {
	parts  [][]byte // what is left to serve: the head, then items, then the tail
	items  int64    // items still to serve
	item   []byte
	served []byte // the rest of the part being served
}

func newGeneratedBody(n int64) *generatedBody {
	item := []byte(`{"id":"0b6f7c1e","displayName":"Adele Vance","mail":"adele@contoso.example","jobTitle":"Retail Manager","accountEnabled":true,"n":12.5},`)
	return &generatedBody{served: []byte(`{"value":[`), items: n / int64(len(item)), item: item, parts: [][]byte{[]byte(`{"id":"last"}]}`)}}
}

func (g *generatedBody) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		if len(g.served) == 0 {
			switch {
			case g.items > 0:
				g.items--
				g.served = g.item
			case len(g.parts) > 0:
				g.served, g.parts = g.parts[0], g.parts[1:]
			case total == 0:
				return 0, io.EOF
			default:
				return total, nil
			}
		}
		k := copy(p, g.served)
		p, g.served, total = p[k:], g.served[k:], total+k
	}
	return total, nil
}

// countingWriter counts what it is given and keeps none of it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

func TestStreamMemoryStaysBounded(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("streams 200 MB")
	}
	const size = 200 << 20
	for _, o := range []Output{{Mode: ColorTrue, ContentType: "application/json", Escape: true}, {Compact: true, ContentType: "application/json"}} {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		var out countingWriter
		peak := &peakSampler{}
		err := o.Stream(&out, peak.wrap(newGeneratedBody(size)), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if out.n < size-4096 { // the items fill all but the last few bytes
			t.Fatalf("wrote %d bytes of output for a %d-byte body", out.n, size)
		}
		// The window, the output and the runtime's slack: a few MB, where
		// holding the body would take 200.
		if grown := peak.max - int64(before.HeapInuse); grown > 32<<20 {
			t.Fatalf("heap in use grew by %d MB while streaming a 200 MB body", grown>>20)
		}
	}
}

// peakSampler reads the heap in use every few MB of input.
type peakSampler struct {
	max  int64
	read int64
	r    io.Reader
}

func (s *peakSampler) wrap(r io.Reader) io.Reader { s.r = r; return s }

func (s *peakSampler) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if s.read/(4<<20) != (s.read+int64(n))/(4<<20) {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		s.max = max(s.max, int64(m.HeapInuse))
	}
	s.read += int64(n)
	return n, err
}
