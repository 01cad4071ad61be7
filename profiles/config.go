package profiles

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/graphtui/graphtui/internal/fileio"
)

// Config is the content of one config file.
type Config struct {
	Path     string
	Exists   bool      // false when the file does not exist yet
	Profiles []Profile // valid profiles, in file order
	Warnings []string  // problems that do not stop graphtui, e.g. file permissions
	// TokenCache is the top-level token_cache key as written ("" when
	// absent); see TokenCacheMode for the effective mode.
	TokenCache string
}

// Load reads and validates the config file at path. A missing file is not an
// error: it yields an empty Config with Exists false. When the file has
// problems, Load returns an Errors listing all of them (file, line, key)
// together with a Config holding the profiles that passed.
func Load(path string) (*Config, error) {
	cfg := &Config{Path: path}
	data, err := readConfig(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	cfg.Exists = true
	doc := parseDocument(path, string(data), newFileChecks())
	cfg.TokenCache = doc.tokenCache
	for _, p := range doc.profiles {
		if p.valid {
			cfg.Profiles = append(cfg.Profiles, p.Profile)
		}
	}
	cfg.Warnings = append(permissionWarnings(path, cfg.Profiles), secretFileWarnings(cfg.Profiles)...)
	return cfg, doc.errs.orNil()
}

// maxConfigFile bounds the config: a profile is a few lines, so a bigger
// file is the wrong file (or /dev/zero), not a config.
const maxConfigFile = 4 << 20

// readConfig reads the config file as secrets are read: only a regular
// file, and only up to maxConfigFile, so a pipe or a device given with
// --config cannot block graphtui or fill its memory. A missing file's
// error matches fs.ErrNotExist.
func readConfig(path string) ([]byte, error) {
	data, err := fileio.ReadRegular(path, maxConfigFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, err
	case errors.Is(err, fileio.ErrTooLarge):
		return nil, fmt.Errorf("config file %s is larger than %d MiB, too large for a config; check the path, or pass the right file with --config",
			path, maxConfigFile>>20)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("cannot read config file %s: %v; fix its permissions or pass another file with --config", path, err)
	case err != nil:
		return nil, fmt.Errorf("cannot read config file %s: %v; pass a regular file (not a pipe, device or directory) with --config", path, err)
	}
	return data, nil
}

// Get returns the profile called name.
func (c *Config) Get(name string) (Profile, bool) {
	for _, p := range c.Profiles {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

// Names lists the profile names in file order.
func (c *Config) Names() []string {
	names := make([]string, len(c.Profiles))
	for i, p := range c.Profiles {
		names[i] = p.Name
	}
	return names
}

// Hint tells a user with no profiles how to add one; "" when there are some.
func (c *Config) Hint() string {
	if len(c.Profiles) > 0 {
		return ""
	}
	where := "has no profiles"
	if !c.Exists {
		where = "does not exist yet"
	}
	return fmt.Sprintf(`%s %s. Add a profile to it, for example:

[profiles.contoso-reader]
tenant = "contoso.onmicrosoft.com"
client_id = "00000000-0000-0000-0000-000000000000"
client_secret = "env:CONTOSO_READER_SECRET"

or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET to use the "env" profile, or try "graphtui demo".`, c.Path, where)
}

// document is one parse of a config file, kept whole so that edits can
// compare what was written with what will be written.
type document struct {
	file     string
	layout   *layout
	files    *fileChecks // what validation found about each file, by path
	syntax   bool        // the text is not valid TOML
	profiles []parsedProfile
	errs     Errors
	// tokenCache is the top-level token_cache value, when valid.
	tokenCache string
}

type parsedProfile struct {
	Profile                   // paths resolved against the config directory
	written map[string]string // string values exactly as in the file
	valid   bool
}

func (d *document) find(name string) (parsedProfile, bool) {
	for _, p := range d.profiles {
		if p.Name == name {
			return p, true
		}
	}
	return parsedProfile{}, false
}

func parseDocument(file, text string, files *fileChecks) *document {
	d := &document{file: file, layout: scanLayout(text), files: files}
	var raw map[string]any
	md, err := toml.Decode(text, &raw)
	if err != nil {
		d.syntax = true
		d.errs = append(d.errs, d.syntaxError(err))
		return d
	}
	order := newKeyOrder(md)
	for _, k := range order.keys(raw) {
		switch k {
		case "profiles":
		case keyTokenCache:
			if msg := d.parseTokenCache(raw[k]); msg != "" {
				d.errs = append(d.errs, &ConfigError{File: file, Line: d.layout.lineOf(k), Key: k, Message: msg})
			}
		default:
			msg := `unknown top-level key; the config file holds token_cache and [profiles.NAME] tables`
			if guess := closestKey(k, []string{"profiles", keyTokenCache}); guess != "" {
				msg = fmt.Sprintf("unknown top-level key; did you mean %q?", guess)
			}
			d.errs = append(d.errs, &ConfigError{File: file, Line: d.layout.lineOf(k), Key: k, Message: msg})
		}
	}
	if v, ok := raw["profiles"]; ok {
		if table, ok := v.(map[string]any); ok {
			for _, name := range order.keys(table, "profiles") {
				d.parseProfile(order, name, table[name])
			}
		} else {
			d.errs = append(d.errs, &ConfigError{File: file, Line: d.layout.lineOf("profiles"), Key: "profiles",
				Message: `must be a table of profiles; write one [profiles.NAME] section per profile`})
		}
	}
	slices.SortStableFunc(d.errs, func(a, b *ConfigError) int { return a.Line - b.Line })
	return d
}

// keyOrder holds each table's keys in file order, keyed by the table's
// path. It is built in one pass over the decoder's keys: asking the decoder
// anew for each profile would make loading quadratic in their number.
type keyOrder map[string][]string

func newKeyOrder(md toml.MetaData) keyOrder {
	o := keyOrder{}
	for _, k := range md.Keys() {
		parent := k[:len(k)-1].String()
		o[parent] = append(o[parent], k[len(k)-1])
	}
	return o
}

// keys lists table's keys in file order. Keys the decoder does not report
// individually (parents of dotted keys) follow, sorted.
func (o keyOrder) keys(table map[string]any, parent ...string) []string {
	listed := make(map[string]bool, len(table))
	keys := make([]string, 0, len(table))
	for _, k := range o[toml.Key(parent).String()] {
		if _, ok := table[k]; ok && !listed[k] {
			listed[k] = true
			keys = append(keys, k)
		}
	}
	var rest []string
	for k := range table {
		if !listed[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(keys, rest...)
}

func (d *document) parseProfile(order keyOrder, name string, v any) {
	at := func(key string) int {
		if key == "" {
			return d.layout.lineOf("profiles", name)
		}
		return d.layout.lineOf("profiles", name, key)
	}
	p := parsedProfile{written: map[string]string{}}
	p.Name = name
	p.Source = Position{File: d.file, Line: at("")}
	var errs Errors
	wrongType := map[string]bool{} // set but unusable: not "missing" too
	fail := func(key, msg string) {
		errs = append(errs, &ConfigError{Profile: name, Key: key, Message: msg})
	}

	table, ok := v.(map[string]any)
	if !ok {
		fail("", `must be a table: write [profiles.`+toml.Key{name}.String()+`] followed by key = "value" lines`)
	}
	for _, key := range order.keys(table, "profiles", name) {
		if key == keyAllowWrites {
			b, isBool := table[key].(bool)
			if !isBool {
				fail(key, fmt.Sprintf("must be true or false without quotes, not %s; write %s = true to let this profile send POST, PATCH, PUT and DELETE", tomlKind(table[key]), key))
				continue
			}
			p.AllowWrites = b
			continue
		}
		if !isProfileKey(key) {
			msg := "unknown key"
			if guess := closestKey(key, knownKeys()); guess != "" {
				msg += fmt.Sprintf("; did you mean %q?", guess)
			} else {
				msg += "; known keys are " + strings.Join(knownKeys(), ", ")
			}
			fail(key, msg)
			continue
		}
		s, ok := table[key].(string)
		if !ok {
			fail(key, fmt.Sprintf(`must be a string in quotes, not %s; write %s = "..."`, tomlKind(table[key]), key))
			wrongType[key] = true
			continue
		}
		p.written[key] = s
		*field(&p.Profile, key) = s
	}

	baseDir := filepath.Dir(d.file)
	p.Profile = resolvePaths(p.Profile, baseDir)
	if ok {
		for _, e := range validateProfile(p.Profile, baseDir, d.files) {
			credentialSet := wrongType[keyClientSecret] || wrongType[keyCertificate] || wrongType[keyFederatedToken]
			if !wrongType[e.Key] && !(e.Message == msgNoCredential && credentialSet) {
				errs = append(errs, e)
			}
		}
	}
	for _, e := range errs {
		e.File, e.Line = d.file, at(e.Key)
	}
	p.valid = len(errs) == 0
	d.profiles = append(d.profiles, p)
	d.errs = append(d.errs, errs...)
}

// resolvePaths makes every path in p absolute (relative to baseDir), so the
// profile can be used from any working directory.
func resolvePaths(p Profile, baseDir string) Profile {
	p.Certificate = resolveFile(p.Certificate, baseDir)
	p.CAFile = resolveFile(p.CAFile, baseDir)
	for _, ref := range []*string{&p.ClientSecret, &p.CertificatePassword, &p.FederatedToken, &p.AccessToken} {
		if path, ok := strings.CutPrefix(*ref, refFile); ok && strings.TrimSpace(path) != "" {
			*ref = refFile + resolveFile(path, baseDir)
		}
	}
	return p
}

func tomlKind(v any) string {
	switch v.(type) {
	case string:
		return "a string in quotes"
	case int64, float64:
		return "a number"
	case bool:
		return "true/false"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return "a date or time"
}

// syntaxError turns a decoder error into a ConfigError. The decoder quotes
// the text it choked on, so its words are shown only on lines that cannot
// hold a secret: a header, or a known key other than the secret ones.
func (d *document) syntaxError(err error) *ConfigError {
	ce := &ConfigError{File: d.file}
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		ce.Message = "is not valid TOML; check quotes and brackets"
		return ce
	}
	ce.Line, ce.Column = pe.Position.Line, pe.Position.Col
	if text := strings.Join(d.layout.lines, ""); pe.Position.Start >= 0 && pe.Position.Start < len(text) {
		// The decoder counts an unexpected newline on the next line; the
		// byte offset is exact.
		before := text[:pe.Position.Start]
		ce.Line = strings.Count(before, "\n") + 1
		ce.Column = len(before) - strings.LastIndexByte(before, '\n')
	}
	idx := ce.Line - 1
	if idx < 0 || idx >= len(d.layout.lines) {
		ce.Message = "invalid TOML: " + pe.Message
		return ce
	}
	var path []string
	kind := d.layout.kinds[idx]
	switch kind {
	case lineHeader:
		for _, h := range d.layout.tables {
			if h.line == idx {
				path = h.path
			}
		}
	case lineKey:
		for _, k := range d.layout.keys {
			if k.line == idx {
				path = k.path
			}
		}
	}
	if len(path) >= 2 && path[0] == "profiles" {
		ce.Profile = path[1]
		if len(path) == 3 {
			ce.Key = path[2]
		}
	}

	if strings.Contains(pe.Message, "has already been defined") && len(path) > 0 {
		first := d.layout.first[toml.Key(path).String()] + 1
		switch {
		case len(path) == 2 && path[0] == "profiles":
			ce.Message = fmt.Sprintf("profile %q is defined twice (first at line %d); profile names must be unique, so rename or remove one", path[1], first)
		default:
			ce.Message = fmt.Sprintf("%s is set twice (first at line %d); keep only one", toml.Key(path).String(), first)
		}
		return ce
	}

	switch {
	case kind == lineHeader || kind == lineBlank || kind == lineComment ||
		strings.HasPrefix(strings.TrimSpace(d.layout.lines[idx]), "["):
		ce.Message = "invalid TOML: " + pe.Message + `; a profile starts with a header such as [profiles.contoso-reader]`
	case kind == lineKey && len(path) > 0 && (isProfileKey(path[len(path)-1]) || path[len(path)-1] == keyTokenCache) &&
		!isSecretKey(path[len(path)-1]):
		ce.Message = "invalid TOML: " + pe.Message + `; values are quoted strings: key = "value"`
	default:
		ce.Message = `invalid TOML (details hidden: this line may hold a secret); write key = "value" with the value in quotes, ` +
			`and reference secrets as "env:VAR", "cmd:...", "file:..." or "keyring:..."`
	}
	return ce
}
