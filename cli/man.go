package cli

import (
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func (a *App) manCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print graphtui's manual page (roff)",
		Long: `Print graphtui's manual page, made from the commands' own help, as roff
on stdout. Release packages install it; from a build of your own:

  graphtui man > ~/.local/share/man/man1/graphtui.1
  graphtui man | man -l -`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeMan(a.Out, cmd.Root(), a.Build)
		},
	}
}

// writeMan writes one page for the whole tool: the root's synopsis,
// description and global options, then a subsection per command. It is a
// small writer of its own rather than cobra/doc, whose man pages pass the
// help through a Markdown converter that would reflow or eat the help's
// indented lists, $options and {placeholders}.
func writeMan(w io.Writer, root *cobra.Command, b BuildInfo) error {
	m := &manWriter{}
	date := ""
	// A snapshot without a tag stamps the zero time: no date then.
	if t, err := time.Parse(time.RFC3339, b.Date); err == nil && !t.IsZero() {
		date = t.UTC().Format("2006-01-02")
	}
	m.macro("TH", "GRAPHTUI", "1", date, "graphtui "+b.Version, "User Commands")
	m.macro("SH", "NAME")
	m.line(root.Name() + ` \- ` + roffText(root.Short))

	m.macro("SH", "SYNOPSIS")
	m.line(`\fBgraphtui\fR [\fB\-\-presenter\fR] [\fIglobal options\fR]`)
	m.macro("br")
	m.line(`\fBgraphtui\fR \fIcommand\fR [\fIarguments\fR] [\fIoptions\fR]`)

	m.macro("SH", "DESCRIPTION")
	m.text(root.Long)
	m.macro("PP")
	m.line("Each command below prints its own help with " + roffText("--help") + ".")

	m.macro("SH", "OPTIONS")
	m.line("Global options, accepted before or after the command:")
	m.flags(root.PersistentFlags())
	m.macro("PP")
	m.line("Options of " + `\fBgraphtui\fR` + " alone:")
	m.flags(root.LocalNonPersistentFlags())

	m.macro("SH", "COMMANDS")
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() || sub.Name() == "help" {
				continue
			}
			m.command(sub)
			walk(sub)
		}
	}
	walk(root)

	m.macro("SH", "ENVIRONMENT")
	for _, env := range [][2]string{
		{"GRAPHTUI_CONFIG", "the config file, when --config is not given"},
		{"GRAPHTUI_PROFILE", "the profile, when -p is not given"},
		{"GRAPHTUI_TOKEN_CACHE", "where tokens are cached: overrides the config's token_cache"},
		{"AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, AZURE_FEDERATED_TOKEN_FILE", "make up the implicit \"env\" profile"},
		{"NO_COLOR", "turns colour off on a terminal"},
	} {
		m.macro("TP")
		m.line(`\fB` + roffText(env[0]) + `\fR`)
		m.line(roffText(env[1]))
	}
	m.macro("SH", "FILES")
	m.macro("TP")
	m.line(`\fI<user config dir>/graphtui/config.toml\fR`)
	m.line("The profiles: tenant, client id and a reference to the secret or certificate, never the secret itself (see " + `\fBgraphtui profiles\fR` + ").")

	m.macro("SH", "EXIT STATUS")
	m.line("0 on success, 1 on an HTTP or token failure, 2 on a usage or config error; each command's section says more.")

	m.macro("SH", "SEE ALSO")
	m.line("The README (configuration, the demo tenant, troubleshooting): https://github.com/graphtui/graphtui")
	_, err := io.WriteString(w, m.b.String())
	return err
}

type manWriter struct{ b strings.Builder }

// macro writes a request line; arguments with spaces are quoted.
func (m *manWriter) macro(name string, args ...string) {
	m.b.WriteString("." + name)
	for _, a := range args {
		a = roffText(a)
		if a == "" || strings.ContainsAny(a, " \t") {
			a = `"` + strings.ReplaceAll(a, `"`, `\(dq`) + `"`
		}
		m.b.WriteString(" " + a)
	}
	m.b.WriteByte('\n')
}

// line writes text already escaped for roff; a leading . or ' would make
// it a request, so it gets a zero-width \& in front.
func (m *manWriter) line(s string) {
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	m.b.WriteString(s + "\n")
}

// text writes help text: paragraphs of plain lines are filled, a paragraph
// with indented lines (a list, an example) keeps its lines as they are.
func (m *manWriter) text(help string) {
	for i, para := range strings.Split(strings.TrimSpace(help), "\n\n") {
		if i > 0 {
			m.macro("PP")
		}
		lines := strings.Split(para, "\n")
		verbatim := false
		for _, l := range lines {
			verbatim = verbatim || strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")
		}
		if verbatim {
			m.macro("nf")
		}
		for _, l := range lines {
			// cobra's own help marks headings the Markdown way.
			if h := strings.TrimLeft(l, "#"); h != l && strings.HasPrefix(h, " ") {
				l = strings.TrimSpace(h)
			}
			m.line(roffText(l))
		}
		if verbatim {
			m.macro("fi")
		}
	}
}

func (m *manWriter) flags(fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		head := `\fB\-\-` + roffText(f.Name) + `\fR`
		if f.Shorthand != "" {
			head = `\fB\-` + roffText(f.Shorthand) + `\fR, ` + head
		}
		if name != "" {
			head += ` \fI` + roffText(name) + `\fR`
		}
		switch f.DefValue {
		case "", "false", "0", "[]":
		default:
			usage += " (default " + f.DefValue + ")"
		}
		m.macro("TP")
		m.line(head)
		m.line(roffText(usage))
	})
}

func (m *manWriter) command(c *cobra.Command) {
	// "get PATH": the path below graphtui, then the arguments of Use.
	heading := strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")
	if args := strings.TrimSpace(strings.TrimPrefix(c.Use, c.Name())); args != "" {
		heading += " " + args
	}
	m.macro("SS", heading)
	if c.Long != "" {
		m.text(c.Long)
	} else {
		m.text(c.Short)
	}
	if fs := c.LocalNonPersistentFlags(); fs.HasAvailableFlags() {
		m.macro("PP")
		m.line("Options:")
		m.macro("RS")
		m.flags(fs)
		m.macro("RE")
	}
	if c.Example != "" {
		m.macro("PP")
		m.line("Examples:")
		m.macro("nf")
		m.macro("RS")
		for _, l := range strings.Split(c.Example, "\n") {
			m.line(roffText(strings.TrimPrefix(l, "  ")))
		}
		m.macro("RE")
		m.macro("fi")
	}
}

// roffText escapes text for roff: a backslash is \e, a hyphen \- (so
// options copy and search as typed).
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	return strings.ReplaceAll(s, "-", `\-`)
}
