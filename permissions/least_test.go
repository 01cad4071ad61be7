package permissions

import (
	"slices"
	"testing"
)

// What the reference data says for GET, with the generator's rules
// applied (see doc.go). Each case names the rule it pins.
func TestLeastPrivileged(t *testing.T) {
	cases := []struct {
		why, path string
		least     []string
		notLeast  []string // allowed, but must not be named least
	}{
		{"the reference flags ReadBasic and ReadWrite; ReadWrite's flag is on a [GET, POST] pathSet",
			"/users", []string{"User.ReadBasic.All"}, []string{"User.ReadWrite.All", "User.Read.All"}},
		{"literal path with its own flag", "/users/delta", []string{"User.Read.All"}, []string{"Directory.Read.All"}},
		{"Mail.ReadWrite's flag covers GET and POST together",
			"/users/adele@contoso.com/messages", []string{"Mail.ReadBasic.All"}, []string{"Mail.ReadWrite", "Mail.Read"}},
		{"a flagged write name on a GET-only pathSet loses to a flagged read-only one",
			"/groups", []string{"Group.ReadBasic.All"}, []string{"Group-NestingSupport.ReadWrite.All"}},
		{"a flagged write name on a [GET, POST] pathSet must not win for GET",
			"/applications", []string{"Application.Read.All"}, []string{"Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"}},
		{"tenant-wide before resource-specific consent, although only the RSC one is flagged for Application",
			"/teams/t/channels/c/messages", []string{"ChannelMessage.Read.All"}, []string{"ChannelMessage.Read.Group", "Group.Read.All"}},
		{"no Application flag: the delegated flag hints, read-only wins",
			"/directory/administrativeUnits", []string{"AdministrativeUnit.Read.All"}, []string{"AdministrativeUnit.ReadWrite.All", "Directory.Read.All"}},
		{"several equally least privileged",
			"/devices/d/cloudLicensing/assignments", []string{"Device.Read.All", "Directory.Read.All"}, nil},
		{"only an RSC permission allows it", "/chats/c/messages/m/hostedContents/h/$value", []string{"ChatMessage.Read.Chat"}, nil},
		{"sites", "/sites/contoso.sharepoint.com,1,2/lists", []string{"Sites.Read.All"}, []string{"Sites.ReadWrite.All"}},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			m, ok := Lookup(c.path)
			if !ok || !m.AppOnly {
				t.Fatalf("Lookup(%q) = %+v, %v; want an app-callable match", c.path, m, ok)
			}
			got := slices.Sorted(slices.Values(m.Least))
			if !slices.Equal(got, c.least) {
				t.Errorf("%s\nLeast = %v, want %v (all: %v)", c.why, m.Least, c.least, m.All)
			}
			for _, p := range c.notLeast {
				if !slices.Contains(m.All, p) {
					t.Errorf("%s is missing from All %v", p, m.All)
				}
				if slices.Contains(m.Least, p) {
					t.Errorf("%s\n%s must not be least privileged", c.why, p)
				}
			}
			if !slices.Equal(m.All[:len(m.Least)], m.Least) {
				t.Errorf("All %v must start with Least %v", m.All, m.Least)
			}
		})
	}
}

// Least is one pick plus co-least alternatives, and where the reference
// prefers a resource-specific consent permission, it is named beside the
// tenant-wide pick.
func TestLeastPickCoLeastAndRSC(t *testing.T) {
	m, _ := Lookup("/devices/d/cloudLicensing/assignments")
	if m.Least[0] != "Device.Read.All" || !slices.Equal(m.CoLeast, []string{"Directory.Read.All"}) {
		t.Errorf("pick %q, co-least %v; want Device.Read.All, [Directory.Read.All]", m.Least[0], m.CoLeast)
	}
	m, _ = Lookup("/users")
	if len(m.CoLeast) != 0 || m.CoLeast == nil || len(m.RSC) != 0 || m.RSC == nil {
		t.Errorf("/users: co-least %#v, RSC %#v; want empty, not nil", m.CoLeast, m.RSC)
	}
	for path, rsc := range map[string]string{
		"/teams/t/channels/c/messages":    "ChannelMessage.Read.Group",
		"/chats/c/messages":               "ChatMessage.Read.Chat",
		"/teams/t/channels/c/messages/m1": "ChannelMessage.Read.Group",
	} {
		m, _ := Lookup(path)
		if !slices.Contains(m.RSC, rsc) || IsRSC(m.Least[0]) {
			t.Errorf("%s: least %v, RSC %v; want a tenant-wide least and %s in RSC", path, m.Least, m.RSC, rsc)
		}
	}
	// Only an RSC permission allows it: it is the pick, not an aside.
	m, _ = Lookup("/chats/c/messages/m/hostedContents/h/$value")
	if len(m.RSC) != 0 || m.Least[0] != "ChatMessage.Read.Chat" {
		t.Errorf("least %v, RSC %v", m.Least, m.RSC)
	}
}

// All is ordered least privileged first: among the permissions the
// reference does not flag, read-only ones from GET-only pathSets come by
// privilege level, and write ones after them.
func TestAllOrder(t *testing.T) {
	m, _ := Lookup("/users")
	pos := func(p string) int {
		i := slices.Index(m.All, p)
		if i < 0 {
			t.Fatalf("%s not in All %v", p, m.All)
		}
		return i
	}
	if pos("User.Read.All") > pos("DeviceManagementConfiguration.Read.All") {
		t.Errorf("privilege 3 User.Read.All after privilege 4 DeviceManagementConfiguration.Read.All: %v", m.All)
	}
	if pos("Directory.Read.All") > pos("Directory.ReadWrite.All") {
		t.Errorf("read-only after write: %v", m.All)
	}
	if pos("User.ReadWrite.All") < pos("User.Read.All") {
		t.Errorf("a write permission flagged on [GET, POST] ranks before a read-only one: %v", m.All)
	}
}

func TestPrivilegeAndKnown(t *testing.T) {
	for name, level := range map[string]int{
		"User.Read.All": 3, "User.ReadWrite.All": 4, "Directory.ReadWrite.All": 4,
		"Mail.Send": 3, "TeamSettings.Read.Group": 2, "user.read.all": 3,
	} {
		if got := Privilege(name); got != level {
			t.Errorf("Privilege(%s) = %d, want %d", name, got, level)
		}
		if !IsKnown(name) {
			t.Errorf("IsKnown(%s) = false", name)
		}
	}
	for _, name := range []string{"", "User.Read.Everything", "Calendars.ReadBasic.Delegated"} {
		if IsKnown(name) || Privilege(name) != 0 {
			t.Errorf("%q: known %v, privilege %d; want unknown, 0", name, IsKnown(name), Privilege(name))
		}
	}
	// Delegated-only permissions are not app roles.
	if IsKnown("User.Read") {
		t.Error("IsKnown(User.Read) = true; it has no Application scheme")
	}
	if !IsRSC("ChannelMessage.Read.Group") || IsRSC("ChannelMessage.Read.All") {
		t.Error("IsRSC: ChannelMessage.Read.Group is resource-specific, ChannelMessage.Read.All is not")
	}
}
