package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/graphtui/graphtui/internal/bytesize"
)

// A copy goes two ways at once: to the system clipboard through its
// command-line tool, when there is one, and to the terminal as OSC 52,
// which reaches the clipboard of the machine in front of the user even
// over ssh, but which tmux (set-clipboard external, its default) and many
// terminals drop, large payloads most of all. The status says which
// way the text went.

// ClipboardWriter puts text on the system clipboard and names the tool
// that did ("wl-copy"); errNoClipboardTool when there is none.
type ClipboardWriter func(ctx context.Context, text string) (tool string, err error)

var errNoClipboardTool = errors.New("no clipboard tool found (pbcopy, wl-copy, xclip, xsel or clip.exe)")

const (
	// clipboardTimeout bounds a clipboard tool that hangs, e.g. xclip
	// waiting for an X server that is gone.
	clipboardTimeout = 3 * time.Second
	// osc52Warn is the payload above which the status warns that OSC 52
	// is likely dropped: terminals and tmux cap it around 100 KB or less.
	osc52Warn = 100 << 10
)

// SystemClipboard writes with the platform's clipboard command. We run
// the command ourselves rather than through github.com/atotto/clipboard
// (already in the module graph via bubbles): it cannot be cancelled, so a
// hung xclip would keep the copy waiting for ever, and it does not say
// which tool it used.
func SystemClipboard() ClipboardWriter {
	return func(ctx context.Context, text string) (string, error) {
		args := clipboardCommand(runtime.GOOS, os.Getenv, exec.LookPath)
		if args == nil {
			return "", errNoClipboardTool
		}
		cmd := exec.CommandContext(ctx, args[0], args[1:]...)
		cmd.Stdin = strings.NewReader(text)
		// No stdout or stderr pipe: wl-copy and xclip leave a child
		// behind to serve the selection, and it would hold a pipe open
		// until another program takes the clipboard.
		if err := cmd.Run(); err != nil {
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			return args[0], err
		}
		return args[0], nil
	}
}

// clipboardCommand is the command that copies its stdin on this system,
// or nil. A display variable must be set for the X and Wayland tools:
// over ssh without forwarding they cannot reach the user's clipboard.
func clipboardCommand(goos string, getenv func(string) string, lookPath func(string) (string, error)) []string {
	var candidates [][]string
	switch goos {
	case "darwin":
		candidates = [][]string{{"pbcopy"}}
	case "windows":
		candidates = [][]string{{"clip.exe"}}
	default:
		if getenv("WAYLAND_DISPLAY") != "" {
			candidates = append(candidates, []string{"wl-copy"})
		}
		if getenv("DISPLAY") != "" {
			candidates = append(candidates, []string{"xclip", "-selection", "clipboard"}, []string{"xsel", "--clipboard", "--input"})
		}
		// Termux on Android, then WSL's bridge to the Windows clipboard.
		candidates = append(candidates, []string{"termux-clipboard-set"}, []string{"clip.exe"})
	}
	for _, c := range candidates {
		if _, err := lookPath(c[0]); err == nil {
			return c
		}
	}
	return nil
}

// copiedMsg is how the native half of a copy went.
type copiedMsg struct {
	What string // "body", "curl command"
	Size int    // bytes
	Tool string // the clipboard tool; "" when none was found
	Err  error
}

// copyNative runs the clipboard tool in a command, never in Update;
// without a writer (tests, or none configured) the copy is OSC 52 only.
func (b *Backend) copyNative(msg copyMsg, timeout time.Duration) tea.Cmd {
	write := b.Clipboard
	return func() tea.Msg {
		done := copiedMsg{What: msg.What, Size: len(msg.Text), Err: errNoClipboardTool}
		if write == nil {
			return done
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		done.Tool, done.Err = write(ctx, msg.Text)
		return done
	}
}

// copy sends the text both ways; the status follows when the clipboard
// tool has answered.
func (m *Model) copy(msg copyMsg) tea.Cmd {
	m.setStatus("copying the "+msg.What+"…", false)
	return tea.Batch(tea.SetClipboard(msg.Text), m.backend.copyNative(msg, clipboardTimeout))
}

// copiedStatus says truthfully where the text went, and warns when OSC 52
// was the only way and the payload is larger than terminals accept.
func copiedStatus(c copiedMsg) (text string, isErr bool) {
	large := c.Size > osc52Warn
	if c.Err == nil {
		s := fmt.Sprintf("copied the %s to the clipboard (%s) and sent as OSC 52", c.What, c.Tool)
		if large {
			s = fmt.Sprintf("copied the %s (%s) to the clipboard (%s); also sent as OSC 52, which most terminals drop above %s",
				c.What, bytesize.Text(c.Size), c.Tool, bytesize.Text(osc52Warn))
		}
		return s, false
	}
	why := c.Err.Error()
	switch {
	case errors.Is(c.Err, errNoClipboardTool):
	case errors.Is(c.Err, context.DeadlineExceeded):
		why = fmt.Sprintf("%s did not finish in %s", c.Tool, clipboardTimeout)
	default:
		why = c.Tool + ": " + why
	}
	if large {
		s := fmt.Sprintf("the %s (%s) was sent as OSC 52 only, and most terminals drop more than %s (%s)",
			c.What, bytesize.Text(c.Size), bytesize.Text(osc52Warn), why)
		if c.What == "body" {
			s += ": save it with s instead"
		}
		return s, true
	}
	return fmt.Sprintf("sent the %s as OSC 52 only: your terminal may drop it; see README, Clipboard (%s)", c.What, why), false
}
