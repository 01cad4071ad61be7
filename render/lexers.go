package render

import (
	"regexp"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// Graph answers in JSON, which has its own highlighter. The other bodies it
// serves are markup ($metadata, Atom, SVG, a gateway's HTML error page),
// CSV reports and plain text. These few lexers are built on chroma's engine
// when a non-JSON body is first shown; importing chroma's lexers package
// instead would parse its ~250 lexer definitions at every start of the
// program, for a body most runs never see.
var lexerRegistry = sync.OnceValue(func() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	for _, l := range []chroma.Lexer{
		markupLexer("XML", []string{"text/xml", "application/xml", "image/svg+xml", "application/rss+xml", "application/atom+xml"}, "<?xml"),
		markupLexer("HTML", []string{"text/html", "application/xhtml+xml"}, "<!doctype html", "<html"),
		chroma.MustNewLexer(&chroma.Config{Name: "CSV", Aliases: []string{"csv"}, MimeTypes: []string{"text/csv"}}, csvRules),
		chroma.MustNewLexer(&chroma.Config{Name: "JSON", Aliases: []string{"json"}, MimeTypes: []string{"application/json"}}, looseJSONRules),
		chroma.MustNewLexer(&chroma.Config{Name: "plaintext", Aliases: []string{"text"}, MimeTypes: []string{"text/plain"}}, plaintextRules),
	} {
		reg.Register(l)
	}
	return reg
})

// rule is a chroma.Rule written in one line.
func rule(pattern string, tok chroma.Emitter, then chroma.Mutator) chroma.Rule {
	return chroma.Rule{Pattern: pattern, Type: tok, Mutator: then}
}

// markupLexer colours tags, attributes, comments and entities of XML and
// HTML alike. It claims a body that starts with one of the given prefixes.
func markupLexer(name string, mimeTypes []string, starts ...string) chroma.Lexer {
	cfg := &chroma.Config{Name: name, Aliases: []string{strings.ToLower(name)}, MimeTypes: mimeTypes, CaseInsensitive: true}
	return chroma.MustNewLexer(cfg, markupRules).SetAnalyser(func(text string) float32 {
		head := strings.ToLower(strings.TrimLeft(text, " \t\r\n\ufeff"))
		for _, s := range starts {
			if strings.HasPrefix(head, s) {
				return 1
			}
		}
		return 0
	})
}

// Each construct that runs to a closing mark gets a state of its own
// rather than a lazy `.*?` pattern: an unclosed one then costs one pass,
// not a scan to the end of the body at every place it opens.
func markupRules() chroma.Rules {
	until := func(end string, tok chroma.TokenType) []chroma.Rule {
		return []chroma.Rule{
			rule(regexp.QuoteMeta(end), tok, chroma.Pop(1)),
			rule(`[^`+regexp.QuoteMeta(end[:1])+`]+|.`, tok, nil),
		}
	}
	return chroma.Rules{
		"root": {
			rule(`<!--`, chroma.Comment, chroma.Push("comment")),
			rule(`<!\[CDATA\[`, chroma.LiteralString, chroma.Push("cdata")),
			rule(`<\?`, chroma.CommentPreproc, chroma.Push("instruction")),
			rule(`<!`, chroma.CommentPreproc, chroma.Push("declaration")),
			rule(`(</?)([\w:.-]+)`, chroma.ByGroups(chroma.Punctuation, chroma.NameTag), chroma.Push("tag")),
			rule(`&[#\w]+;`, chroma.NameEntity, nil),
			rule(`[^<&]+|[<&]`, chroma.Text, nil),
		},
		"tag": {
			rule(`\s+`, chroma.Text, nil),
			rule(`[\w:.-]+`, chroma.NameAttribute, nil),
			rule(`=`, chroma.Operator, nil),
			rule(`"[^"]*"|'[^']*'`, chroma.LiteralString, nil),
			rule(`/?>`, chroma.Punctuation, chroma.Pop(1)),
			rule(`[^\s>]`, chroma.Text, nil),
		},
		"comment":     until("-->", chroma.Comment),
		"cdata":       until("]]>", chroma.LiteralString),
		"instruction": until("?>", chroma.CommentPreproc),
		"declaration": until(">", chroma.CommentPreproc),
	}
}

// csvRules set the header row apart from the data, as the reports under
// /reports put column names there.
func csvRules() chroma.Rules {
	cells := func(tok chroma.TokenType) []chroma.Rule {
		return []chroma.Rule{
			rule(`"(?:[^"]|"")*"`, chroma.LiteralString, nil),
			rule(`,`, chroma.Punctuation, nil),
			rule(`[^,"\n]+|"`, tok, nil),
		}
	}
	return chroma.Rules{
		"root": append([]chroma.Rule{rule(`\n`, chroma.Text, chroma.Push("rows"))}, cells(chroma.NameTag)...),
		"rows": append([]chroma.Rule{rule(`\n`, chroma.Text, nil)}, cells(chroma.Text)...),
	}
}

// looseJSONRules colour a body that claims to be JSON but is not valid
// (cut short, say), so it reads like the JSON around it.
func looseJSONRules() chroma.Rules {
	return chroma.Rules{
		"root": {
			rule(`"(?:\\.|[^"\\\n])*"(?=\s*:)`, chroma.NameTag, nil),
			rule(`"(?:\\.|[^"\\\n])*"?`, chroma.LiteralString, nil),
			rule(`-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`, chroma.LiteralNumber, nil),
			rule(`\b(?:true|false|null)\b`, chroma.KeywordConstant, nil),
			rule(`[{}\[\],:]`, chroma.Punctuation, nil),
			rule(`[^"{}\[\],:\d\-tfn]+|.`, chroma.Text, nil),
		},
	}
}

func plaintextRules() chroma.Rules {
	return chroma.Rules{"root": {rule(`[^\n]+`, chroma.Text, nil), rule(`\n`, chroma.Text, nil)}}
}
