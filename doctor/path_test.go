package doctor

import (
	"slices"
	"testing"
)

func TestParsePath(t *testing.T) {
	cases := map[string][]string{
		"https://graph.microsoft.com/v1.0/users/ava%40contoso.com/messages?$top=5": {"users", "ava@contoso.com", "messages"},
		"/beta/users('ava@contoso.com')/mailFolders/inbox":                         {"users", "ava@contoso.com", "mailFolders", "inbox"},
		"users(userPrincipalName='ava@contoso.com')/events":                        {"users", "ava@contoso.com", "events"},
		"/users/delta()?$deltatoken=x":                                             {"users", "delta"},
		"/reports/getOffice365ActiveUserDetail(period='D7')":                       {"reports", "getOffice365ActiveUserDetail", "D7"},
		"/me/calendarView(startDateTime='a',endDateTime='b')":                      {"me", "calendarView"},
		"https://graph.microsoft.us":                                               nil,
		"/v1.0/sites/contoso.sharepoint.com:/sites/hr:/lists":                      {"sites", "contoso.sharepoint.com:", "sites", "hr:", "lists"},
		"/users/john_fabrikam.com#EXT#@contoso.onmicrosoft.com/messages#top":       {"users", "john_fabrikam.com#EXT#@contoso.onmicrosoft.com", "messages"},
	}
	for raw, want := range cases {
		if got := parsePath(raw).segs; !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", raw, got, want)
		}
	}
}

func TestWorkloadOfPath(t *testing.T) {
	for raw, want := range map[string]string{
		"/users/a@b.c/messages":           "mailbox",
		"/users/a@b.c/calendar/events":    "mailbox",
		"/users/a@b.c/contacts":           "mailbox",
		"/users/a@b.c":                    "",
		"/sites/root/lists":               "sites",
		"/drives/b!x/root/children":       "sites",
		"/groups/g1/drive/root":           "sites",
		"/teams/t1/channels":              "teams",
		"/chats/19:x/messages":            "teams",
		"/users/a@b.c/chats/19:x/members": "teams",
		"/me":                             "me",
	} {
		p := parsePath(raw)
		got := ""
		switch {
		case p.isMailbox():
			got = "mailbox"
		case p.isSites():
			got = "sites"
		case p.isTeams():
			got = "teams"
		case p.isMe():
			got = "me"
		}
		if got != want {
			t.Errorf("%s: %q, want %q", raw, got, want)
		}
	}
}
