package graph

import (
	"fmt"
	"time"

	"github.com/graphtui/graphtui/internal/bytesize"
)

// EventKind says what happened; the TUI trace tab and the CLI's stderr show
// events as they arrive.
type EventKind int

const (
	EventAttempt  EventKind = iota + 1 // an HTTP attempt is being sent
	EventResponse                      // an attempt was answered
	EventRedirect                      // a redirect is being followed
	EventRetry                         // waiting before the next attempt
	EventGiveUp                        // still throttled, but the retry policy says stop
	EventPage                          // a 2xx page arrived
	EventMaxPages                      // GetAll stopped at its page limit with pages left
)

var eventNames = [...]string{"", "attempt", "response", "redirect", "retry", "give-up", "page", "max-pages"}

func (k EventKind) String() string {
	if k > 0 && int(k) < len(eventNames) {
		return eventNames[k]
	}
	return fmt.Sprintf("event(%d)", int(k))
}

// Event is one step of a request. Fields not relevant to a Kind are zero.
// No event ever holds the token.
type Event struct {
	Kind            EventKind
	URL             string
	Attempt         int
	Status          int
	Wait            time.Duration
	Reason          string
	Duration        time.Duration
	Page            int
	Items           int // entries in a page's value array; -1 when it has none
	Bytes           int
	Host            string // redirect target
	TokenSent       bool   // the attempt or redirect carries the token
	ClientRequestID string
}

// String is one human-readable line.
func (e Event) String() string {
	switch e.Kind {
	case EventAttempt:
		s := fmt.Sprintf("GET %s (attempt %d, client-request-id %s)", e.URL, e.Attempt, e.ClientRequestID)
		if !e.TokenSent {
			s += " without a token"
		}
		return s
	case EventResponse:
		return fmt.Sprintf("HTTP %d in %s, %s", e.Status, e.Duration.Round(time.Millisecond), bytesize.Text(e.Bytes))
	case EventRedirect:
		if e.TokenSent {
			return "redirected to " + e.URL
		}
		return fmt.Sprintf("redirected to %s; the token was not sent to %s", e.URL, e.Host)
	case EventRetry:
		return fmt.Sprintf("HTTP %d: retrying in %s (%s)", e.Status, e.Wait, e.Reason)
	case EventGiveUp:
		return e.Reason
	case EventPage:
		if e.Items < 0 {
			return fmt.Sprintf("page %d: %s", e.Page, bytesize.Text(e.Bytes))
		}
		return fmt.Sprintf("page %d: %d items, %s", e.Page, e.Items, bytesize.Text(e.Bytes))
	case EventMaxPages:
		return fmt.Sprintf("stopped after %d pages (the page limit); more pages exist", e.Page)
	}
	return e.Kind.String()
}

// emitter makes a nil callback safe to call.
func emitter(ev func(Event)) func(Event) {
	if ev == nil {
		return func(Event) {}
	}
	return ev
}
