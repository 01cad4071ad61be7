//go:build unix

package cli

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestHelperMain is not a test: the signal tests run the test binary with
// GRAPHTUI_HELPER_MAIN=1 so that it behaves as graphtui (Main with the
// arguments after --).
func TestHelperMain(t *testing.T) {
	if os.Getenv("GRAPHTUI_HELPER_MAIN") != "1" {
		t.Skip("runs only as the helper process of the signal tests")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(Main(BuildInfo{Version: "test"}, args))
}

// servedDemo is 'graphtui demo serve' running in a process of its own.
type servedDemo struct {
	cmd     *exec.Cmd
	dir     string   // where it wrote its files
	lines   []string // stdout up to "Press Ctrl+C"
	drained chan struct{}
}

// wait waits for the process to end, after its stdout is read to the end.
func (d *servedDemo) wait() error {
	<-d.drained
	return d.cmd.Wait()
}

// demoServeProcess starts 'graphtui demo serve' with args, with its
// temporary directory under tmp, and returns once the tenant is up.
func demoServeProcess(t *testing.T, tmp string, args ...string) *servedDemo {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperMain$", "--", "demo", "serve"}, args...)...)
	cmd.Env = append(os.Environ(), "GRAPHTUI_HELPER_MAIN=1", "TMPDIR="+tmp)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &servedDemo{cmd: cmd, drained: make(chan struct{})}
	t.Cleanup(func() { cmd.Process.Kill(); d.wait() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		line := sc.Text()
		d.lines = append(d.lines, line)
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "graphtui config"); ok && d.dir == "" {
			d.dir = filepath.Dir(strings.TrimSpace(rest))
		}
		if strings.HasPrefix(line, "Press Ctrl+C") {
			go func() { // keep the pipe drained until the process ends
				defer close(d.drained)
				for sc.Scan() {
				}
			}()
			return d
		}
	}
	close(d.drained)
	t.Fatalf("demo serve ended before it was ready: %v\n%s", sc.Err(), strings.Join(d.lines, "\n"))
	return nil
}

// Closing the terminal or kill must not leave the demo's secrets and
// private key behind in the temporary directory.
func TestDemoServeCleansUpOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			d := demoServeProcess(t, t.TempDir())
			if _, err := os.Stat(filepath.Join(d.dir, "config.toml")); err != nil {
				t.Fatalf("the demo's files are not where it said: %v", err)
			}
			if err := d.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if err := d.wait(); err != nil {
				t.Errorf("after %v: %v, want exit 0", sig, err)
			}
			if _, err := os.Stat(d.dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("after %v the demo directory %s is still there (%v)", sig, d.dir, err)
			}
		})
	}
}

// With --dir the files stay, and demo serve must say so rather than
// promise a removal that does not happen.
func TestDemoServeDirSaysFilesAreKept(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	d := demoServeProcess(t, t.TempDir(), "--dir", dir)
	last := d.lines[len(d.lines)-1]
	if !strings.Contains(last, "are kept") || strings.Contains(last, "removed") {
		t.Errorf("demo serve --dir says %q, want that its files are kept", last)
	}
	if err := d.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := d.wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "config.toml")); err != nil {
		t.Errorf("the files in --dir are gone: %v", err)
	}
}
