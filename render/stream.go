package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/graphtui/graphtui/internal/bytesize"
	"github.com/graphtui/graphtui/internal/termsafe"
)

// NotJSONError is a streamed body, taken for JSON, that stopped being JSON
// after part of its output was written. That part stays written; nothing
// after it was.
type NotJSONError struct {
	Offset  int64 // byte of the body where the problem was noticed
	Written int64 // bytes of output written before it
	Err     error // a *SyntaxError, or ErrTooLarge
	// AsText: the problem showed before any output was written, so the
	// whole body was written as Write writes it (as text); Err is then
	// CheckJSON's.
	AsText bool
}

func (e *NotJSONError) Error() string {
	if e.AsText {
		return fmt.Sprintf("the body is not valid JSON (%v); it is shown as received", e.Err)
	}
	what := fmt.Sprintf("the body is not valid JSON at byte %d (%v)", e.Offset, e.Err)
	if errors.Is(e.Err, ErrTooLarge) {
		what = fmt.Sprintf("indenting the body would make it too large (byte %d of the body)", e.Offset)
	}
	return fmt.Sprintf("%s; the output stops there: the %s written before stays written", what, bytesize.Text(int(e.Written)))
}

func (e *NotJSONError) Unwrap() error { return e.Err }

// HeldTooLongError is a body that had to be formatted whole (it is not
// JSON) and was longer than the bytes Stream may hold; what fit was written.
type HeldTooLongError struct{ Limit int64 }

func (e *HeldTooLongError) Error() string {
	return fmt.Sprintf("the body is not JSON, so it is formatted whole, and it is longer than the %s that may be held: the output shows the first %s only", bytesize.Text(int(e.Limit)), bytesize.Text(int(e.Limit)))
}

const (
	// streamRead is the first size of the window of the body that Stream
	// reads into; a token longer than the window doubles it.
	streamRead = 256 << 10
	// streamFlush is how much output Stream collects before writing it.
	// Until the first write the whole body so far is kept, so that a body
	// that turns out not to be JSON early is written as Write would.
	streamFlush = 64 << 10
	// streamHead is how much of the body decides whether it is JSON.
	streamHead = 512
)

// Stream writes a body as it is read from r, with the same bytes Write
// writes for the whole body, holding about a window of it: JSON is
// indented (or compacted) and validated as it goes. A body that is not
// JSON is read whole, at most hold bytes (*HeldTooLongError past that),
// and written by Write. So is JSON that proves invalid before any output
// was written; later, Stream stops with *NotJSONError. Read errors are
// returned as they are, after writing what was formatted before them.
func (o Output) Stream(w io.Writer, r io.Reader, hold int64) error {
	s := &streamer{o: o, w: w, r: r, win: make([]byte, streamRead)}
	for !s.eof && s.n < streamHead {
		if err := s.fill(); err != nil {
			return err
		}
	}
	if !IsJSON(o.ContentType, s.win[:s.n]) {
		return s.whole(hold, nil)
	}
	var pal *Palette
	if !o.Compact && o.Mode != ColorNone {
		st, err := LookupStyle(o.Style)
		if err != nil {
			return err
		}
		pal = NewPalette(st, o.Mode)
	}
	h := newHighlighter(s.win[:s.n], nil, nil, nil)
	h.stream, h.flat = true, o.Compact
	if pal != nil {
		h.sw = &pal.switchTo // escape sequences written in place, as highlightWritten does
	}
	for {
		h.src, h.more = s.win[:s.n], !s.eof
		if h.limit = math.MaxInt32; !o.Compact {
			h.limit = s.limit()
		}
		err := h.run(math.MaxInt)
		switch {
		case err == nil: // the end of the body
			if err := s.flush(h); err != nil {
				return err
			}
			if o.Compact {
				_, err := s.w.Write([]byte{'\n'})
				return err
			}
			return nil
		case err == errMore:
		case !s.committed:
			return s.whole(hold, err) // not JSON after all, and nothing written yet
		default:
			if werr := s.flush(h); werr != nil {
				return werr
			}
			if se, ok := err.(*SyntaxError); ok {
				err = &SyntaxError{Offset: int(s.base) + se.Offset, Msg: se.Msg}
			}
			return &NotJSONError{Offset: s.base + int64(h.i), Written: s.written, Err: err}
		}
		if s.pending(h) >= streamFlush {
			if err := s.flush(h); err != nil {
				return err
			}
		}
		if s.n == len(s.win) {
			s.makeRoom(h)
		}
		if err := s.fill(); err != nil {
			s.flush(h) // what was formatted stays written
			return err
		}
	}
}

// streamer is the state of one Stream.
type streamer struct {
	o         Output
	w         io.Writer
	r         io.Reader
	win       []byte // the window: win[:n] was read, from body byte base on
	n         int
	base      int64
	eof       bool
	done      int    // compact: window bytes already written
	committed bool   // output was written: no going back to Write
	written   int64  // output bytes written
	produced  int64  // indented bytes made, for the size limit
	buf, esc  []byte // compacted and escaped output
}

// fill reads once into the window.
func (s *streamer) fill() error {
	k, err := s.r.Read(s.win[s.n:])
	s.n += k
	if err == io.EOF {
		s.eof = true
		return nil
	}
	return err
}

// limit is Highlight's bound on the indented text, for a body whose end is
// not known yet: deep nesting can make it far larger than the body.
func (s *streamer) limit() int {
	allowed := max(64<<20, 32*(s.base+int64(s.n))) - s.produced
	return int(min(max(allowed, 0), math.MaxInt32))
}

// pending is how much output is ready to be written.
func (s *streamer) pending(h *Highlighter) int {
	if s.o.Compact {
		return h.i - s.done
	}
	return h.w
}

// flush writes the output made so far: the highlighter's text, or for
// Compact the body it has checked, compacted.
func (s *streamer) flush(h *Highlighter) error {
	var out []byte
	if s.o.Compact {
		out = appendCompact(s.buf[:0], s.win[s.done:h.i])
		s.buf, s.done = out, h.i
	} else {
		out = h.out[:h.w]
	}
	s.produced += int64(h.w)
	h.w, h.ends = 0, h.ends[:0] // lines are not kept: the text is written
	s.committed = true
	if s.o.escapes() && termsafe.JSONUnsafe(out) {
		// Output is cut between tokens, so no rune is split here.
		s.esc = termsafe.AppendJSON(s.esc[:0], out)
		out = s.esc
	}
	if len(out) == 0 {
		return nil
	}
	n, err := s.w.Write(out)
	s.written += int64(n)
	return err
}

// makeRoom frees the start of a full window, once what it held is
// written, or doubles the window for a token longer than the free part.
func (s *streamer) makeRoom(h *Highlighter) {
	drop := 0
	if s.committed {
		drop = h.i
		if s.o.Compact {
			drop = s.done
		}
	}
	if drop < len(s.win)/2 {
		bigger := make([]byte, 2*len(s.win))
		s.n = copy(bigger, s.win[drop:s.n])
		s.win = bigger
	} else {
		s.n = copy(s.win, s.win[drop:s.n])
	}
	s.base += int64(drop)
	h.i -= drop
	s.done -= drop
}

// whole reads the rest of the body, at most hold bytes in all, and writes
// it with Write; notJSON is why a body taken for JSON was not.
func (s *streamer) whole(hold int64, notJSON error) error {
	body := s.win[:s.n]
	cut := false
	if !s.eof {
		buf := bytes.NewBuffer(body)
		_, err := buf.ReadFrom(io.LimitReader(s.r, max(hold-int64(len(body)), 0)+1))
		if err != nil {
			return err
		}
		body = buf.Bytes()
	}
	if cut = int64(len(body)) > hold; cut {
		body = body[:hold]
	}
	var asText error
	if notJSON != nil && !cut {
		if err := CheckJSON(body); err != nil {
			asText = &NotJSONError{Err: err, AsText: true}
		}
	}
	if err := s.o.Write(s.w, body); err != nil {
		return errors.Join(asText, err)
	}
	if cut {
		return &HeldTooLongError{Limit: hold}
	}
	return asText
}
