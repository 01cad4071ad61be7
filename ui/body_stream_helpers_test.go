package ui

import (
	"sync"

	tea "charm.land/bubbletea/v2"
)

// drain runs a command the way the program does (batches concurrently)
// and follows streams the way the root does (a
// streamMsg's message, then the next wait), and returns every message in
// the order they were produced. It returns when every command has.
func drain(cmd tea.Cmd) []tea.Msg {
	var mu sync.Mutex
	var out []tea.Msg
	var wg sync.WaitGroup
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		defer wg.Done()
		if c == nil {
			return
		}
		msg := c()
		switch m := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range m {
				wg.Add(1)
				go run(c)
			}
		case streamMsg:
			mu.Lock()
			out = append(out, m.Msg)
			mu.Unlock()
			if _, final := m.Msg.(exchangeMsg); !final {
				wg.Add(1)
				go run(waitStream(m.ch))
			}
		default:
			mu.Lock()
			out = append(out, msg)
			mu.Unlock()
		}
	}
	wg.Add(1)
	run(cmd)
	wg.Wait()
	return out
}

// msgsOf keeps the messages of type T.
func msgsOf[T any](msgs []tea.Msg) []T {
	var out []T
	for _, m := range msgs {
		if t, ok := m.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// pump is a small event loop for one viewer: it runs cmd as the program
// would, delivers each message to v on this goroutine (a streamMsg as the
// root does: its message, then the next wait), runs what v returns, and
// stops when no command is left. seen, if set, sees each message after v
// took it.
func pump(v *Viewer, cmd tea.Cmd, seen func(tea.Msg)) { pumpDropping(v, cmd, nil, seen) }

// pumpDropping is pump with the root's filter: messages drop reports true
// for never reach v (a cancelled request's answer).
func pumpDropping(v *Viewer, cmd tea.Cmd, drop func(tea.Msg) bool, seen func(tea.Msg)) {
	type done struct{}
	msgs := make(chan tea.Msg, 64)
	pending := 0
	var start func(tea.Cmd)
	start = func(c tea.Cmd) {
		if c == nil {
			return
		}
		pending++
		go func() {
			msgs <- c()
			msgs <- done{}
		}()
	}
	// feed gives msg to v as the root does: its command runs later, its
	// intents reach v at once, in order.
	var feed func(tea.Msg)
	feed = func(msg tea.Msg) {
		if drop != nil && drop(msg) {
			return
		}
		c, intents := v.Update(msg)
		start(c)
		if seen != nil {
			seen(msg)
		}
		for _, in := range intents {
			feed(in)
		}
	}
	start(cmd)
	for pending > 0 {
		msg := <-msgs
		switch m := msg.(type) {
		case done:
			pending--
		case nil:
		case tea.BatchMsg:
			for _, c := range m {
				start(c)
			}
		case streamMsg:
			if _, final := m.Msg.(exchangeMsg); !final {
				start(waitStream(m.ch))
			}
			feed(m.Msg)
		default:
			feed(msg)
		}
	}
}
