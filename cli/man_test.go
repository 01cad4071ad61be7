package cli

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

func TestManPageSections(t *testing.T) {
	r := run(t, nil, "man")
	if r.code != 0 || r.err != "" {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	page := r.out
	if !strings.HasPrefix(page, `.TH GRAPHTUI 1 "" "graphtui test" "User Commands"`+"\n") {
		t.Errorf("the page does not open with its title line:\n%.200s", page)
	}
	var sections []string
	for _, l := range strings.Split(page, "\n") {
		if s, ok := strings.CutPrefix(l, ".SH "); ok {
			sections = append(sections, strings.Trim(s, `"`))
		}
	}
	want := "NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS ENVIRONMENT FILES EXIT STATUS SEE ALSO"
	if got := strings.Join(sections, " "); got != want {
		t.Errorf("sections %q, want %q", got, want)
	}
	for _, want := range []string{
		`graphtui \- Explore Microsoft Graph`,
		".SS \"get PATH\"\n",
		".SS \"request METHOD PATH\"\n",
		".SS \"samples [FILTER]\"\n",
		".SS \"completion bash\"\n",
		`\fB\-p\fR, \fB\-\-profile\fR \fIstring\fR`,
		`graphtui get /users \-q '$select=displayName,mail'`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page, ".SS help") || strings.Contains(page, "__complete") {
		t.Error("the page documents the help or the hidden __complete command")
	}
	// Only the page's own requests start a line: help text that begins
	// with a dot or quote would be read as one.
	request := regexp.MustCompile(`^\.(TH|SH|SS|PP|TP|RS|RE|nf|fi|br)( |$)`)
	for i, l := range strings.Split(page, "\n") {
		if (strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'")) && !request.MatchString(l) {
			t.Errorf("line %d is an unintended roff request: %q", i+1, l)
		}
	}
}

// Where groff is installed, it formats the page without a warning.
func TestManPageFormats(t *testing.T) {
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Skip("groff is not installed")
	}
	r := run(t, nil, "man")
	cmd := exec.Command(groff, "-man", "-Tutf8", "-ww", "-z")
	cmd.Stdin = strings.NewReader(r.out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("groff: %v\n%s", err, stderr.String())
	}
}

func TestRoffText(t *testing.T) {
	for in, want := range map[string]string{
		`--max-body`:  `\-\-max\-body`,
		`C:\path`:     `C:\epath`,
		`plain words`: `plain words`,
	} {
		if got := roffText(in); got != want {
			t.Errorf("roffText(%q) = %q, want %q", in, got, want)
		}
	}
	var m manWriter
	m.text(".hidden request\n'another")
	if got := m.b.String(); got != "\\&.hidden request\n\\&'another\n" {
		t.Errorf("lines starting with . or ' are not neutralised: %q", got)
	}
}

// The footer shows the build's version and date; a date that is missing
// or the zero time (a snapshot without a tag) is left out.
func TestManPageDate(t *testing.T) {
	for date, want := range map[string]string{
		"2026-12-01T10:00:00Z": `.TH GRAPHTUI 1 2026\-12\-01 "graphtui 1.2.3" "User Commands"`,
		"0001-01-01T00:00:00Z": `.TH GRAPHTUI 1 "" "graphtui 1.2.3" "User Commands"`,
		"unknown":              `.TH GRAPHTUI 1 "" "graphtui 1.2.3" "User Commands"`,
	} {
		var out bytes.Buffer
		app := &App{Build: BuildInfo{Version: "1.2.3", Date: date}}
		if err := writeMan(&out, app.rootCommand(), app.Build); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := strings.Cut(out.String(), "\n"); got != want {
			t.Errorf("date %s: %s, want %s", date, got, want)
		}
	}
}
