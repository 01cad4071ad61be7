package profiles

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/graphtui/graphtui/internal/fileio"
)

// Edits work on the file's text rather than re-encoding decoded data, so
// comments, blank lines, key order and every other profile stay exactly as
// the user wrote them. Each edit validates the new profile first, re-reads
// the edited text before writing, and replaces the file atomically.

// Add appends profile p to the config file at path, creating the file and
// its directory if needed. It fails if a profile with that name exists.
func Add(path string, p Profile) error {
	return edit(path, &p, "", func(d *document) (string, error) {
		if _, exists := d.find(p.Name); exists {
			return "", fmt.Errorf("profile %q already exists in %s; choose another name, or change the existing profile", p.Name, path)
		}
		return appendProfile(d.layout, p), nil
	})
}

// Update replaces profile name with p; p.Name may differ to rename it.
// Comments inside the profile's table survive, and unchanged keys keep
// their exact text (a "~/cert.pem" is not rewritten as an absolute path).
func Update(path, name string, p Profile) error {
	return edit(path, &p, name, func(d *document) (string, error) {
		ti, err := editableTable(d, path, name)
		if err != nil {
			return "", err
		}
		if p.Name != name {
			if _, exists := d.find(p.Name); exists {
				return "", fmt.Errorf("cannot rename profile %q to %q: %q already exists in %s", name, p.Name, p.Name, path)
			}
		}
		old, _ := d.find(name)
		return replaceProfile(d.layout, ti, old.written, p, filepath.Dir(path)), nil
	})
}

// Remove deletes profile name, with the comment lines directly above it.
func Remove(path, name string) error {
	return edit(path, nil, name, func(d *document) (string, error) {
		ti, err := editableTable(d, path, name)
		if err != nil {
			return "", err
		}
		return removeTable(d.layout, ti), nil
	})
}

// edit runs change on the current text and writes the result. want is the
// profile that must read back from the result (nil for a removal), and old
// the profile name the edit replaces ("" for an addition).
func edit(path string, want *Profile, old string, change func(*document) (string, error)) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target // keep a symlinked config (dotfiles) a symlink
	}
	baseDir := filepath.Dir(path)
	files := newFileChecks()
	if want != nil {
		if errs := validateProfile(*want, baseDir, files); len(errs) > 0 {
			return errs
		}
	}
	data, err := readConfig(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	before := parseDocument(path, string(data), files)
	if before.syntax {
		return fmt.Errorf("cannot edit %s while it is not valid TOML; fix this first:\n%w", path, before.errs)
	}
	text, err := change(before)
	if err != nil {
		return err
	}
	if err := checkEdited(path, text, before, want, old); err != nil {
		return err
	}
	if err := fileio.Write(path, []byte(text)); err != nil {
		return fmt.Errorf("cannot save the config: %w", err)
	}
	return nil
}

// checkEdited re-reads the edited text: it must be valid TOML, the other
// profiles must all still be there, and the edited one must read back
// exactly as requested (or be gone).
func checkEdited(path, text string, before *document, want *Profile, old string) error {
	after := parseDocument(path, text, before.files)
	if after.syntax {
		return fmt.Errorf("internal error: the edit would make %s invalid (%v); nothing was written", path, after.errs)
	}
	for _, p := range before.profiles {
		_, still := after.find(p.Name)
		if p.Name == old && want != nil && want.Name == old {
			continue
		}
		if still != (p.Name != old) {
			return fmt.Errorf("internal error: the edit would change other profiles than %q; %s was not changed", old, path)
		}
	}
	if want == nil {
		return nil
	}
	got, ok := after.find(want.Name)
	expected := resolvePaths(*want, filepath.Dir(path))
	expected.Source = got.Source
	if !ok || got.Profile != expected {
		return fmt.Errorf("internal error: profile %q would not read back as written; %s was not changed", want.Name, path)
	}
	if !got.valid {
		var mine Errors
		for _, e := range after.errs {
			if e.Profile == want.Name {
				mine = append(mine, e)
			}
		}
		return fmt.Errorf("%s was not changed because the profile would be invalid there:\n%w", path, mine)
	}
	return nil
}

// editableTable finds the [profiles.NAME] table of a profile. Profiles
// written as inline tables or dotted keys are left for the user to edit.
func editableTable(d *document, path, name string) (int, error) {
	p, ok := d.find(name)
	if !ok {
		return 0, fmt.Errorf("no profile %q in %s", name, path)
	}
	ti := d.layout.table("profiles", name)
	if ti < 0 {
		return 0, fmt.Errorf("profile %q (%s) is not written as its own [%s] table, so graphtui cannot edit it; edit the file by hand",
			name, p.Source, toml.Key{"profiles", name})
	}
	return ti, nil
}

func appendProfile(l *layout, p Profile) string {
	eol := l.lineEnding()
	var b strings.Builder
	for _, line := range l.lines {
		b.WriteString(line)
	}
	if n := len(l.lines); n > 0 {
		if !strings.HasSuffix(l.lines[n-1], "\n") {
			b.WriteString(eol)
		}
		if l.kinds[n-1] != lineBlank {
			b.WriteString(eol)
		}
	}
	b.WriteString(headerFor(p.Name) + eol)
	for _, key := range profileKeys {
		if v := *field(&p, key); v != "" {
			b.WriteString(keyValue("", key, v) + eol)
		}
	}
	if p.AllowWrites {
		b.WriteString(keyAllowWrites + " = true" + eol)
	}
	return b.String()
}

func replaceProfile(l *layout, ti int, written map[string]string, p Profile, baseDir string) string {
	eol := l.lineEnding()
	h, end := l.tables[ti].line, l.tableEnd(ti)
	out := append([]string{}, l.lines[:h]...)

	header := l.lines[h]
	if l.tables[ti].path[1] != p.Name {
		indent := header[:skipSpace(header, 0)]
		header = indent + headerFor(p.Name) + header[l.tables[ti].end:]
	}
	out = append(out, header)
	insertAt, indent := len(out), ""

	keysByLine := map[int]keyLine{}
	for _, k := range l.keys {
		keysByLine[k.line] = k
	}
	kept := map[string]bool{}
	for i := h + 1; i < end; i++ {
		k, isKey := keysByLine[i]
		if !isKey {
			out = append(out, l.lines[i])
			continue
		}
		i = k.lastLine
		if len(k.local) == 1 && k.local[0] == keyAllowWrites {
			if p.AllowWrites { // the one true/false key: written anew
				kept[keyAllowWrites] = true
				line := l.lines[k.line]
				out = append(out, line[:skipSpace(line, 0)]+keyAllowWrites+" = true"+eol)
			}
			continue
		}
		if len(k.local) != 1 || !isProfileKey(k.local[0]) {
			continue // not part of a valid profile: the new profile replaces it
		}
		key, line := k.local[0], l.lines[k.line]
		v := *field(&p, key)
		if v == "" {
			continue
		}
		kept[key] = true
		old, wasWritten := written[key]
		switch {
		case wasWritten && sameValue(key, old, v, baseDir):
			out = append(out, l.lines[k.line:k.lastLine+1]...)
		case k.lastLine == k.line:
			out = append(out, line[:k.valueStart]+tomlString(v)+line[k.valueEnd:])
		default: // a multi-line value becomes one line
			out = append(out, line[:k.valueStart]+tomlString(v)+eol)
		}
		insertAt, indent = len(out), line[:skipSpace(line, 0)]
	}

	var added []string
	for _, key := range profileKeys {
		if v := *field(&p, key); v != "" && !kept[key] {
			added = append(added, keyValue(indent, key, v)+eol)
		}
	}
	if p.AllowWrites && !kept[keyAllowWrites] {
		added = append(added, indent+keyAllowWrites+" = true"+eol)
	}
	if len(added) > 0 && !strings.HasSuffix(out[insertAt-1], "\n") {
		out[insertAt-1] += eol // the file ended without a newline
	}
	out = append(out[:insertAt], append(added, out[insertAt:]...)...)
	out = append(out, l.lines[end:]...)
	return strings.Join(out, "")
}

func removeTable(l *layout, ti int) string {
	start, end := l.leadingComments(l.tables[ti].line), l.tableEnd(ti)
	if end == len(l.lines) {
		// Last table: drop the blank lines that separated it too.
		for start > 0 && l.kinds[start-1] == lineBlank {
			start--
		}
	}
	return strings.Join(l.lines[:start], "") + strings.Join(l.lines[end:], "")
}

// sameValue reports whether a written value already means v, so that an
// unchanged key keeps its exact text.
func sameValue(key, written, v, baseDir string) bool {
	if written == v {
		return true
	}
	var a, b Profile
	*field(&a, key), *field(&b, key) = written, v
	return resolvePaths(a, baseDir) == resolvePaths(b, baseDir)
}

func headerFor(name string) string {
	return "[" + toml.Key{"profiles", name}.String() + "]"
}

func keyValue(indent, key, value string) string {
	return indent + key + " = " + tomlString(value)
}

// tomlString quotes s as a TOML basic string, using the TOML encoder so the
// escaping is the library's, not ours.
func tomlString(s string) string {
	var b strings.Builder
	if err := toml.NewEncoder(&b).Encode(map[string]string{"v": s}); err != nil {
		return strconv.Quote(s) // unreachable for a plain string; re-parsing still checks the result
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), "v = "), "\n")
}
