// Package memkeyring is an OS keyring in memory, and one that is broken,
// for the tests of code that saves and reads keyring: secrets. It is used
// only from tests.
package memkeyring

import (
	"sync"

	"github.com/graphtui/graphtui/profiles"
)

// Keyring keeps secrets by service and user. The zero value is empty and
// ready; it is safe for concurrent use.
type Keyring struct {
	mu sync.Mutex
	m  map[string]string
}

// Get returns the secret, or profiles.ErrSecretNotFound as a real keyring
// would.
func (k *Keyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if v, ok := k.m[service+"/"+user]; ok {
		return v, nil
	}
	return "", profiles.ErrSecretNotFound
}

func (k *Keyring) Set(service, user, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m == nil {
		k.m = map[string]string{}
	}
	k.m[service+"/"+user] = secret
	return nil
}

func (k *Keyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.m, service+"/"+user)
	return nil
}

// Len is how many secrets it holds.
func (k *Keyring) Len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.m)
}

// Broken is a keyring backend that is there but fails every call with Err,
// as the Secret Service does when no provider runs or no D-Bus session
// exists.
type Broken struct{ Err error }

func (k Broken) Get(string, string) (string, error) { return "", k.Err }
func (k Broken) Set(string, string, string) error   { return k.Err }
func (k Broken) Delete(string, string) error        { return k.Err }
