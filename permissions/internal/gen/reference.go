package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// reference is the part of permissions.json the index needs. Display names
// are decoded only to tell real application permissions from phantoms (see
// phantom); the index holds facts only, no prose.
type reference struct {
	Permissions map[string]struct {
		AuthorizationType string `json:"authorizationType"`
		Schemes           map[string]struct {
			PrivilegeLevel   int    `json:"privilegeLevel"`
			AdminDisplayName string `json:"adminDisplayName"`
		} `json:"schemes"`
		PathSets []pathSet `json:"pathSets"`
	} `json:"permissions"`
	// appRoles are the names provisioningInfo.json deploys as application
	// roles (app role IDs) in some cloud.
	appRoles map[string]bool
}

type pathSet struct {
	SchemeKeys []string          `json:"schemeKeys"`
	Methods    []string          `json:"methods"`
	Paths      map[string]string `json:"paths"`
}

const application = "Application"

// readReference decodes permissions.json and provisioningInfo.json.
func readReference(perms, provisioning io.Reader) (*reference, error) {
	var ref reference
	if err := json.NewDecoder(perms).Decode(&ref); err != nil {
		return nil, fmt.Errorf("decoding permissions reference: %w", err)
	}
	if len(ref.Permissions) == 0 {
		return nil, fmt.Errorf("permissions reference has no permissions")
	}
	var prov struct {
		Deployments map[string][]struct {
			Scheme string `json:"scheme"`
		} `json:"permissionDeployments"`
	}
	if err := json.NewDecoder(provisioning).Decode(&prov); err != nil {
		return nil, fmt.Errorf("decoding provisioning reference: %w", err)
	}
	if len(prov.Deployments) == 0 {
		return nil, fmt.Errorf("provisioning reference has no deployments")
	}
	ref.appRoles = map[string]bool{}
	for name, ds := range prov.Deployments {
		for _, d := range ds {
			if d.Scheme == application {
				ref.appRoles[name] = true
			}
		}
	}
	return &ref, nil
}

// phantom reports an Application scheme that is not an application
// permission: no display name, no privilege level, and no app role
// deployed for it (Calendars.ReadBasic, whose role is
// Calendars.ReadBasic.All; typos such as EduRoster.WriteWrite.All). A named
// permission with a level is real even when provisioningInfo.json lacks it
// (Place.ReadWrite.All), so the deployment list alone does not decide.
func (ref *reference) phantom(name string) bool {
	s, ok := ref.Permissions[name].Schemes[application]
	return ok && strings.TrimSpace(s.AdminDisplayName) == "" && s.PrivilegeLevel == 0 && !ref.appRoles[name]
}

// standsFor is the app role a phantom's paths belong to, when the reference
// filed them under a short name: Calendars.ReadBasic.All is an app role
// with no paths of its own, and its paths are listed for the phantom
// Calendars.ReadBasic's Application scheme. Other phantoms have no such
// twin, and their paths stay delegated only.
func (ref *reference) standsFor(phantom string) (string, bool) {
	twin := phantom + ".All"
	p, ok := ref.Permissions[twin]
	if _, app := p.Schemes[application]; !ok || !app || !ref.appRoles[twin] {
		return "", false
	}
	for _, ps := range p.PathSets {
		if ps.forApplication() {
			return "", false
		}
	}
	return twin, true
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
