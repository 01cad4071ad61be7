package doctor

import (
	"regexp"
	"strings"
)

// Some services name the permissions they wanted in the error message:
//
//	Missing role permissions on the request. API requires one of
//	'ChannelMessage.Read.All, ChannelMessage.Read.Group'. Roles on the request ''.
//	Application must have one of the following scopes: DeviceManagementApps.Read.All, ...
//
// The wording varies by service and over time, so the parser looks for a
// few phrases and then reads permission-shaped names after them.

// requiredMarkers introduce the permissions the API wants.
var requiredMarkers = []string{
	"requires one of",
	"require one of",
	"one of the following scopes",
	"one of the following permissions",
	"one of the following roles",
	"required permissions",
	"required permission",
	"required roles",
	"required scopes",
	"requires the following permissions",
	"requires the following permission",
}

// onRequestMarkers introduce what the token had.
var onRequestMarkers = []string{
	"roles on the request",
	"scopes on the request",
	"roles in the request",
	"roles in the token",
}

const (
	maxMessageScan = 8 << 10 // messages are short; a huge one is not worth reading whole
	maxNames       = 64
)

// permissionName is the shape of every Graph permission: dotted words that
// start with a capital, such as User.Read.All or
// VirtualEventRegistration-Anon.ReadWrite.Chat.
var permissionName = regexp.MustCompile(`^[A-Z][A-Za-z0-9-]*(\.[A-Za-z][A-Za-z0-9-]*)+$`)

// requiredRoles reads the permissions an error message says the API
// requires, and the roles it says the request carried.
func requiredRoles(msg string) (required, onRequest []string) {
	if len(msg) > maxMessageScan {
		msg = msg[:maxMessageScan]
	}
	lower := asciiLower(msg)
	return namesAfter(msg, lower, requiredMarkers), namesAfter(msg, lower, onRequestMarkers)
}

// namesAfter collects the names in the list that follows the first marker
// found (each marker is tried; the earliest in the message wins).
func namesAfter(msg, lower string, markers []string) []string {
	start, at := -1, -1
	for _, m := range markers { // longer markers come first, so a tie keeps the longer
		if i := strings.Index(lower, m); i >= 0 && (start < 0 || i < start) {
			start, at = i, i+len(m)
		}
	}
	if at < 0 {
		return nil
	}
	var out []string
	for _, word := range strings.FieldsFunc(listAfter(msg[at:]), isListSeparator) {
		word = strings.TrimRight(word, ".")
		if permissionName.MatchString(word) && !containsFold(out, word) {
			out = append(out, word)
			if len(out) == maxNames {
				break
			}
		}
	}
	return out
}

// listAfter returns the list that starts s: one or more quoted strings
// ('A, B' or "A" or "B"), or the text up to the end of the sentence.
func listAfter(s string) string {
	s = strings.TrimLeft(s, " \t:")
	var quoted []string
	for {
		item, rest, ok := cutQuoted(s)
		if !ok {
			break
		}
		quoted = append(quoted, item)
		joiner := strings.TrimLeft(rest, " \t")
		for _, j := range []string{",", "or ", "and "} {
			joiner = strings.TrimLeft(strings.TrimPrefix(joiner, j), " \t")
		}
		if len(joiner) == len(strings.TrimLeft(rest, " \t")) {
			break // nothing joins another quoted item
		}
		s = joiner
	}
	if len(quoted) > 0 {
		return strings.Join(quoted, ",")
	}
	for _, stop := range []string{". ", ".\n", ";", "\n"} {
		if end := strings.Index(s, stop); end >= 0 {
			s = s[:end]
		}
	}
	return s
}

var quotes = []struct{ open, close string }{{"'", "'"}, {`"`, `"`}, {"‘", "’"}, {"“", "”"}, {"`", "`"}, {"[", "]"}}

// cutQuoted reads a quoted string at the start of s.
func cutQuoted(s string) (item, rest string, ok bool) {
	for _, q := range quotes {
		if after, found := strings.CutPrefix(s, q.open); found {
			if end := strings.Index(after, q.close); end >= 0 {
				return after[:end], after[end+len(q.close):], true
			}
			return after, "", true
		}
	}
	return "", "", false
}

func isListSeparator(r rune) bool {
	switch r {
	case ',', ' ', '\t', '\n', '\r', '|', ';', '\'', '"', '(', ')', '[', ']':
		return true
	}
	return false
}

// asciiLower lowers A-Z only, so byte offsets stay those of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
