package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// fakeClipboard stands for the system clipboard: it records what it was
// given, or fails as told.
type fakeClipboard struct {
	tool string
	err  error
	hang bool // wait for the deadline, as a stuck xclip would
	got  []string
}

func (f *fakeClipboard) write(ctx context.Context, text string) (string, error) {
	f.got = append(f.got, text)
	if f.hang {
		<-ctx.Done()
		return f.tool, ctx.Err()
	}
	return f.tool, f.err
}

// copyOnRoot routes a copy the way a pane asks for it and returns the
// status it ends with, and whether OSC 52 was sent.
func copyOnRoot(t *testing.T, m *Model, msg copyMsg) (status string, isErr, osc52 bool) {
	t.Helper()
	for _, out := range cmdMsgs(m.route(msg)) {
		if fmt.Sprintf("%T", out) == "tea.setClipboardMsg" {
			osc52 = true
			continue
		}
		m.route(out)
	}
	return m.status, m.statusErr, osc52
}

// A copy goes to the native clipboard and as OSC 52, and the status says
// both; without a clipboard tool it says OSC 52 was the only way.
func TestCopyReportsWhereTheTextWent(t *testing.T) {
	m := newRootForTest(t, 120, 40)
	fake := &fakeClipboard{tool: "wl-copy"}
	m.backend.Clipboard = fake.write
	status, isErr, osc52 := copyOnRoot(t, m, copyMsg{What: "body", Text: `{"value":[]}`})
	if want := "copied the body to the clipboard (wl-copy) and sent as OSC 52"; status != want || isErr || !osc52 {
		t.Errorf("status %q (err %v, OSC 52 %v), want %q", status, isErr, osc52, want)
	}
	if !slices.Equal(fake.got, []string{`{"value":[]}`}) {
		t.Errorf("the native clipboard got %q", fake.got)
	}

	m.backend.Clipboard = nil // no tool on this system
	status, isErr, osc52 = copyOnRoot(t, m, copyMsg{What: "curl command", Text: "curl …"})
	if !strings.HasPrefix(status, "sent the curl command as OSC 52 only: your terminal may drop it; see README") || isErr || !osc52 {
		t.Errorf("without a clipboard tool: %q (err %v, OSC 52 %v)", status, isErr, osc52)
	}

	m.backend.Clipboard = (&fakeClipboard{tool: "xclip", err: errors.New("exit status 1")}).write
	status, _, _ = copyOnRoot(t, m, copyMsg{What: "body", Text: "{}"})
	if !strings.Contains(status, "OSC 52 only") || !strings.Contains(status, "xclip: exit status 1") {
		t.Errorf("a failing tool: %q", status)
	}
}

// Above ~100 KB OSC 52 is dropped by most terminals: when it is the only
// way, the status warns and points at saving instead.
func TestCopyWarnsAboutLargeOSC52(t *testing.T) {
	m := newRootForTest(t, 120, 40)
	big := strings.Repeat("x", 3<<20)
	status, isErr, _ := copyOnRoot(t, m, copyMsg{What: "body", Text: big})
	if !isErr || !strings.Contains(status, "3.0 MB") || !strings.Contains(status, "OSC 52 only") || !strings.Contains(status, "save it with s") {
		t.Errorf("a 3 MB body without a clipboard tool: %q (err %v)", status, isErr)
	}
	m.backend.Clipboard = (&fakeClipboard{tool: "pbcopy"}).write
	status, isErr, _ = copyOnRoot(t, m, copyMsg{What: "body", Text: big})
	if isErr || !strings.HasPrefix(status, "copied the body (3.0 MB) to the clipboard (pbcopy)") {
		t.Errorf("a 3 MB body through pbcopy: %q (err %v)", status, isErr)
	}
}

// A clipboard tool that hangs is given up on; the copy is OSC 52 only.
func TestCopyGivesUpOnAHungTool(t *testing.T) {
	b := &Backend{Clipboard: (&fakeClipboard{tool: "xclip", hang: true}).write}
	msg := onlyMsg[copiedMsg](t, cmdMsgs(b.copyNative(copyMsg{What: "body", Text: "{}"}, time.Millisecond)))
	status, _ := copiedStatus(msg)
	if !strings.Contains(status, "OSC 52 only") || !strings.Contains(status, "xclip did not finish") {
		t.Errorf("a hung tool: %q", status)
	}
}

func TestClipboardCommand(t *testing.T) {
	for _, c := range []struct {
		name, goos string
		env        map[string]string
		installed  []string
		want       string
	}{
		{"macOS", "darwin", nil, []string{"pbcopy"}, "pbcopy"},
		{"Windows", "windows", nil, []string{"clip.exe"}, "clip.exe"},
		{"Wayland", "linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, []string{"wl-copy", "xclip"}, "wl-copy"},
		{"X with xclip", "linux", map[string]string{"DISPLAY": ":0"}, []string{"xclip", "xsel"}, "xclip -selection clipboard"},
		{"X with xsel", "linux", map[string]string{"DISPLAY": ":0"}, []string{"xsel"}, "xsel --clipboard --input"},
		{"ssh without a display", "linux", nil, []string{"xclip", "wl-copy"}, ""},
		{"WSL", "linux", nil, []string{"clip.exe"}, "clip.exe"},
		{"nothing installed", "linux", map[string]string{"DISPLAY": ":0"}, nil, ""},
	} {
		lookPath := func(name string) (string, error) {
			if slices.Contains(c.installed, name) {
				return "/usr/bin/" + name, nil
			}
			return "", errors.New("not found")
		}
		got := strings.Join(clipboardCommand(c.goos, func(k string) string { return c.env[k] }, lookPath), " ")
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// The system writer feeds the tool the text on stdin. A stand-in xclip on
// PATH plays the tool; no real clipboard is touched.
func TestSystemClipboardRunsTheTool(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the stand-in is an X tool")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "copied")
	script := "#!/bin/sh\ncat > '" + out + "'\n"
	if err := os.WriteFile(filepath.Join(dir, "xclip"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH")) // ours first; sh needs cat
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("DISPLAY", ":0")
	tool, err := SystemClipboard()(context.Background(), "héllo\n")
	if err != nil || tool != "xclip" {
		t.Fatalf("tool %q, err %v", tool, err)
	}
	if got, _ := os.ReadFile(out); string(got) != "héllo\n" {
		t.Errorf("the tool got %q", got)
	}
}
