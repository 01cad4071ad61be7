package ui

import (
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
)

// Presenter is presenter mode: while it is on, tenant ids, tenant domains
// and e-mail addresses (UPNs) are masked on screen, for demos. One value is
// shared by every pane through Common, so the root's toggle reaches all of
// them. A nil *Presenter masks nothing.
//
// Masking keeps the byte length of the text: every masked letter or digit
// becomes '*' and punctuation ('@', '.', '-') stays. Byte offsets into a
// body line (search matches, the cell walker) therefore stay valid, and
// masking happens before any text is cut to a width, so no cut can leave a
// piece of a value unmasked. It changes only what is drawn, never what is
// copied or saved.
type Presenter struct {
	on      bool
	tenants []string // lower case, longest first
	gen     int      // changes whenever what Mask does changes
}

// On reports whether presenter mode is on.
func (p *Presenter) On() bool { return p != nil && p.on }

// SetOn switches presenter mode.
func (p *Presenter) SetOn(on bool) {
	if p == nil || p.on == on {
		return
	}
	p.on = on
	p.gen++
}

// Gen changes whenever the result of Mask may change: caches of masked
// text compare it.
func (p *Presenter) Gen() int {
	if p == nil {
		return 0
	}
	return p.gen
}

// AddTenants makes tenant ids or domains known: a profile's tenant or the
// tid claim of a token. Empty and already known values are ignored.
func (p *Presenter) AddTenants(ts ...string) {
	if p == nil {
		return
	}
	for _, t := range ts {
		t = asciiLower(strings.TrimSpace(t))
		switch t {
		case "common", "organizations", "consumers": // not anyone's tenant
			continue
		}
		if len(t) < 3 || slices.Contains(p.tenants, t) {
			continue
		}
		p.tenants = append(p.tenants, t)
		for i := len(p.tenants) - 1; i > 0 && len(p.tenants[i]) > len(p.tenants[i-1]); i-- {
			p.tenants[i], p.tenants[i-1] = p.tenants[i-1], p.tenants[i]
		}
		p.gen++
	}
}

// Mask returns s with what presenter mode hides masked, or s itself when
// presenter mode is off or s holds nothing to hide.
func (p *Presenter) Mask(s string) string {
	if !p.On() || s == "" {
		return s
	}
	var b []byte
	p.spans(s, func(start, end int) {
		if b == nil {
			b = []byte(s)
		}
		maskSpan(b, start, end)
	})
	if b == nil {
		return s
	}
	return string(b)
}

// MaskBytes masks line in place (colour marks are left alone), and reports
// whether it changed anything.
func (p *Presenter) MaskBytes(line []byte) bool {
	if !p.On() || len(line) == 0 {
		return false
	}
	// Spans are found on the text as it was, then masked: a tenant masked
	// first would hide the address around it from the pattern.
	var found [][2]int
	p.spans(unsafeString(line), func(start, end int) {
		found = append(found, [2]int{start, end})
	})
	for _, s := range found {
		maskSpan(line, s[0], s[1])
	}
	return len(found) > 0
}

// InputView is a text input as presenter mode draws it. An input shows a
// window of its value, scrolled to the cursor, and a window cut through an
// address no longer looks like one; so the whole value is masked first and
// a copy of the input draws it, at the same cursor position. all masks
// every letter and digit: a tenant being typed into a form is not known
// yet.
func (p *Presenter) InputView(in textinput.Model, all bool) string {
	if !p.On() {
		return in.View()
	}
	v := in.Value()
	masked := maskAllText(v)
	if !all {
		masked = p.Mask(v)
	}
	if masked == v {
		return in.View()
	}
	shown := in // a copy: SetValue gives it a new value slice
	shown.SetValue(perRune(v, masked))
	shown.SetCursor(in.Position())
	return shown.View()
}

// maskAllText masks every letter and digit of s, as maskSpan does.
func maskAllText(s string) string {
	b := []byte(s)
	maskSpan(b, 0, len(b))
	return string(b)
}

// perRune turns masked (orig with bytes masked in place) into one '*' per
// masked rune, so that a text input counts the same runes as in orig and
// its cursor and window stay where they were.
func perRune(orig, masked string) string {
	var b strings.Builder
	for i := 0; i < len(orig); {
		_, n := utf8.DecodeRuneInString(orig[i:])
		if masked[i:i+n] == orig[i:i+n] {
			b.WriteString(orig[i : i+n])
		} else {
			b.WriteByte('*')
		}
		i += n
	}
	return b.String()
}

// spans calls fn with every [start, end) of s to hide: known tenants,
// matched without regard to case, then addresses.
func (p *Presenter) spans(s string, fn func(start, end int)) {
	low := asciiLower(s)
	if len(p.tenants) > 0 {
		for _, t := range p.tenants {
			for from := 0; ; {
				i := strings.Index(low[from:], t)
				if i < 0 {
					break
				}
				fn(from+i, from+i+len(t))
				from += i + len(t)
			}
		}
	}
	sharePointSpans(low, fn)
	addressSpans(s, fn)
}

// sharePointSpans calls fn with the host label before each ".sharepoint."
// in low (lower case): contoso in contoso.sharepoint.com and contoso-my in
// contoso-my.sharepoint.com. A site's webUrl or id names the tenant as
// plainly as its domain does, and it does so even when the profile gives
// the tenant as a GUID, so no known tenant is needed.
func sharePointSpans(low string, fn func(start, end int)) {
	const marker = ".sharepoint."
	for from := 0; ; {
		i := strings.Index(low[from:], marker)
		if i < 0 {
			return
		}
		end := from + i
		start := end
		for start > 0 && isLabel(low[start-1]) {
			start--
		}
		if start < end {
			fn(start, end)
		}
		from = end + len(marker)
	}
}

// addressSpans calls fn with each e-mail address or UPN in s: a run of
// local-part characters, '@' (or %40, as in a query string), then a domain
// of two or more labels; guest UPNs (a_b.com#EXT#@contoso.com) included.
// It matches what [A-Za-z0-9._%+#-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+
// matches, looking only around each '@' and '%': that regular expression
// took half a second over a multi-megabyte line of text.
func addressSpans(s string, fn func(start, end int)) {
	for i := 0; i < len(s); {
		k := strings.IndexAny(s[i:], "@%")
		if k < 0 {
			return
		}
		k += i
		i = k + 1
		sep := 1
		if s[k] == '%' {
			if !strings.HasPrefix(s[k:], "%40") {
				continue
			}
			sep = 3
		}
		start := k
		for start > 0 && isLocalPart(s[start-1]) {
			start--
		}
		end := k + sep
		for end < len(s) && isLabel(s[end]) {
			end++
		}
		if start == k || end == k+sep {
			continue
		}
		labels := 1
		for end+1 < len(s) && s[end] == '.' && isLabel(s[end+1]) {
			for end++; end < len(s) && isLabel(s[end]); end++ {
			}
			labels++
		}
		if labels < 2 {
			continue
		}
		fn(start, end)
		i = end
	}
}

func isLabel(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

func isLocalPart(c byte) bool {
	return isLabel(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '#'
}

// maskSpan turns the letters and digits (and any non-ASCII byte) of
// b[start:end] into '*'; punctuation stays, and so do colour marks
// (render.IsMark), which are control bytes.
func maskSpan(b []byte, start, end int) {
	for i := start; i < end; i++ {
		if c := b[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			b[i] = '*'
		}
	}
}

// asciiLower lower-cases ASCII letters only, so byte offsets are the same
// in the result as in s.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// togglePresenter switches presenter mode for every pane and says so.
func (m *Model) togglePresenter() {
	p := m.common.Presenter
	p.SetOn(!p.On())
	if p.On() {
		if _, ok := m.dialog.(*QRDialog); ok {
			m.dialog = nil // the code holds the tenant id
		}
		m.setStatus("tenant ids and e-mail addresses masked on screen · ctrl+g shows them", false)
	} else {
		m.setStatus("presenter mode off", false)
	}
}

// maskedLines caches body lines as presenter mode draws them, for the lines
// on screen: a long line is masked once, not on every frame.
type maskedLines struct {
	gen   int
	lines map[int]maskedLine
}

type maskedLine struct {
	orig   []byte // the source's line the entry was made from
	masked []byte // orig itself when there was nothing to mask
}

// get returns line n (orig) as drawn. An entry counts only while the source
// still returns the same bytes for n, so a line highlighted since, or a new
// body, is masked again. keep bounds the cache: past it, it starts over.
func (c *maskedLines) get(pm *Presenter, n int, orig []byte, keep int) []byte {
	if !pm.On() || len(orig) == 0 {
		return orig
	}
	if c.gen != pm.Gen() || c.lines == nil || len(c.lines) > keep {
		c.gen, c.lines = pm.Gen(), make(map[int]maskedLine)
	}
	if e, ok := c.lines[n]; ok && len(e.orig) == len(orig) && &e.orig[0] == &orig[0] {
		return e.masked
	}
	masked := orig
	if cp := append([]byte(nil), orig...); pm.MaskBytes(cp) {
		masked = cp
	}
	c.lines[n] = maskedLine{orig: orig, masked: masked}
	return masked
}
