package ui

import (
	tea "charm.land/bubbletea/v2"
)

// Searches of bodies over searchProgressMin bytes report progress every
// searchChunk lines and can be stopped there.
const (
	searchProgressMin = 4 << 20
	searchChunk       = 1 << 14
)

// searchProgressMsg says how far search ID got; next waits for the next
// report.
type searchProgressMsg struct {
	Seq, ID     int
	Done, Total int // lines
	Found       int
	next        tea.Cmd
}

// searchWithProgress runs findAll in a command that streams progress on a
// channel, newest report only. Its result comes as a searchResultMsg; a
// stopped search sends nothing more.
func searchWithProgress(src lineSource, seq, id int, query string, stop <-chan struct{}) tea.Cmd {
	ch := make(chan tea.Msg, 1)
	send := latestOnly(ch)
	var wait tea.Cmd
	wait = func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		p := msg.(searchProgressMsg)
		p.next = wait
		return p
	}
	total := src.Len()
	run := func() tea.Msg {
		defer close(ch)
		lines, cols, capped, stopped := findAllWatched(src, query, maxMatches, func(done, found int) bool {
			select {
			case <-stop:
				return false
			default:
			}
			send(searchProgressMsg{Seq: seq, ID: id, Done: done, Total: total, Found: found})
			return true
		})
		if stopped {
			return nil
		}
		return searchResultMsg{Seq: seq, ID: id, Query: query, Lines: lines, Cols: cols, Capped: capped}
	}
	return tea.Batch(run, wait)
}

// searchProgress shows how far the current search got and waits for more.
func (v *Viewer) searchProgress(msg searchProgressMsg) tea.Cmd {
	if v.x == nil || msg.ID != v.find.id || !v.find.pending {
		return nil // an older or finished search: stop listening
	}
	v.find.done, v.find.total, v.find.found = msg.Done, msg.Total, msg.Found
	return msg.next
}
