package demo

import "time"

// SharePoint data: the root site, an HR site (the only one the certificate
// app may open through Sites.Selected) and an engineering site.

// Site IDs, in Graph's "hostname,site-collection-id,web-id" form.
const (
	SiteIDRoot        = "contoso.sharepoint.com,4c9e6d3b-a8aa-487d-9613-992249c48e74,f967ce0f-683f-4726-b748-2b183556252f"
	SiteIDHR          = "contoso.sharepoint.com,7af3c7a3-5f28-4f69-9dab-317098e0f38f,fb8eadd7-aaca-4d08-b4dd-aedbf9d31761"
	SiteIDEngineering = "contoso.sharepoint.com,579fa364-98c2-4ef1-b925-0b3586fe612a,cc9c21c5-59bb-4262-9e26-7fa68d037fb0"
)

const siteHRID = SiteIDHR

var (
	siteType = &entityType{
		name: "site",
		props: []string{"id", "createdDateTime", "description", "displayName", "lastModifiedDateTime", "name",
			"webUrl", "root", "siteCollection"},
	}
	listType = &entityType{
		name:  "list",
		props: []string{"id", "createdDateTime", "description", "displayName", "lastModifiedDateTime", "name", "webUrl", "list"},
	}
)

func (d *directory) addSites() {
	const host = "contoso.sharepoint.com"
	specs := []struct {
		id, name, display, description, path string
		lists                                []string
	}{
		{SiteIDRoot, "", "Communication site", "Contoso intranet home", "", []string{"Documents", "Site Pages"}},
		{SiteIDHR, "hr", "Human Resources", "Policies, onboarding and benefits", "/sites/hr", []string{"Documents", "Policies", "Onboarding Checklist"}},
		{SiteIDEngineering, "engineering", "Engineering", "Design documents and runbooks", "/sites/engineering", []string{"Documents", "Runbooks"}},
	}
	created := tenantCreated.Add(3 * 24 * time.Hour)
	for i, s := range specs {
		webURL := "https://" + host + s.path
		site := record{
			"id": s.id, "createdDateTime": iso(created.Add(time.Duration(i) * 24 * time.Hour)), "description": s.description,
			"displayName": s.display, "lastModifiedDateTime": iso(time.Date(2025, 5, 28, 14, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)),
			"name": s.name, "webUrl": webURL, "siteCollection": ordered{{"hostname", host}},
		}
		if s.id == SiteIDRoot {
			site["root"] = ordered{}
		}
		d.sites = append(d.sites, site)
		d.siteByID[s.id] = site
		for j, l := range s.lists {
			template := "genericList"
			if l == "Documents" || l == "Site Pages" {
				template = "documentLibrary"
			}
			d.siteLists[s.id] = append(d.siteLists[s.id], record{
				"id": stableID("list/" + s.id + "/" + l), "createdDateTime": iso(created.Add(time.Duration(i*24+j) * time.Hour)),
				"description": "", "displayName": l, "lastModifiedDateTime": iso(time.Date(2025, 5, 30, 9, j, 0, 0, time.UTC)),
				"name": l, "webUrl": webURL + "/" + l,
				"list": ordered{{"contentTypesEnabled", false}, {"hidden", false}, {"template", template}},
			})
		}
	}
}
