package ui

import "charm.land/bubbles/v2/key"

// ViewerKeyMap is the response viewer's keys. left/right switch tabs, so
// horizontal scrolling of the body is on < > (or shift+left/right).
type ViewerKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	ScrollLeft, ScrollRight, Wrap           key.Binding
	Table                                   key.Binding // Body as text or as a table

	NextTab, PrevTab                        key.Binding
	BodyTab, HeadersTab, TokenTab, TraceTab key.Binding
	Roles                                   key.Binding // what the token's roles allow
	DiagnosisTab                            key.Binding
	Audit                                   key.Binding // the shown profile's permission audit

	// The 403 doctor's actions.
	Recheck, CopyConsentURL, ConsentQR, Matrix key.Binding

	Search, NextMatch, PrevMatch key.Binding

	NextPage, PrevPage, FetchAll, CopyBody, CopyCurl, Save key.Binding
	Bundle                                                 key.Binding // save a support bundle

	Submit, Close key.Binding // in the search and save inputs; Close also clears a search
}

// DefaultViewerKeyMap is the viewer's default bindings.
func DefaultViewerKeyMap() ViewerKeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return ViewerKeyMap{
		Up:          b([]string{"up", "k"}, "↑/k", "up"),
		Down:        b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:      b([]string{"pgup", "ctrl+b", "ctrl+u"}, "pgup", "page up"),
		PageDown:    b([]string{"pgdown", "space", "ctrl+f", "ctrl+d"}, "pgdn/space", "page down"),
		Top:         b([]string{"g", "home"}, "g/home", "top"),
		Bottom:      b([]string{"G", "end"}, "G/end", "bottom"),
		ScrollLeft:  b([]string{"<", "shift+left"}, "<", "scroll left"),
		ScrollRight: b([]string{">", "shift+right"}, ">", "scroll right"),
		Wrap:        b([]string{"w"}, "w", "wrap"),
		Table:       b([]string{"T"}, "T", "table"),

		NextTab:    b([]string{"right"}, "→", "next tab"),
		PrevTab:    b([]string{"left"}, "←", "prev tab"),
		BodyTab:    b([]string{"b"}, "b", "body"),
		HeadersTab: b([]string{"h"}, "h", "headers"),
		TokenTab:   b([]string{"t"}, "t", "token"),
		TraceTab:   b([]string{"r"}, "r", "trace"),
		Audit:      b([]string{"P"}, "P", "permission audit"),
		Roles:      b([]string{"p"}, "p", "what a role allows"),

		DiagnosisTab:   b([]string{"d"}, "d", "diagnosis"),
		Recheck:        b([]string{"R"}, "R", "new token + retry"),
		CopyConsentURL: b([]string{"u"}, "u", "copy consent URL"),
		ConsentQR:      b([]string{"Q"}, "Q", "consent URL as QR code"),
		Matrix:         b([]string{"M"}, "M", "profile matrix"),

		Search:    b([]string{"/"}, "/", "search"),
		NextMatch: b([]string{"n"}, "n", "next match"),
		PrevMatch: b([]string{"N"}, "N", "prev match"),

		NextPage: b([]string{"]"}, "]", "next page"),
		PrevPage: b([]string{"["}, "[", "previous page"),
		FetchAll: b([]string{"A"}, "A", "fetch all pages"),
		CopyBody: b([]string{"y"}, "y", "copy body"),
		CopyCurl: b([]string{"c"}, "c", "copy as curl"),
		Save:     b([]string{"s"}, "s", "save body"),
		Bundle:   b([]string{"B"}, "B", "support bundle"),

		Submit: b([]string{"enter"}, "enter", "run"),
		Close:  b([]string{"esc"}, "esc", "close"),
	}
}

// ShortHelp is the footer line when the viewer has focus.
func (v *Viewer) ShortHelp() []key.Binding {
	k := v.keys
	if v.Capturing() {
		return []key.Binding{k.Submit, k.Close}
	}
	if v.x != nil && v.x.Pasted && v.tab == tabDiagnosis {
		return []key.Binding{k.PrevTab, k.NextTab, k.CopyConsentURL, k.ConsentQR} // not sent: nothing to replay
	}
	if v.tab == tabToken && v.x != nil && v.x.Token != nil {
		return []key.Binding{k.PrevTab, k.NextTab, k.Roles, k.Audit, k.Up, k.Down, k.CopyCurl}
	}
	if v.x != nil && v.x.Diagnosis != nil && v.tab == tabDiagnosis {
		return []key.Binding{k.PrevTab, k.NextTab, k.Recheck, k.CopyConsentURL, k.ConsentQR, k.Matrix}
	}
	if v.x != nil && v.tab == tabToken {
		return []key.Binding{k.PrevTab, k.NextTab, k.Audit, k.Search, k.CopyCurl}
	}
	return []key.Binding{k.PrevTab, k.NextTab, k.Search, k.NextMatch, k.NextPage, k.CopyCurl, k.Wrap, k.Table}
}

// FullHelp is every binding, grouped.
func (v *Viewer) FullHelp() [][]key.Binding {
	k := v.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.ScrollLeft, k.ScrollRight, k.Wrap, k.Table, k.Search, k.NextMatch, k.PrevMatch},
		{k.PrevTab, k.NextTab, k.BodyTab, k.HeadersTab, k.TokenTab, k.TraceTab, k.DiagnosisTab, k.Roles, k.Audit},
		{k.Recheck, k.CopyConsentURL, k.ConsentQR, k.Matrix},
		{k.PrevPage, k.NextPage, k.FetchAll, k.CopyBody, k.CopyCurl, k.Save, k.Bundle, k.Close},
	}
}
