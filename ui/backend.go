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

	"github.com/graphtui/graphtui/auth"
	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/history"
	"github.com/graphtui/graphtui/internal/bytesize"
	"github.com/graphtui/graphtui/profiles"
	"github.com/graphtui/graphtui/render"
)

// Backend does the TUI's IO. Its methods return tea.Cmds; nothing here
// runs inside Update or View.
type Backend struct {
	Auth        *auth.Manager
	ConfigPath  string
	Keyring     profiles.Keyring // nil: no OS keyring
	LookupEnv   func(string) (string, bool)
	HistoryPath string // "" disables history
	UserAgent   string
	MaxPages    int
	// Style and Color pick the body colours.
	Style string
	Color render.ColorMode
}

func (b *Backend) loadProfiles(selectName string) tea.Cmd {
	return func() tea.Msg {
		cfg, err := profiles.Load(b.ConfigPath)
		msg := profilesLoadedMsg{Config: cfg, Select: selectName, Err: err}
		if cfg != nil {
			msg.Profiles = append(msg.Profiles, cfg.Profiles...)
			if env, ok := profiles.EnvProfile(b.LookupEnv); ok {
				if _, taken := cfg.Get(env.Name); !taken {
					msg.Profiles = append(msg.Profiles, env)
				}
			}
		}
		return msg
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
		get := b.Auth.Token
		if force {
			get = b.Auth.Refresh
		}
		t, err := get(ctx, p)
		return tokenMsg{Profile: p.Name, Token: t, Err: err, Forced: force}
	}
}

func (b *Backend) client(p profiles.Profile) (*graph.Client, error) {
	hc, err := profiles.HTTPClient(p)
	if err != nil {
		return nil, err
	}
	return &graph.Client{
		HTTP:      hc,
		Base:      p.GraphBase(),
		UserAgent: b.UserAgent,
		Token: func(ctx context.Context) (string, error) {
			t, err := b.Auth.Token(ctx, p)
			if err != nil {
				return "", err
			}
			return t.Raw(), nil
		},
	}, nil
}

// send gets a token, sends the first page and highlights it.
func (b *Backend) send(ctx context.Context, seq int, p profiles.Profile, r graph.Request) tea.Cmd {
	return func() tea.Msg {
		x := b.fetch(ctx, seq, p, r)
		if x.Response != nil {
			b.finish(x, x.Response, x.Err)
		}
		return exchangeMsg{x}
	}
}

// fetch gets a token and the first page and asks the doctor about a
// failure, without highlighting: the matrix needs only the outcome.
func (b *Backend) fetch(ctx context.Context, seq int, p profiles.Profile, r graph.Request) *Exchange {
	x := &Exchange{Seq: seq, Profile: p.Name, Request: r, Page: 1}
	x.Trace.Started = time.Now()
	defer func() { x.Trace.Total = time.Since(x.Trace.Started) }()
	tok, err := b.Auth.Token(ctx, p)
	if err != nil {
		x.TokenErr = err
		diagnose(x, p)
		return x
	}
	x.Token = tok
	x.Trace.TokenSource, x.Trace.TokenTook = tok.Source, tok.Took
	c, err := b.client(p)
	if err != nil {
		x.Err = err
		return x
	}
	c.JSONCheckLimit = 1 << 20 // larger bodies: the highlighter validates as it goes
	resp, err := c.Get(ctx, r, func(ev graph.Event) { x.Trace.Events = append(x.Trace.Events, ev) })
	x.Response, x.Err = resp, err
	if resp != nil {
		x.More = resp.NextLink != ""
	}
	diagnose(x, p)
	return x
}

// next fetches the page after prev.
func (b *Backend) next(ctx context.Context, seq int, p profiles.Profile, prev *Exchange) tea.Cmd {
	return func() tea.Msg {
		x := &Exchange{Seq: seq, Profile: p.Name, Request: prev.Request, Page: prev.Page + 1, Token: prev.Token}
		x.Trace.Started = time.Now()
		defer func() { x.Trace.Total = time.Since(x.Trace.Started) }()
		if tok, err := b.Auth.Token(ctx, p); err == nil {
			x.Token = tok
			x.Trace.TokenSource, x.Trace.TokenTook = tok.Source, tok.Took
		} else {
			x.TokenErr = err
			return exchangeMsg{x}
		}
		c, err := b.client(p)
		if err != nil {
			x.Err = err
			return exchangeMsg{x}
		}
		c.JSONCheckLimit = 1 << 20
		resp, err := c.Next(ctx, prev.Response, func(ev graph.Event) { x.Trace.Events = append(x.Trace.Events, ev) })
		b.finish(x, resp, err)
		diagnose(x, p)
		return exchangeMsg{x}
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
		if msg.Secret != "" {
			if b.Keyring == nil {
				return profileSavedMsg{Err: errors.New("no OS keyring available: use an env:, cmd: or file: reference")}
			}
			if err := b.Keyring.Set(profiles.KeyringService, msg.Profile.Name, msg.Secret); err != nil {
				return profileSavedMsg{Err: fmt.Errorf("could not store the secret in the keyring: %w", err)}
			}
		}
		var err error
		if msg.OldName == "" {
			err = profiles.Add(b.ConfigPath, msg.Profile)
		} else {
			err = profiles.Update(b.ConfigPath, msg.OldName, msg.Profile)
		}
		if err != nil {
			return profileSavedMsg{Err: err}
		}
		b.Auth.Forget(msg.OldName)
		b.Auth.Forget(msg.Profile.Name)
		return profileSavedMsg{Loaded: b.loadProfiles(msg.Profile.Name)().(profilesLoadedMsg)}
	}
}

// deleteProfileMsg is the confirmed deletion of a profile.
type deleteProfileMsg struct{ Name string }

func (b *Backend) deleteProfile(p profiles.Profile) tea.Cmd {
	return func() tea.Msg {
		if err := profiles.Remove(b.ConfigPath, p.Name); err != nil {
			return statusMsg{Text: err.Error(), Err: true}
		}
		if b.Keyring != nil && p.ClientSecret == "keyring:"+p.Name {
			_ = b.Keyring.Delete(profiles.KeyringService, p.Name)
		}
		b.Auth.Forget(p.Name)
		return b.loadProfiles("")()
	}
}

func saveBody(path string, body []byte) tea.Cmd {
	return func() tea.Msg {
		if err := writeNewFile(path, body); err != nil {
			return statusMsg{Text: err.Error(), Err: true}
		}
		return statusMsg{Text: fmt.Sprintf("saved %s to %s", bytesize.Text(len(body)), path)}
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
