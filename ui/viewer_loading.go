package ui

import (
	"time"

	"github.com/graphtui/graphtui/internal/termsafe"
)

// The viewer's loading state: while the root has a request in flight the
// pane says what is being fetched and for how long, instead of showing
// the previous response as if it were the answer. The root owns the
// request and the spinner; it tells the viewer through SetLoading and
// LoadingTick, so View reads only values set in Update.

// SetLoading says what the root started fetching at started; "" when the
// request ended (answered or cancelled).
func (v *Viewer) SetLoading(what string, started time.Time) {
	if what == "" && v.loading != "" {
		v.lastLoad = v.loading // a cancelMsg may follow: say what stopped
	}
	v.loading, v.loadStarted, v.loadNow, v.loadFrame = what, started, started, ""
	if what != "" {
		v.cancelled = ""
	}
}

// LoadingTick moves the spinner frame and the elapsed time, on the root's
// spinner tick.
func (v *Viewer) LoadingTick(frame string, now time.Time) {
	v.loadFrame, v.loadNow = frame, now
}

// showingLoading: a request is in flight and fetch-all has no pages on
// screen yet.
func (v *Viewer) showingLoading() bool {
	return v.loading != "" && (v.progress == nil || v.progress.Body == nil)
}

// loadingRows is the status line and the content rows of the loading
// state (everything but the tab line and the footer).
func (v *Viewer) loadingRows() (status string, rows []string) {
	st := v.c.Styles
	frame := v.loadFrame
	if frame == "" {
		frame = "…"
	}
	what := v.c.Mask(termsafe.Line(v.loading))
	elapsed := v.loadNow.Sub(v.loadStarted).Truncate(100 * time.Millisecond)
	status = st.BadgeWarn.Render(frame+" "+what) + st.Dim.Render(" · "+elapsed.String())
	rows = []string{
		"",
		"  " + st.BadgeWarn.Render(frame) + " " + st.Value.Render(what),
		"  " + st.Dim.Render("waiting "+elapsed.String()+" · esc cancels"),
	}
	if v.x != nil {
		rows = append(rows, "")
		for _, l := range wrapText("The previous response is hidden until this one arrives; esc brings it back.", max(v.w-2, 1)) {
			rows = append(rows, "  "+st.Dim.Render(l))
		}
	}
	return status, rows
}
