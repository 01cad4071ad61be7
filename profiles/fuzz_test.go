package profiles

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary text to the config reader and to the text
// editor behind Add/Update/Remove: whatever the file holds, graphtui must
// report it, not crash.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"valid.toml", "invalid.toml", "commented.toml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("[profiles.a\ntenant = \"x\"\n")
	// Valid without any file on disk, so the edit checks below run on it.
	f.Add(`# c
[profiles.a] # h
tenant = "contoso.com" # t
client_id = "00000000-0000-0000-0000-000000000000"
client_secret = '''env:A'''

[profiles."b.c"]
tenant = "x.org"
  client_id='00000000-0000-0000-0000-000000000000'
client_secret = """
env:B"""
scope = "https://graph.microsoft.com/.default"` + "\r\n")
	f.Add("[profiles.a]\nclient_secret = '''\n[profiles.b]\n'''\n")
	f.Add("[profiles]\na = { tenant = [\n1, 2] }\n")
	f.Add("a = \"\"\"\\\n\"\"\"\"\" # c\n[[profiles]]\n")

	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join("/nonexistent-dir", "config.toml")
		doc := parseDocument(path, text, newFileChecks())
		for _, e := range doc.errs {
			_ = e.Error()
		}
		for _, p := range doc.profiles {
			ti := doc.layout.table("profiles", p.Name)
			if ti < 0 {
				continue
			}
			removeTable(doc.layout, ti)
			replaceProfile(doc.layout, ti, p.written, newApp, "/nonexistent-dir") // a rename
			if len(doc.errs) > 0 {
				continue
			}
			// In a valid file, rewriting a profile as itself, or as
			// another valid profile, must read back as written.
			same := p.Profile
			if err := checkEdited(path, replaceProfile(doc.layout, ti, p.written, same, "/nonexistent-dir"), doc, &same, p.Name); err != nil {
				t.Errorf("rewriting %q as itself: %v", p.Name, err)
			}
			other := newApp
			other.Name = p.Name
			edited := replaceProfile(doc.layout, ti, p.written, other, "/nonexistent-dir")
			if err := checkEdited(path, edited, doc, &other, p.Name); err != nil {
				t.Errorf("rewriting %q: %v", p.Name, err)
			}
		}
		added := appendProfile(doc.layout, newApp)
		if _, exists := doc.find(newApp.Name); len(doc.errs) == 0 && !exists {
			if err := checkEdited(path, added, doc, &newApp, ""); err != nil {
				t.Errorf("adding a profile: %v", err)
			}
		}
	})
}
