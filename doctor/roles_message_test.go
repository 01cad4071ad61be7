package doctor

import (
	"slices"
	"strings"
	"testing"
)

func TestRequiredRoles(t *testing.T) {
	cases := []struct {
		msg           string
		required, had []string
	}{
		{"Missing role permissions on the request. API requires one of 'ChannelMessage.Read.All, ChannelMessage.Read.Group'. Roles on the request ''.",
			[]string{"ChannelMessage.Read.All", "ChannelMessage.Read.Group"}, nil},
		{"Caller does not have access. API requires one of 'Chat.Read.All, Chat.ReadWrite.All'. Roles on the request 'User.Read.All, Group.Read.All'. Resource specific consent grants on the request ''.",
			[]string{"Chat.Read.All", "Chat.ReadWrite.All"}, []string{"User.Read.All", "Group.Read.All"}},
		{"Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementApps.Read.All, DeviceManagementApps.ReadWrite.All",
			[]string{"DeviceManagementApps.Read.All", "DeviceManagementApps.ReadWrite.All"}, nil},
		{"Missing scope permissions on the request. API requires one of \"Mail.Read\" or \"Mail.ReadWrite\". Scopes on the request \"User.Read\"",
			[]string{"Mail.Read", "Mail.ReadWrite"}, []string{"User.Read"}},
		{"API requires one of 'Mail.Read'. 'Other.Thing' is unrelated.", []string{"Mail.Read"}, nil},
		{"api requires ONE OF ‘Sites.Read.All, Sites.Selected’.", []string{"Sites.Read.All", "Sites.Selected"}, nil},
		{"Required permissions: Reports.Read.All. Contact your administrator.", []string{"Reports.Read.All"}, nil},
		{"Either scp or roles claim need to be present in the token.", nil, nil},
		{"Insufficient privileges to complete the operation.", nil, nil},
		{"API requires one of 'v1.0, e.g, User.Read.All, User.Read.All, https://graph.microsoft.com'.", []string{"User.Read.All"}, nil},
		{"", nil, nil},
	}
	for _, c := range cases {
		req, had := requiredRoles(c.msg)
		if !slices.Equal(req, c.required) || !slices.Equal(had, c.had) {
			t.Errorf("%q:\n got %v / %v\nwant %v / %v", c.msg, req, had, c.required, c.had)
		}
	}
}

// FuzzRequiredRoles: any message, however hostile, gives permission-shaped
// names taken from the message, without duplicates and within the cap.
func FuzzRequiredRoles(f *testing.F) {
	f.Add("API requires one of 'ChannelMessage.Read.All, ChannelMessage.Read.Group'. Roles on the request ''.")
	f.Add("Application must have one of the following scopes: A.B, C.D")
	f.Add("requires one of '")
	f.Add("roles on the request ‘X.Y’ requires one of “Z.W”")
	f.Add("Required permissions:\x00\xff User.Read.All.")
	f.Fuzz(func(t *testing.T, msg string) {
		req, had := requiredRoles(msg)
		for _, list := range [][]string{req, had} {
			if len(list) > maxNames {
				t.Fatalf("%d names, cap is %d", len(list), maxNames)
			}
			seen := map[string]bool{}
			for _, n := range list {
				if !permissionName.MatchString(n) {
					t.Fatalf("%q is not a permission name", n)
				}
				if !strings.Contains(msg, n) {
					t.Fatalf("%q is not in the message", n)
				}
				if seen[strings.ToLower(n)] {
					t.Fatalf("%q twice", n)
				}
				seen[strings.ToLower(n)] = true
			}
		}
	})
}
