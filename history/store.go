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

	"github.com/graphtui/graphtui/internal/atomicfile"
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
	mu      sync.Mutex
	path    string
	entries []Entry
}

// Load reads the history at path. A missing file is an empty history. A
// file that cannot be read or parsed also gives an empty, usable store,
// with an error to show: the next Save replaces the file.
func Load(path string) (*Store, error) {
	s := &Store{path: path}
	data, err := readFile(path, maxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("cannot read request history %s: %v; starting with an empty history", path, err)
	}
	var f fileFormat
	if err := json.Unmarshal(data, &f); err != nil {
		return s, fmt.Errorf("request history %s is damaged (%v); starting with an empty history, the file is replaced on the next request", path, err)
	}
	if f.Version != formatVersion {
		return s, fmt.Errorf("request history %s has format version %d, this graphtui reads %d; starting with an empty history", path, f.Version, formatVersion)
	}
	// The file may have been edited by hand: apply the same rules as Add.
	slices.SortStableFunc(f.Entries, func(a, b Entry) int { return b.Time.Compare(a.Time) })
	for i := len(f.Entries) - 1; i >= 0; i-- {
		s.add(f.Entries[i])
	}
	return s, nil
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
	if e.Profile == "" || e.Path == "" {
		return
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

// Save writes the history atomically to its file (mode 0600, directory
// 0700). The lock is held while writing so two saves cannot interleave.
func (s *Store) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.path == "" {
		return errors.New("request history has no file to save to")
	}
	data, err := json.MarshalIndent(fileFormat{Version: formatVersion, Entries: s.entries}, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding request history: %v", err)
	}
	if err := atomicfile.Write(s.path, append(data, '\n')); err != nil {
		return fmt.Errorf("cannot save the request history: %w", err)
	}
	return nil
}
