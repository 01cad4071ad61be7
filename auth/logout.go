package auth

// DeleteCached deletes the tokens cached for the profile called name, in
// memory and on disk, and reports how many disk entries went. The next
// token for it comes from the identity provider, whatever MSAL still holds.
func (m *Manager) DeleteCached(name string) (int, error) {
	m.dropMemory(name)
	return m.opts.Cache.remove(name)
}

// DeleteAllCached deletes every cached token, in memory and on disk (the
// cache file itself goes).
func (m *Manager) DeleteAllCached() (int, error) {
	m.dropMemory("")
	return m.opts.Cache.remove("")
}

// Cache is the persistent cache the Manager uses; nil when tokens stay in
// memory only.
func (m *Manager) Cache() *Cache { return m.opts.Cache }

// dropMemory forgets the tokens of name (every profile when name is "").
// The entries stay, marked so that their next token bypasses MSAL's own
// in-memory caches, which outlive a logout.
func (m *Manager) dropMemory(name string) {
	m.mu.Lock()
	var list []*entry
	for n, e := range m.entries {
		if name == "" || n == name {
			list = append(list, e)
		}
	}
	m.mu.Unlock()
	for _, e := range list {
		e.lock <- struct{}{}
		e.setToken(nil)
		e.bypass = true
		<-e.lock
	}
}
