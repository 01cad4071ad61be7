package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/internal/bytesize"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/render"
	"github.com/graphtui/graphtui/session"
)

// Backend does the TUI's IO: it wraps the session's use cases in
// tea.Cmds, so nothing here runs inside Update or View.
type Backend struct {
	*session.Session
	HistoryPath string // "" disables history
	MaxPages    int
	// Style and Color pick the body colours.
	Style string
	Color render.ColorMode
	// Clipboard writes copies to the system clipboard; nil sends them as
	// OSC 52 only. Run sets SystemClipboard; tests a fake.
	Clipboard ClipboardWriter
}

// sendOptions are the viewer's: larger bodies skip the JSON check, as the
// highlighter validates as it goes.
var sendOptions = session.SendOptions{JSONCheckLimit: 1 << 20}

func (b *Backend) loadProfiles(selectName string) tea.Cmd {
	return func() tea.Msg {
		ps, err := b.LoadProfiles()
		return profilesLoadedMsg{Config: ps.Config, Profiles: ps.List, Select: selectName, Err: err}
	}
}

// historyLoadedMsg carries the loaded history store.
type historyLoadedMsg struct {
	Store *history.Store
	Err   error
}

func (b *Backend) loadHistory() tea.Cmd {
	if b.HistoryPath == "" {
		return nil
	}
	return func() tea.Msg {
		s, err := history.Load(b.HistoryPath)
		return historyLoadedMsg{Store: s, Err: err}
	}
}

func (b *Backend) recordHistory(s *history.Store, profile string, r graph.Request) tea.Cmd {
	if s == nil {
		return nil
	}
	return func() tea.Msg {
		s.Add(history.NewEntry(profile, r, time.Now()))
		if err := s.Save(); err != nil {
			return statusMsg{Text: "history not saved: " + err.Error(), Err: true}
		}
		return nil
	}
}

func (b *Backend) token(ctx context.Context, p profiles.Profile, force bool) tea.Cmd {
	return func() tea.Msg {
		t, err := b.Token(ctx, p, force)
		return tokenMsg{Profile: p.Name, Token: t, Err: err, Forced: force}
	}
}

// shown makes the session's exchange the viewer's, its body highlighted.
func (b *Backend) shown(seq int, sx *session.Exchange) exchangeMsg {
	x := &Exchange{Seq: seq, Exchange: *sx}
	if x.Response != nil {
		b.finish(x, x.Response, nil)
	}
	return exchangeMsg{x}
}

// send gets a token, sends the first page and highlights it.
func (b *Backend) send(ctx context.Context, seq int, p profiles.Profile, r graph.Request) tea.Cmd {
	return func() tea.Msg {
		return b.shown(seq, b.Send(ctx, p, r, sendOptions))
	}
}

// next fetches the page after prev.
func (b *Backend) next(ctx context.Context, seq int, p profiles.Profile, prev *Exchange) tea.Cmd {
	return func() tea.Msg {
		return b.shown(seq, b.Next(ctx, p, &prev.Exchange, sendOptions))
	}
}

// finish fills an exchange from a response and highlights its body.
func (b *Backend) finish(x *Exchange, resp *graph.Response, err error) {
	x.Response = resp
	if err != nil {
		x.Err = err
	}
	if resp == nil {
		return
	}
	x.More = resp.NextLink != ""
	if len(resp.Body) == 0 || !looksJSON(resp) {
		return
	}
	if resp.JSONError != nil { // the client already knows it will not parse
		x.BodyErr = resp.JSONError
		return
	}
	b.highlight(x, resp.Body) // a large body: its top now, the rest in a command
}

func looksJSON(r *graph.Response) bool {
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	if strings.Contains(ct, "json") {
		return true
	}
	body := bytes.TrimSpace(r.Body)
	return len(body) > 0 && (body[0] == '{' || body[0] == '[')
}

// profileSavedMsg is the outcome of saving a profile. On failure the form
// stays open with what the user typed.
type profileSavedMsg struct {
	Err    error
	Loaded profilesLoadedMsg
}

func (b *Backend) saveProfile(msg saveProfileMsg) tea.Cmd {
	return func() tea.Msg {
		if err := b.SaveProfile(msg.OldName, msg.Profile, msg.Secret); err != nil {
			return profileSavedMsg{Err: err}
		}
		return profileSavedMsg{Loaded: b.loadProfiles(msg.Profile.Name)().(profilesLoadedMsg)}
	}
}

// deleteProfileMsg is the confirmed deletion of a profile.
type deleteProfileMsg struct{ Name string }

func (b *Backend) deleteProfile(p profiles.Profile) tea.Cmd {
	return func() tea.Msg {
		if err := b.DeleteProfile(p); err != nil {
			return statusMsg{Text: err.Error(), Err: true}
		}
		return b.loadProfiles("")()
	}
}

func saveBody(path string, body []byte) tea.Cmd {
	return func() tea.Msg {
		if err := writeNewFile(path, body); err != nil {
			return savedMsg{Text: err.Error(), Err: true}
		}
		return savedMsg{Text: fmt.Sprintf("saved %s to %s", bytesize.Text(len(body)), path)}
	}
}

// writeNewFile writes data to path with mode 0600, never over a file that
// is there already (O_EXCL: not even one made since the user typed the
// name).
func writeNewFile(path string, data []byte) error {
	if path == "" {
		return errors.New("no file name given")
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s exists; choose another name", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
