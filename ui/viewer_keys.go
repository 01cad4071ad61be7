package ui

import "charm.land/bubbles/v2/key"

// ViewerKeyMap is the response viewer's keys. left/right switch tabs, so
// horizontal scrolling of the body is on < > (or shift+left/right).
type ViewerKeyMap struct {
	ScrollKeyMap
	ScrollLeft, ScrollRight, Wrap key.Binding
	Table                         key.Binding // Body as text or as a table

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
	k := ViewerKeyMap{
		ScrollKeyMap: defaultScrollKeyMap(),
		ScrollLeft:   bind([]string{"<", "shift+left"}, "<", "scroll left"),
		ScrollRight:  bind([]string{">", "shift+right"}, ">", "scroll right"),
		Wrap:         bind([]string{"w"}, "w", "wrap"),
		Table:        bind([]string{"T"}, "T", "table"),

		NextTab:    bind([]string{"right"}, "→", "next tab"),
		PrevTab:    bind([]string{"left"}, "←", "prev tab"),
		BodyTab:    bind([]string{"b"}, "b", "body"),
		HeadersTab: bind([]string{"h"}, "h", "headers"),
		TokenTab:   bind([]string{"t"}, "t", "token"),
		TraceTab:   bind([]string{"r"}, "r", "trace"),
		Audit:      bind([]string{"P"}, "P", "permission audit"),
		Roles:      bind([]string{"p"}, "p", "what a role allows"),

		DiagnosisTab:   bind([]string{"d"}, "d", "diagnosis"),
		Recheck:        bind([]string{"R"}, "R", "new token + retry"),
		CopyConsentURL: bind([]string{"u"}, "u", "copy consent URL"),
		ConsentQR:      bind([]string{"Q"}, "Q", "consent URL as QR code"),
		Matrix:         bind([]string{"M"}, "M", "profile matrix"),

		Search:    bind([]string{"/"}, "/", "search"),
		NextMatch: bind([]string{"n"}, "n", "next match"),
		PrevMatch: bind([]string{"N"}, "N", "prev match"),

		NextPage: bind([]string{"]"}, "]", "next page"),
		PrevPage: bind([]string{"["}, "[", "previous page"),
		FetchAll: bind([]string{"A"}, "A", "fetch all pages"),
		CopyBody: bind([]string{"y"}, "y", "copy body"),
		CopyCurl: bind([]string{"c"}, "c", "copy as curl"),
		Save:     bind([]string{"s"}, "s", "save body"),
		Bundle:   bind([]string{"B"}, "B", "support bundle"),

		Submit: bind([]string{"enter"}, "enter", "run"),
		Close:  bind([]string{"esc"}, "esc", "close"),
	}
	// The pane's help has room to name the second keys.
	k.PageDown.SetHelp("pgdn/space", "page down")
	k.Top.SetHelp("g/home", "top")
	k.Bottom.SetHelp("G/end", "bottom")
	return k
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
