package refdata

import (
	"encoding/json"
	"fmt"
	"io"
)

// Permission is what the code reads of a permission in permissions.json.
// Display names are read only to tell real application permissions from
// phantoms; nothing derived from the reference carries prose.
type Permission struct {
	AuthorizationType string            `json:"authorizationType"` // "RSC": resource-specific consent
	Schemes           map[string]Scheme `json:"schemes"`           // by "Application", "DelegatedWork"...
	PathSets          []PathSet         `json:"pathSets"`
}

// Scheme is one way to grant a permission.
type Scheme struct {
	PrivilegeLevel   int    `json:"privilegeLevel"`
	AdminDisplayName string `json:"adminDisplayName"`
}

// PathSet lists the paths a permission allows, for its schemes and
// methods; a path's value holds flags such as
// "least=Application;AlsoRequires=Policy.Read.All", about all of the
// set's methods together.
type PathSet struct {
	SchemeKeys []string          `json:"schemeKeys"`
	Methods    []string          `json:"methods"`
	Paths      map[string]string `json:"paths"`
}

// ReadPermissions decodes permissions.json: each permission by name.
func ReadPermissions(r io.Reader) (map[string]Permission, error) {
	var ref struct {
		Permissions map[string]Permission `json:"permissions"`
	}
	if err := json.NewDecoder(r).Decode(&ref); err != nil {
		return nil, fmt.Errorf("decoding permissions reference: %w", err)
	}
	if len(ref.Permissions) == 0 {
		return nil, fmt.Errorf("permissions reference has no permissions")
	}
	return ref.Permissions, nil
}
