package refdata

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Deployment is one deployment of a permission in provisioningInfo.json:
// Scheme "Application" is an app role, ID its app role id in the cloud
// Environment names.
type Deployment struct {
	ID          string `json:"id"`
	Scheme      string `json:"scheme"`
	Environment string `json:"environment"`
}

// ReadDeployments decodes provisioningInfo.json: each permission name with
// its deployments.
func ReadDeployments(r io.Reader) (map[string][]Deployment, error) {
	var prov struct {
		Deployments map[string][]Deployment `json:"permissionDeployments"`
	}
	if err := json.NewDecoder(r).Decode(&prov); err != nil {
		return nil, fmt.Errorf("decoding provisioning reference: %w", err)
	}
	if len(prov.Deployments) == 0 {
		return nil, fmt.Errorf("provisioning reference has no deployments")
	}
	return prov.Deployments, nil
}

// AppRoleIDs are the names deployed as application roles in some cloud,
// each with its app role id ("" where the reference gives none). The
// public cloud's id wins; the same role has the same id in every cloud the
// reference lists. resourceAppId is not consulted: it names where a
// permission was first defined (Azure AD Graph, SharePoint...), and
// Microsoft Graph deploys the same id.
func AppRoleIDs(deployments map[string][]Deployment) map[string]string {
	ids := map[string]string{}
	for name, ds := range deployments {
		for _, d := range ds {
			if d.Scheme != "Application" {
				continue
			}
			if id, seen := ids[name]; !seen || id == "" || strings.Contains(strings.ToLower(d.Environment), "public") && d.ID != "" {
				ids[name] = d.ID
			}
		}
	}
	return ids
}
