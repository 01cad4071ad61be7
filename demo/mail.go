package demo

import (
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strings"
	"time"
)

// Mailbox data: the CEO's mailbox (outside the mail-blocked app's access
// policy), the shared support mailbox (inside it) and the support lead's.

var (
	messageType = &entityType{
		name: "message",
		props: []string{"id", "createdDateTime", "lastModifiedDateTime", "receivedDateTime", "sentDateTime",
			"hasAttachments", "subject", "bodyPreview", "importance", "parentFolderId", "conversationId",
			"isRead", "isDraft", "webLink", "body", "sender", "from", "toRecipients", "ccRecipients"},
	}
	mailFolderType = &entityType{
		name: "mailFolder",
		props: []string{"id", "displayName", "parentFolderId", "childFolderCount", "unreadItemCount",
			"totalItemCount", "isHidden"},
	}
)

type mailbox struct {
	folders  []record
	messages []record // newest first
}

// wellKnownFolders maps Graph's well-known folder names to display names.
var wellKnownFolders = []struct{ wellKnown, display string }{
	{"inbox", "Inbox"}, {"drafts", "Drafts"}, {"sentitems", "Sent Items"}, {"deleteditems", "Deleted Items"}, {"archive", "Archive"},
}

type mailSpec struct {
	folder   string // well-known name
	from     string // nick of a story user, or an outside address
	subject  string
	body     string
	read     bool
	high     bool
	attached bool
}

var mailboxes = map[string][]mailSpec{
	"ava.thompson": {
		{"inbox", "ben.okafor", "Q3 forecast: final numbers", "The revised forecast is attached. Revenue is 4% above plan; travel spend needs a look.", false, true, true},
		{"inbox", "chloe.martin", "Platform migration go/no-go", "We are ready to migrate on Saturday. Rollback plan is in the runbook.", false, false, false},
		{"inbox", "farah.haddad", "Offer letter for the new Lyon hire", "Please approve the offer before Friday so we can send it.", true, true, false},
		{"inbox", "board@fabrikam-partners.example", "Board pack for next meeting", "Attached is the board pack. Please review section 3 before Thursday.", false, false, true},
		{"inbox", "hannah.novak", "Northwind renewal signed", "Northwind renewed for three years. Champagne is in the fridge.", true, false, false},
		{"inbox", "george.lin", "Reminder: MFA registration", "Please register a second authentication method by the end of the month.", true, false, false},
		{"inbox", "emma.schultz", "Customer escalation: Tailspin Toys", "Tailspin Toys escalated a billing issue; I am handling it and will report back.", false, false, false},
		{"inbox", "diego.alvarez", "Demo of the new search feature", "Would you have 20 minutes on Wednesday for a demo?", true, false, false},
		{"inbox", "ben.okafor", "Audit kickoff", "The external auditors start on Monday; they will need a room in London HQ.", true, false, false},
		{"inbox", "press@contoso-news.example", "Interview request", "A trade magazine would like a 30-minute interview about Contoso's growth.", true, false, false},
		{"inbox", "chloe.martin", "Hiring plan for H2", "Draft hiring plan for engineering is ready for your comments.", true, false, true},
		{"sentitems", "ava.thompson", "Re: Q3 forecast: final numbers", "Thanks Ben, let's discuss travel spend on Monday.", true, false, false},
	},
	"support": {
		{"inbox", "orders@tailspintoys.example", "Invoice 4471 charged twice", "We were charged twice for invoice 4471. Please refund one payment.", false, true, false},
		{"inbox", "it@northwind.example", "Cannot reset password", "Our admin cannot reset a user's password in the portal.", false, false, false},
		{"inbox", "ops@wingtip.example", "Feature request: CSV export", "Could the monthly report be exported as CSV?", true, false, false},
		{"inbox", "help@adatum.example", "Login page slow this morning", "The login page took 30 seconds to load between 8 and 9 am.", true, false, true},
		{"inbox", "emma.schultz", "Weekend rota", "Rota for the next four weekends is in the team channel.", true, false, false},
		{"sentitems", "support", "Re: Invoice 4471 charged twice", "We have refunded the duplicate payment; it will show within 5 days.", true, false, false},
	},
	"emma.schultz": {
		{"inbox", "ava.thompson", "Well done on Tailspin", "Great handling of the Tailspin escalation. Thank you!", false, false, false},
		{"inbox", "george.lin", "New headset arrived", "Your new headset is at the Berlin front desk.", true, false, false},
		{"inbox", "support", "Weekly ticket summary", "41 tickets opened, 39 closed, median first response 22 minutes.", true, false, true},
	},
}

func (d *directory) addMailboxes() {
	for nick, specs := range mailboxes {
		owner := d.user(userIDOf(nick))
		mb := &mailbox{}
		folderID := map[string]string{}
		for _, f := range wellKnownFolders {
			folderID[f.wellKnown] = mailID("AQMkAGRlbW8", nick+"/folder/"+f.wellKnown)
		}
		unread := map[string]int{}
		total := map[string]int{}
		at := time.Date(2025, 6, 3, 16, 20, 0, 0, time.UTC)
		for i, s := range specs {
			received := at.Add(-time.Duration(i) * 97 * time.Minute)
			id := mailID("AAMkAGRlbW8", nick+"/message/"+s.subject)
			importance := "normal"
			if s.high {
				importance = "high"
			}
			from := d.address(s.from)
			m := record{
				"id": id, "createdDateTime": iso(received), "lastModifiedDateTime": iso(received.Add(time.Minute)),
				"receivedDateTime": iso(received), "sentDateTime": iso(received.Add(-20 * time.Second)),
				"hasAttachments": s.attached, "subject": s.subject, "bodyPreview": s.body, "importance": importance,
				"parentFolderId": folderID[s.folder], "conversationId": mailID("AAQkAGRlbW8", nick+"/conversation/"+strings.TrimPrefix(s.subject, "Re: ")),
				"isRead": s.read, "isDraft": false,
				"webLink": "https://outlook.office365.com/owa/?ItemID=" + url.QueryEscape(id) + "&exvsurl=1&viewmodel=ReadMessageItem",
				"body":    ordered{{"contentType", "text"}, {"content", s.body}},
				"sender":  from, "from": from,
				"toRecipients": []ordered{d.address(nick)}, "ccRecipients": []ordered{},
			}
			if s.folder == "sentitems" { // a reply goes to whoever wrote the original
				for _, orig := range specs {
					if "Re: "+orig.subject == s.subject {
						m["toRecipients"] = []ordered{d.address(orig.from)}
					}
				}
			}
			mb.messages = append(mb.messages, m)
			total[s.folder]++
			if !s.read {
				unread[s.folder]++
			}
		}
		root := mailID("AQMkAGRlbW8", nick+"/folder/root")
		for _, f := range wellKnownFolders {
			mb.folders = append(mb.folders, record{
				"id": folderID[f.wellKnown], "displayName": f.display, "parentFolderId": root, "childFolderCount": 0,
				"unreadItemCount": unread[f.wellKnown], "totalItemCount": total[f.wellKnown], "isHidden": false,
			})
		}
		d.mailboxes[owner["id"].(string)] = mb
	}
}

// address is an emailAddress recipient for a story user's nick or an
// outside address.
func (d *directory) address(who string) ordered {
	if !strings.Contains(who, "@") {
		if u := d.user(userIDOf(who)); u != nil {
			return ordered{{"emailAddress", ordered{{"name", u["displayName"]}, {"address", u["mail"]}}}}
		}
	}
	name := strings.SplitN(who, "@", 2)[0]
	return ordered{{"emailAddress", ordered{{"name", name}, {"address", who}}}}
}

// mailID makes an Exchange-looking item ID that is stable for a name.
func mailID(prefix, name string) string {
	sum := sha256.Sum256([]byte(name))
	return prefix + "AAA" + base64.RawURLEncoding.EncodeToString(sum[:]) + "AAA="
}

// folder finds a mail folder by ID or well-known name.
func (mb *mailbox) folder(key string) record {
	for i, f := range wellKnownFolders {
		if strings.EqualFold(key, f.wellKnown) {
			return mb.folders[i]
		}
	}
	return findByID(mb.folders, key)
}

func (mb *mailbox) inFolder(folderID string) []record {
	var out []record
	for _, m := range mb.messages {
		if m["parentFolderId"] == folderID {
			out = append(out, m)
		}
	}
	return out
}
