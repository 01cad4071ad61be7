package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// reference is the part of permissions.json the index needs. Display names
// and descriptions are deliberately not decoded: the index holds facts only.
type reference struct {
	Permissions map[string]struct {
		AuthorizationType string `json:"authorizationType"`
		Schemes           map[string]struct {
			PrivilegeLevel int `json:"privilegeLevel"`
		} `json:"schemes"`
		PathSets []pathSet `json:"pathSets"`
	} `json:"permissions"`
}

type pathSet struct {
	SchemeKeys []string          `json:"schemeKeys"`
	Methods    []string          `json:"methods"`
	Paths      map[string]string `json:"paths"`
}

const application = "Application"

func readReference(r io.Reader) (*reference, error) {
	var ref reference
	if err := json.NewDecoder(r).Decode(&ref); err != nil {
		return nil, fmt.Errorf("decoding permissions reference: %w", err)
	}
	if len(ref.Permissions) == 0 {
		return nil, fmt.Errorf("permissions reference has no permissions")
	}
	return &ref, nil
}

func (ps pathSet) has(list []string, want string) bool {
	for _, s := range list {
		if strings.EqualFold(s, want) {
			return true
		}
	}
	return false
}

func (ps pathSet) allowsGET() bool { return ps.has(ps.Methods, "GET") }

// getOnly: a least= flag on a GET-only pathSet is about GET; on a mixed
// pathSet it may have been meant for the other methods.
func (ps pathSet) getOnly() bool { return len(ps.Methods) == 1 && ps.allowsGET() }

func (ps pathSet) forApplication() bool { return ps.has(ps.SchemeKeys, application) }

// leastSchemes parses a path's flags, e.g.
// "least=DelegatedWork,Application;AlsoRequires=Policy.Read.All".
func leastSchemes(flags string) []string {
	for _, part := range strings.Split(flags, ";") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(part), "least="); ok {
			return strings.Split(v, ",")
		}
	}
	return nil
}

// readOnly reports whether a permission's operation (the part after the
// resource, e.g. "ReadBasic" in User.ReadBasic.All) only reads. Anything
// else (ReadWrite, Manage, Send, Create, FullControl, Selected...) may change
// data or is scoped differently, so it ranks after read-only names for GET.
func readOnly(name string) bool {
	parts := strings.Split(name, ".")
	if len(parts) < 2 {
		return false
	}
	op := parts[1]
	return strings.HasPrefix(op, "Read") && !strings.Contains(op, "Write")
}
