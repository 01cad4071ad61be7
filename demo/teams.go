package demo

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Microsoft Teams: the All Company group is a team with three channels.
// Teams answers a missing permission with a message that names the
// permissions the API accepts, resource-specific consent (RSC) ones
// included, and the roles the token had. No demo app has an RSC grant, so
// an app without a tenant-wide Teams or group permission (contoso-cert,
// mail-blocked) gets that 403, and graphtui explains RSC.

// TeamIDAllCompany is the team behind the All Company group (teams share
// their group's id).
var TeamIDAllCompany = groupAllCompanyID

// Application permissions the reference lists for the team paths, RSC
// (.Group) ones included as Teams lists them; tokens never carry those.
var (
	rolesTeam = []string{"Team.ReadBasic.All", "TeamSettings.Read.All", "TeamSettings.ReadWrite.All", "Group.Read.All",
		"Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "TeamSettings.Read.Group", "TeamSettings.ReadWrite.Group"}
	rolesChannels = []string{"Channel.ReadBasic.All", "ChannelSettings.Read.All", "ChannelSettings.ReadWrite.All", "Group.Read.All",
		"Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "ChannelSettings.Read.Group", "ChannelSettings.ReadWrite.Group"}
)

var (
	teamType = &entityType{
		name:  "team",
		props: []string{"id", "createdDateTime", "displayName", "description", "isArchived", "visibility", "webUrl"},
	}
	channelType = &entityType{
		name:  "channel",
		props: []string{"id", "createdDateTime", "displayName", "description", "email", "membershipType", "webUrl"},
	}
)

func allCompanyTeam() record {
	return record{
		"id": TeamIDAllCompany, "createdDateTime": iso(tenantCreated.Add(48 * time.Hour)), "displayName": "All Company",
		"description": "Everyone at Contoso", "isArchived": false, "visibility": "public",
		"webUrl": "https://teams.microsoft.com/l/team/19%3aallcompany%40thread.tacv2/conversations?groupId=" + TeamIDAllCompany + "&tenantId=" + TenantGUID,
	}
}

func allCompanyChannels() []record {
	specs := []struct{ name, description, membership string }{
		{"General", "Company-wide news and questions", "standard"},
		{"Announcements", "Posts from the leadership team", "standard"},
		{"Leadership", "Private channel of the leadership team", "private"},
	}
	var out []record
	for i, s := range specs {
		id := "19:" + strings.ReplaceAll(stableID("channel/"+s.name), "-", "") + "@thread.tacv2"
		out = append(out, record{
			"id": id, "createdDateTime": iso(tenantCreated.Add(time.Duration(48+i) * time.Hour)), "displayName": s.name,
			"description": s.description, "email": "", "membershipType": s.membership,
			"webUrl": "https://teams.microsoft.com/l/channel/" + id + "?groupId=" + TeamIDAllCompany + "&tenantId=" + TenantGUID,
		})
	}
	return out
}

func getTeam(c *call, ids []string) {
	if !strings.EqualFold(ids[0], TeamIDAllCompany) {
		c.fail(errTeamNotFound(ids[0]))
		return
	}
	c.single(teamType, "teams", allCompanyTeam(), false)
}

func listChannels(c *call, ids []string) {
	if !strings.EqualFold(ids[0], TeamIDAllCompany) {
		c.fail(errTeamNotFound(ids[0]))
		return
	}
	col := directoryCollection(channelType, "teams('"+TeamIDAllCompany+"')/channels", allCompanyChannels())
	col.eventualCount = false
	c.list(col)
}

// errTeamsMissingRole words the 403 as Teams does: the permissions the API
// accepts, then the roles the token carried.
func errTeamsMissingRole(want, have []string) graphError {
	return graphError{http.StatusForbidden, "Forbidden", fmt.Sprintf(
		"Missing role permissions on the request. API requires one of '%s'. Roles on the request '%s'. Resource specific consent grants on the request ''.",
		strings.Join(want, ", "), strings.Join(have, ", "))}
}

func errTeamNotFound(id string) graphError {
	return graphError{http.StatusNotFound, "NotFound", fmt.Sprintf("No team found with Group Id %s.", id)}
}
