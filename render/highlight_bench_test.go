package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/graphtui/graphtui/bench/benchdata"
)

// Targets (issue 5), on the 2-core machine the README's Performance
// section names:
//   - BenchmarkHighlight at 10MB and 50MB: >= 200 MB/s, true colour,
//     validation included;
//   - BenchmarkTimeToFirstScreen: <= 20 ms for the first 50 lines of 10 MB;
//   - BenchmarkPeakRSS: peak RSS of highlighting 50 MB <= 5x the body.

var benchSizes = []struct {
	name string
	size int
}{{"100KB", 100 << 10}, {"1MB", 1 << 20}, {"10MB", 10 << 20}, {"50MB", 50 << 20}}

var (
	pagesMu sync.Mutex
	pages   = map[int][]byte{}
)

// benchPage generates a /users page once per size and benchmark run.
func benchPage(size int) []byte {
	pagesMu.Lock()
	defer pagesMu.Unlock()
	if pages[size] == nil {
		pages[size] = benchdata.UsersPage(size)
	}
	return pages[size]
}

// BenchmarkHighlight is the steady state: the output buffers of the first
// run are reused, as when the same Lines is highlighted into again.
// BenchmarkHighlightFresh adds what a new body costs on top: new buffers,
// whose pages the kernel or the runtime must zero.
func BenchmarkHighlight(b *testing.B) {
	p := monokai(b, ColorTrue)
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			body := benchPage(s.size)
			var l Lines
			if err := Highlight(&l, body, p); err != nil { // allocate before timing
				b.Fatal(err)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			cpu0, cpuOK := processCPU()
			for b.Loop() {
				if err := Highlight(&l, body, p); err != nil {
					b.Fatal(err)
				}
			}
			// Throughput per CPU second: what the code costs, whatever
			// else the machine was doing (MB/s is per wall second).
			if cpu1, ok := processCPU(); cpuOK && ok && cpu1 > cpu0 {
				b.ReportMetric(float64(len(body))*float64(b.N)/1e6/(cpu1-cpu0).Seconds(), "MB/cpu-s")
			}
			// Memory kept for the body: the text with its colour marks
			// plus 4 bytes of line offset per line, per byte of input.
			b.ReportMetric(float64(len(l.buf)+4*len(l.ends))/float64(len(body)), "out-B/in-B")
		})
	}
}

// BenchmarkHighlightWritten is what the CLI does: the escape sequences
// written as the body is highlighted, then the text written out. The TUI
// instead keeps marks (BenchmarkHighlight) and turns only the lines on
// screen into sequences.
func BenchmarkHighlightWritten(b *testing.B) {
	p := monokai(b, ColorTrue)
	for _, s := range benchSizes[2:] {
		b.Run(s.name, func(b *testing.B) {
			body := benchPage(s.size)
			var l Lines
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if err := highlightWritten(&l, body, p); err != nil {
					b.Fatal(err)
				}
				if _, err := l.WriteTo(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkHighlightFresh(b *testing.B) {
	p := monokai(b, ColorTrue)
	for _, s := range benchSizes[2:] {
		b.Run(s.name, func(b *testing.B) {
			body := benchPage(s.size)
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := NewHighlighter(body, p).Next(math.MaxInt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHighlightYardsticks sets the 10 MB figure beside the same work
// without colours and beside encoding/json's Indent (no colours either).
func BenchmarkHighlightYardsticks(b *testing.B) {
	body := benchPage(10 << 20)
	b.Run("10MB/no-colour", func(b *testing.B) {
		var l Lines
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if err := Highlight(&l, body, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("10MB/json.Indent", func(b *testing.B) {
		var out bytes.Buffer
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			out.Reset()
			if err := json.Indent(&out, body, "", "  "); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkTimeToFirstScreen is render's share of showing a large body: from
// the body in memory to its first 50 coloured lines, ready to draw.
func BenchmarkTimeToFirstScreen(b *testing.B) {
	body := benchPage(10 << 20)
	st, err := LookupStyle("")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		h := NewHighlighter(body, NewPalette(st, ColorTrue))
		if _, err := h.Next(50); err != nil {
			b.Fatal(err)
		}
		if n := h.Lines().Len(); n < 50 {
			b.Fatalf("%d lines after Next(50)", n)
		}
	}
}

// rssChildEnv makes the test binary, re-run by BenchmarkPeakRSS, highlight
// a page ("50/truecolor": MB and colours) and report its own peak memory
// instead of testing.
const rssChildEnv = "GRAPHTUI_BENCH_RSS_CHILD_MB"

func TestMain(m *testing.M) {
	if mb := os.Getenv(rssChildEnv); mb != "" {
		os.Exit(rssChild(mb))
	}
	os.Exit(m.Run())
}

// BenchmarkPeakRSS highlights a 50 MB page in a fresh process, so that the
// peak resident memory (VmHWM) is that of showing the body and nothing
// else, and reports it in MB and as a multiple of the body size: all of it
// (peak/body) and without what the process had before making the body
// (the runtime and the test binary: (peak-start)/body).
func BenchmarkPeakRSS(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("peak RSS is read from /proc/self/status, which only Linux has")
	}
	for _, mode := range []string{"truecolor", "256colour"} {
		b.Run("50MB/"+mode, func(b *testing.B) {
			var r rssReport
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), fmt.Sprintf("%s=50/%s", rssChildEnv, mode))
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("child: %v\n%s", err, out)
				}
				if r, err = parseRSSReport(out); err != nil {
					b.Fatalf("%v in %q", err, out)
				}
			}
			body := float64(r.body)
			b.ReportMetric(float64(r.peak)/(1<<20), "peak-MB")
			b.ReportMetric(float64(r.peak)/body, "peak/body")
			b.ReportMetric(float64(r.peak-r.base)/body, "(peak-start)/body")
			b.ReportMetric(float64(r.out)/body, "out-B/in-B")
		})
	}
}

// rssReport is what the child prints: sizes in bytes.
type rssReport struct {
	body, out, base, peak int64
}

func (r rssReport) String() string {
	return fmt.Sprintf("body=%d out=%d base=%d peak=%d", r.body, r.out, r.base, r.peak)
}

func parseRSSReport(out []byte) (rssReport, error) {
	var r rssReport
	sizes := map[string]*int64{"body": &r.body, "out": &r.out, "base": &r.base, "peak": &r.peak}
	for _, field := range strings.Fields(string(out)) {
		k, v, _ := strings.Cut(field, "=")
		n, err := strconv.ParseInt(v, 10, 64)
		if p, ok := sizes[k]; ok && err == nil {
			*p = n
		}
	}
	if r.body == 0 || r.peak == 0 {
		return r, fmt.Errorf("no RSS report")
	}
	return r, nil
}

// rssChild is the child process's whole life: it reads its peak RSS before
// the body exists (the runtime and binary) and after highlighting it, as
// the TUI would.
func rssChild(spec string) int {
	mb, colours, _ := strings.Cut(spec, "/")
	n, err := strconv.Atoi(mb)
	if err != nil {
		fmt.Println(err)
		return 2
	}
	mode := ColorTrue
	if colours == "256colour" {
		mode = Color256
	}
	base, err := peakRSS()
	if err != nil {
		fmt.Println(err)
		return 2
	}
	body := benchdata.UsersPage(n << 20)
	st, err := LookupStyle("")
	if err != nil {
		fmt.Println(err)
		return 2
	}
	var l Lines
	if err := Highlight(&l, body, NewPalette(st, mode)); err != nil {
		fmt.Println(err)
		return 1
	}
	peak, err := peakRSS()
	if err != nil {
		fmt.Println(err)
		return 2
	}
	fmt.Println(rssReport{body: int64(len(body)), out: int64(len(l.buf) + 4*len(l.ends)), base: base, peak: peak})
	return 0
}

// peakRSS reads VmHWM, the process's peak resident set size, on Linux.
func peakRSS() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("peak RSS is read from /proc/self/status (Linux only): %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}
