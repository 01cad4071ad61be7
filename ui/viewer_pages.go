package ui

import tea "charm.land/bubbletea/v2"

// pageTrail is the pages of one request that ] fetched, in order, so that
// [ and ] move between them without fetching any again.
type pageTrail struct {
	pages []*Exchange
	at    int
	from  *Exchange // the page ] asked the next page of, until it arrives
}

// record files a newly arrived exchange: the page after the one ] was
// pressed on extends the trail (dropping pages after it), the same
// exchange further along replaces itself, anything else starts a trail.
func (t *pageTrail) record(x *Exchange) {
	from := t.from
	t.from = nil
	switch {
	case len(t.pages) > 0 && t.pages[t.at].Seq == x.Seq:
		t.pages[t.at] = x
	case from != nil && len(t.pages) > 0 && t.pages[t.at] == from && x.Page == from.Page+1:
		t.pages = append(t.pages[:t.at+1], x)
		t.at++
	default:
		t.pages, t.at = []*Exchange{x}, 0
	}
}

// index is where the trail holds the exchange with seq, or -1.
func (t *pageTrail) index(seq int) int {
	for i, x := range t.pages {
		if x.Seq == seq {
			return i
		}
	}
	return -1
}

// kept is the page i steps away that the trail holds, or nil.
func (t *pageTrail) kept(step int) *Exchange {
	i := t.at + step
	if i < 0 || i >= len(t.pages) {
		return nil
	}
	return t.pages[i]
}

// showKept shows a page the trail holds. A page whose body was still being
// highlighted when it was left lost the rest of that work: it comes back as
// plain text rather than half coloured.
func (v *Viewer) showKept(step int) tea.Cmd {
	x := v.trail.kept(step)
	if x.Partial {
		plain := *x
		plain.Shown, plain.Lines, plain.Partial, plain.rest, plain.stopBody = nil, nil, false, nil, nil
		x = &plain
		v.trail.pages[v.trail.at+step] = x
	}
	v.trail.at += step
	return v.show(x)
}

// prevPage is [: the page before, as it was fetched.
func (v *Viewer) prevPage() tea.Cmd {
	if v.trail.kept(-1) == nil {
		return v.out.emit(statusMsg{Text: "no previous page: [ goes back through the pages ] fetched"})
	}
	return v.showKept(-1)
}

// nextPage is ]: a page already fetched is shown again, otherwise the
// root fetches it.
func (v *Viewer) nextPage() tea.Cmd {
	if v.trail.kept(1) != nil {
		return v.showKept(1)
	}
	if v.x == nil || !v.x.More {
		return v.out.emit(statusMsg{Text: "no next page: this response has no @odata.nextLink"})
	}
	v.trail.from = v.x
	return v.out.emit(nextPageMsg{})
}
