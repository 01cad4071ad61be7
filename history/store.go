package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/graphtui/graphtui/graph"
	"github.com/graphtui/graphtui/internal/fileio"
)

// Bounds keep the file small and loading instant.
const (
	MaxPerProfile = 200
	MaxTotal      = 1000
)

// formatVersion is written into the file so a later format can be told apart.
const formatVersion = 1

// maxFileSize is far above MaxTotal entries; a larger file is not ours.
const maxFileSize = 16 << 20

type fileFormat struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

// Store is the history of every profile, newest first. It is safe for
// concurrent use: the TUI touches it only from commands.
type Store struct {
	mu          sync.Mutex
	path        string
	entries     []Entry
	lockOptions lockOptions // zero in production; tests shorten and watch the wait
}

// Load reads the history at path. A missing file is an empty history. A
// file that cannot be read or parsed also gives an empty, usable store,
// with an error to show: the next Save replaces the file.
func Load(path string) (*Store, error) {
	s := &Store{path: path}
	entries, err := readEntries(path)
	s.rebuild(entries)
	return s, err
}

// readEntries reads the entries in the file at path, in file order. A
// missing file holds none; any other problem is an error that says the
// history starts empty and the file will be replaced.
func readEntries(path string) ([]Entry, error) {
	data, err := fileio.ReadRegular(path, maxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if errors.Is(err, fileio.ErrTooLarge) {
		err = fmt.Errorf("larger than %d MB", maxFileSize>>20)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read request history %s: %v; starting with an empty history", path, err)
	}
	var f fileFormat
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("request history %s is damaged (%v); starting with an empty history, the file is replaced on the next request", path, err)
	}
	if f.Version != formatVersion {
		return nil, fmt.Errorf("request history %s has format version %d, this graphtui reads %d; starting with an empty history", path, f.Version, formatVersion)
	}
	return f.Entries, nil
}

// rebuild replaces the store's entries with es, replayed oldest first
// through add, so entries edited by hand or merged from another session
// obey the same rules as new ones: scrubbed, duplicates collapsed, bounded.
func (s *Store) rebuild(es []Entry) {
	es = slices.Clone(es)
	slices.SortStableFunc(es, func(a, b Entry) int { return b.Time.Compare(a.Time) })
	s.entries = nil
	for i := len(es) - 1; i >= 0; i-- {
		s.add(es[i])
	}
}

// Path is the file the store saves to.
func (s *Store) Path() string { return s.path }

// Add records e as the newest entry of its profile. Credentials are dropped
// first; a request equal to the profile's newest one only moves its time.
func (s *Store) Add(e Entry) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.add(e)
}

func (s *Store) add(e Entry) {
	e.Method = entryMethod(e.Method)
	if e.Profile == "" || e.Path == "" || e.Method != "" && !graph.IsWrite(e.Method) {
		return // a hand-edited method graphtui does not send is no request to recall
	}
	e = scrub(e)
	// Callers may build headers from a map, in any order.
	slices.SortStableFunc(e.Header, func(a, b Header) int { return strings.Compare(a.Name, b.Name) })
	for i, old := range s.entries {
		if old.Profile != e.Profile {
			continue
		}
		if old.SameRequest(e) {
			s.entries = slices.Delete(s.entries, i, i+1)
		}
		break // only the profile's newest entry counts as consecutive
	}
	s.entries = slices.Insert(s.entries, 0, e)
	s.trim(e.Profile)
}

// trim drops the oldest entries beyond the bounds.
func (s *Store) trim(profile string) {
	n := 0
	s.entries = slices.DeleteFunc(s.entries, func(e Entry) bool {
		if e.Profile != profile {
			return false
		}
		n++
		return n > MaxPerProfile
	})
	if len(s.entries) > MaxTotal {
		s.entries = s.entries[:MaxTotal]
	}
}

// For returns the profile's entries, newest first. The slice is a copy.
func (s *Store) For(profile string) []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Entry
	for _, e := range s.entries {
		if e.Profile == profile {
			out = append(out, e)
		}
	}
	return out
}

// Save merges the history with the file's current content and writes the
// result atomically (mode 0600, directory 0700). Another graphtui may have
// saved since this store was loaded: a lock file serialises the sessions,
// and the merge keeps the entries of both. Afterwards the store holds the
// merged history, so the other session's requests can be recalled too.
func (s *Store) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.path == "" {
		return errors.New("request history has no file to save to")
	}
	unlock, err := lockFile(s.path, s.lockOptions)
	if err != nil {
		return fmt.Errorf("cannot save the request history: %w", err)
	}
	defer unlock()
	// A damaged file is replaced, as Load promised; a readable one is merged.
	if theirs, err := readEntries(s.path); err == nil {
		s.rebuild(merge(s.entries, theirs))
	}
	data, err := json.MarshalIndent(fileFormat{Version: formatVersion, Entries: s.entries}, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding request history: %v", err)
	}
	if err := fileio.Write(s.path, append(data, '\n')); err != nil {
		return fmt.Errorf("cannot save the request history: %w", err)
	}
	return nil
}
